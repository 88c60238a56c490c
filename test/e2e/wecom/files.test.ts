/**
 * 导出 on WeCom (issue 17; COMMANDS.md second wave 导出): each file is uploaded as temporary
 * media (POST media/upload?type=file, multipart part `media` with filename, filelength and a
 * content-type), then sent with message/send msgtype `file` and its media_id. The fake checks
 * the form as the API documents it (https://developer.work.weixin.qq.com/document/path/90253).
 */
import { ChatFile } from '../../../src/db/entities';
import { closeMonth } from '../../../src/services/payroll';
import { SAMPLE_APP, SAMPLE_SECRETS } from '../../fakes/wecom-server';
import { WecomRig } from '../../fakes/wecom-server/wecom-e2e-rig';
import { serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** A multipart body by hand: one part `name` with the given disposition parameters and headers. */
function form(part: { name: string; params?: string; type?: string; data: Buffer } | null): { body: Buffer; type: string } {
  const b = 'xxBOUNDARYxx';
  if (!part) return { body: Buffer.from(`--${b}--\r\n`), type: `multipart/form-data; boundary=${b}` };
  const head = `--${b}\r\nContent-Disposition: form-data; name="${part.name}"${part.params ?? ''}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
  return { body: Buffer.concat([Buffer.from(head), part.data, Buffer.from(`\r\n--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}

for (const kind of dbKinds()) {
  describe(`WeCom: 导出 sends the payroll as files [${kind}]`, () => {
    let rig: WecomRig;
    beforeAll(async () => {
      rig = await WecomRig.start(kind, [
        { name: '王强', role: 'supervisor', userid: 'wangqiang' },
        { name: '张伟', role: 'agent', userid: 'zhangwei' },
        { name: '赵敏', role: 'admin', userid: 'zhaomin' },
      ]);
    });
    afterAll(() => rig?.close());

    const upload = async (type: string, f: { body: Buffer; type: string }) => {
      const t = await fetch(`${rig.fake.url}/cgi-bin/gettoken?corpid=${SAMPLE_SECRETS.corpId}&corpsecret=${SAMPLE_APP.secret}`);
      const token = ((await t.json()) as any).access_token;
      const res = await fetch(`${rig.fake.url}/cgi-bin/media/upload?access_token=${token}&type=${type}`, { method: 'POST', headers: { 'content-type': f.type }, body: f.body });
      return ((await res.json()) as any).errcode as number;
    };

    test('the fake refuses an upload as WeCom does: no media part 44001, no filename or content-type 40005, filelength missing or wrong or ≤ 5 bytes 40006, a bad type 40004', async () => {
      const data = Buffer.from('a,b\r\n1,2\r\n');
      const ok = { name: 'media', params: `; filename="a.csv"; filelength=${data.length}`, type: 'text/csv', data };
      expect(await upload('file', form(null))).toBe(44001);
      expect(await upload('file', form({ ...ok, name: 'file' }))).toBe(44001);
      expect(await upload('file', form({ ...ok, params: `; filelength=${data.length}` }))).toBe(40005);
      expect(await upload('file', form({ ...ok, type: undefined }))).toBe(40005);
      expect(await upload('file', form({ ...ok, params: '; filename="a.csv"' }))).toBe(40006);
      expect(await upload('file', form({ ...ok, params: '; filename="a.csv"; filelength=3' }))).toBe(40006);
      expect(await upload('file', form({ ...ok, params: '; filename="a.csv"; filelength=5', data: Buffer.from('12345') }))).toBe(40006);
      expect(await upload('document', form(ok))).toBe(40004);
      expect(await upload('file', form(ok))).toBe(0);
    });

    test('an admin\'s 导出 11月: two uploads (type=file, the file names, filelength, bytes as stored), then two file messages with their media_ids after the summary', async () => {
      await closeMonth(serviceContext(rig.bot.ds), '2026-11', { now: sh('2026-12-01 01:00:00') });
      const delivery = await rig.text('赵敏', '导出 11月', '2026-12-03 10:00:00');
      expect(delivery.status).toBe(200);
      await rig.drained();
      const sent = rig.fake.messagesTo('zhaomin');
      expect(sent.map((r) => r.body.msgtype)).toEqual(['text', 'file', 'file']);
      expect(sent[0].body.text.content).toMatch(/^2026年11月工资表：3 人，应发合计 3000\.00 元。/);

      // The bot's uploads (the fake's own check above made one more before them).
      const uploads = rig.fake.calls('media/upload').slice(-2);
      expect(uploads.map((u) => [u.query.type, /name="media"; filename="[^"]+"; filelength=\d+\r\nContent-Type: /.test(u.raw!.toString('utf8'))])).toEqual([['file', true], ['file', true]]);
      const media = sent.slice(1).map((r) => rig.fake.uploads.get(r.body.file.media_id)!);
      expect(media.map((m) => [m.fileName, m.mimeType])).toEqual([
        ['工资表-2026-11.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['payroll-2026-11.csv', 'text/csv'],
      ]);
      const stored = await rig.bot.ds.getRepository(ChatFile).find({ order: { id: 'ASC' } });
      expect(media.map((m, i) => m.content.equals(Buffer.from(stored[i].content)))).toEqual([true, true]);
      // Each file message asks WeCom's duplicate check, like every app message of the outbox.
      expect(sent.slice(1).map((r) => [r.body.touser, r.body.agentid, r.body.enable_duplicate_check])).toEqual([['zhaomin', SAMPLE_APP.agentId, 1], ['zhaomin', SAMPLE_APP.agentId, 1]]);
    });

    test('an agent is refused and nothing is uploaded', async () => {
      const before = rig.fake.calls('media/upload', true).length;
      await rig.text('张伟', '导出 11月', '2026-12-03 10:05:00');
      const [reply] = await rig.inbox('张伟', 1);
      expect(reply).toBe('「导出」只有管理员可以使用。发送「帮助」查看你能用的命令。');
      expect(rig.fake.calls('media/upload', true).length).toBe(before);
    });
  });
}
