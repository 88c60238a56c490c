import { Attachment, CustomerRecord, LeaveRequest } from '../../../src/db/entities';
import { send } from '../../helpers/http-client';
import { POLICY } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';
import { plain, startWebChat, TINY_PNG, type WebChatRig } from './web-chat-kit';

const isMessage = (pattern: RegExp) => (e: any) => (e.type === 'message' || e.type === 'update') && pattern.test(plain(e));
const upload = (rig: WebChatRig, name: string, content: Buffer, as = 'E002') => rig.api('/api/web/files', { as, chat: 'direct', name, data: content.toString('base64') });

/**
 * Issue 17 "The web chat takes what users paste": the file button sends a sick note as the
 * platforms' file messages do (H-14: sick leave needs the note before it can be approved), and
 * pasted Excel rows reach the 客户 grammar with their tabs (H-3).
 */
for (const kind of dbKinds()) {
  describe(`web chat: files and pasted rows [${kind}]`, () => {
    let rig: WebChatRig;
    const attachments = () => rig.ds.getRepository(Attachment).count();
    beforeAll(async () => {
      rig = await startWebChat(kind);
    });
    afterAll(() => rig.close());

    test('H-14: a sick note image sent with the file button is attached, and only then the supervisor can approve', async () => {
      const agent = await rig.listen('E002');
      const boss = await rig.listen('E001');
      await rig.api('/api/web/messages', { as: 'E002', chat: 'direct', text: '请假 病假 12月7日 全天 发烧' });
      const asked = await agent.waitFor(isMessage(/已提交请假 L\d+/));
      const id = Number(/L(\d+)/.exec(plain(asked))?.[1]);
      await boss.waitFor(isMessage(new RegExp(`请假审批 L${id}`)));
      await rig.api('/api/web/messages', { as: 'E001', chat: 'direct', text: `同意 L${id}` });
      await boss.waitFor(isMessage(/病假条/));
      expect((await rig.ds.getRepository(LeaveRequest).findOneByOrFail({ id })).status).toBe('pending');

      const sent = await upload(rig, 'C:\\fakepath\\病假条.png', TINY_PNG);
      expect(sent).toMatchObject({ status: 200, json: { status: 'handled' } });
      const bubble = await agent.waitFor((e) => e.type === 'message' && e.item.from.kind === 'person' && /病假条\.png/.test(plain(e)));
      expect(plain(bubble)).toMatch(/PNG 图片 · 70 字节/);
      await agent.waitFor(isMessage(new RegExp(`已将病假条附在请假 L${id} 上`)));
      const leave = await rig.ds.getRepository(LeaveRequest).findOneByOrFail({ id });
      const note = await rig.ds.getRepository(Attachment).findOneByOrFail({ id: leave.attachmentId as number });
      expect(note).toMatchObject({ platform: 'web', fileName: '病假条.png', mimeType: 'image/png', size: TINY_PNG.length });
      expect(Buffer.from(note.content).equals(TINY_PNG)).toBe(true);

      await rig.api('/api/web/messages', { as: 'E001', chat: 'direct', text: `同意 L${id}` });
      await agent.waitFor(isMessage(new RegExp(`L${id}.*已批准|已批准.*L${id}`)));
      expect((await rig.ds.getRepository(LeaveRequest).findOneByOrFail({ id })).status).toBe('approved');
    });

    test('a file with no sick leave waiting is not stored, and the sender is told why', async () => {
      const agent = await rig.listen('E003');
      const before = await attachments();
      expect((await upload(rig, 'note.png', TINY_PNG, 'E003')).json.status).toBe('handled');
      await agent.waitFor(isMessage(/病假/));
      expect(await attachments()).toBe(before);
    });

    test('too big: 413 with the size and the limit (attachments.maxBytes), nothing stored', async () => {
      const before = await attachments();
      const big = Buffer.concat([TINY_PNG, Buffer.alloc(POLICY.attachments.maxBytes + 1 - TINY_PNG.length)]);
      const r = await upload(rig, '体检报告.png', big);
      expect(r.status).toBe(413);
      expect(r.json.error).toBe('文件「体检报告.png」有 5.1 MB，超过了 5 MB 的上限，没有发送。请压缩图片或截图后再发。');
      expect(await attachments()).toBe(before);
      // Exactly the limit is taken as far as size goes (its type is checked next).
      const exact = await upload(rig, 'exact.bin', Buffer.alloc(POLICY.attachments.maxBytes, 0x41));
      expect(exact.status).toBe(415);
    });

    test('wrong type by content: a renamed document is refused with 415 and a reason, whatever its name says', async () => {
      const before = await attachments();
      const zip = Buffer.from('504b0304140006000800000021000000', 'hex');
      const r = await upload(rig, '病假条.jpg', zip);
      expect(r.status).toBe(415);
      expect(r.json.error).toMatch(/^文件「病假条\.jpg」不是图片或 PDF，没有发送：只收JPG、PNG、GIF、WebP、HEIC 图片或 PDF 文件/);
      expect((await upload(rig, 'empty.png', Buffer.alloc(0))).json.error).toBe('文件「empty.png」是空的，请重新选择。');
      expect((await rig.api('/api/web/files', { as: 'E002', chat: 'direct', name: 'x.png', data: '%%%not base64' })).status).toBe(400);
      expect(await attachments()).toBe(before);
    });

    test('the upload keeps the browser guard: foreign Origin 403, a form post 415, a foreign Host 421', async () => {
      const port = rig.running.port;
      const body = JSON.stringify({ as: 'E002', chat: 'direct', name: 'a.png', data: TINY_PNG.toString('base64') });
      const before = await attachments();
      const cases: Array<[Record<string, string>, number]> = [
        [{ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', Origin: 'http://evil.example' }, 403],
        [{ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, 403],
        [{ Host: `127.0.0.1:${port}`, 'Content-Type': 'multipart/form-data; boundary=x' }, 415],
        [{ Host: 'evil.example', 'Content-Type': 'application/json' }, 421],
      ];
      for (const [headers, status] of cases) {
        const r = await send(port, { method: 'POST', path: '/api/web/files', headers, body });
        expect([r.status, typeof r.json().error]).toEqual([status, 'string']);
      }
      // A body past the route's own limit (the largest file in base64) is cut off before it is read.
      const huge = await send(port, { method: 'POST', path: '/api/web/files', headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'Content-Length': String(20 * 1024 * 1024) } });
      expect(huge.status).toBe(413);
      expect(await attachments()).toBe(before);
    });

    test('H-3: three Excel rows pasted after 客户 arrive with their tabs and become three records', async () => {
      const agent = await rig.listen('E004');
      await rig.api('/api/web/clock', { action: 'on-time' });
      const rows = [
        '华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA',
        '联想\t李\t采购 010-88886666\t50\t无\tB',
        '中兴通讯\t王\t信息部 13900000002\t300\t用友\t',
      ];
      const text = `客户\n${rows.join('\r\n')}\r\n`;
      const said = await rig.api('/api/web/messages', { as: 'E004', chat: 'direct', text });
      expect(said.json.status).toBe('handled');
      const typed = await agent.waitFor((e) => e.type === 'message' && e.item.from.kind === 'person' && /华为技术/.test(e.item.html));
      expect(typed.item.html).toContain('信息部 13900000002\t300\t用友\t');
      await agent.waitFor(isMessage(/已记录 3 条客户记录/));
      const records = await rig.ds.getRepository(CustomerRecord).find({ order: { id: 'ASC' } });
      expect(records.map((r) => [r.company, r.contact, r.phone, r.headcount, r.itStatus, r.grade, r.complete])).toEqual([
        ['华为技术', '张', '13800000000', '200', '已上ERP', 'A', true],
        ['联想', '李', '01088886666', '50', '无', 'B', true],
        ['中兴通讯', '王', '13900000002', '300', '用友', 'C', true],
      ]);
    });

    test('a job\'s message carries the job\'s time, not the delivery\'s: the 17:00 reminder after a jump to 18:05', async () => {
      const agent = await rig.listen('E003');
      const moved = await rig.api('/api/web/clock', { action: 'clock-out' });
      expect(moved.json.clock.label).toMatch(/ 18:05（工作日）$/);
      expect(moved.json.ran).toContain(`例会提醒：${moved.json.clock.label.slice(0, 10)} 发出 1 条例会提醒`);
      const reminder = await agent.waitFor(isMessage(/例会提醒/));
      expect(new Date(reminder.item.at).toISOString()).toBe(new Date(`${moved.json.clock.label.slice(0, 10)}T17:00:00+08:00`).toISOString());
    });
  });
}
