/**
 * 导出 on Feishu (issue 17; COMMANDS.md second wave 导出): the payroll goes out as two file
 * messages, each uploaded first with im/v1/files (multipart file_type, file_name, file), then
 * sent as msg_type `file` with content {"file_key"}. The fake checks the upload's form fields as
 * the API documents them (https://open.feishu.cn/document/server-docs/im-v1/file/create).
 */
import { ChatFile } from '../../../src/db/entities';
import { closeMonth } from '../../../src/services/payroll';
import { startFeishuE2e, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

for (const kind of dbKinds()) {
  describe(`feishu: 导出 sends the payroll as files [${kind}]`, () => {
    let e2e: FeishuE2e;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
    });
    afterAll(() => e2e.close());

    /** A tenant token from the fake, as the SDK gets one. */
    const token = async (): Promise<string> => {
      const res = await fetch(`${e2e.fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: e2e.fake.app.appId, app_secret: e2e.fake.app.appSecret }),
      });
      return ((await res.json()) as any).tenant_access_token;
    };
    const upload = async (form: FormData) => {
      const res = await fetch(`${e2e.fake.url}/open-apis/im/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${await token()}` }, body: form });
      return [res.status, ((await res.json()) as any).code];
    };

    test('the fake refuses an upload without file_type, file_name or file (234001), an empty file (234010), and a file message without an uploaded file_key', async () => {
      const form = (fields: Record<string, string | Blob>) => {
        const f = new FormData();
        for (const [k, v] of Object.entries(fields)) f.append(k, v as never);
        return f;
      };
      const file = new Blob([Buffer.from('a,b\r\n')], { type: 'text/csv' });
      expect(await upload(form({ file_name: 'a.csv', file }))).toEqual([400, 234001]);
      expect(await upload(form({ file_type: 'csv', file_name: 'a.csv', file }))).toEqual([400, 234001]);
      expect(await upload(form({ file_type: 'stream', file }))).toEqual([400, 234001]);
      expect(await upload(form({ file_type: 'stream', file_name: 'a.csv' }))).toEqual([400, 234001]);
      expect(await upload(form({ file_type: 'stream', file_name: 'a.csv', file: new Blob([]) }))).toEqual([400, 234010]);
      expect(await upload(form({ file_type: 'stream', file_name: 'a.csv', file }))).toEqual([200, 0]);
      const send = await fetch(`${e2e.fake.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
        method: 'POST', headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ receive_id: 'ou_x', msg_type: 'file', content: JSON.stringify({ file_key: 'file_v3_never_uploaded' }) }),
      });
      expect([send.status, ((await send.json()) as any).code]).toEqual([400, 230001]);
    });

    test('an admin\'s 导出 11月: the xlsx (file_type xls) and the CSV (stream) are uploaded with their names and bytes, then sent as file messages after the summary', async () => {
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
      await closeMonth(serviceContext(e2e.ds), '2026-11', { now: sh('2026-12-01 01:00:00') });
      const admin = await e2e.bind(people['赵敏']);
      e2e.clock.set(sh('2026-12-03 10:00:00'));
      const res = await e2e.post(e2e.pushes.text(admin, '导出 11月', { at: sh('2026-12-03 10:00:00') }));
      expect(res.status).toBe(200);
      const messages = await e2e.fake.waitFor(() => e2e.fake.messagesTo(admin.openId).length >= 3 && e2e.fake.messagesTo(admin.openId), 10_000, 'three messages to the admin');
      expect(messages.map((m) => m.msgType)).toEqual(['text', 'file', 'file']);
      expect(messages[0].content.text).toMatch(/^2026年11月工资表：\d+ 人，应发合计 [\d.]+ 元。/);

      const stored = await e2e.ds.getRepository(ChatFile).find({ where: { employeeId: people['赵敏'].id }, order: { id: 'ASC' } });
      const uploads = messages.slice(1).map((m) => e2e.fake.state.uploads.get(m.content.file_key)!);
      expect(uploads.map((u) => [u.fileType, u.fileName, u.partFilename])).toEqual([
        ['xls', '工资表-2026-11.xlsx', '工资表-2026-11.xlsx'],
        ['stream', 'payroll-2026-11.csv', 'payroll-2026-11.csv'],
      ]);
      expect(uploads.map((u) => u.data.equals(Buffer.from(stored[uploads.indexOf(u)].content)))).toEqual([true, true]);
      expect(uploads[1].data.toString('utf8').startsWith('\uFEFFemployee_no,name,team,month,')).toBe(true);
      // Each file message went with its own uuid (the outbox's idempotency key), to the admin's open_id.
      const sends = e2e.fake.state.calls.filter((c) => c.route === 'send' && c.body?.msg_type === 'file' && c.status === 200);
      expect(sends.map((c) => [c.query.receive_id_type, c.body.receive_id])).toEqual([['open_id', admin.openId], ['open_id', admin.openId]]);
      expect(new Set(sends.map((c) => c.body.uuid)).size).toBe(2);
    });
  });
}
