/**
 * The console's write path (issue 18): POST /admin/api/command runs the chat command as the
 * viewer through the same dispatcher, so its authorisation, services and card updates are the
 * chat's; same-origin JSON only; a replayed requestId is a duplicate that does nothing; every
 * write is audited. And the payroll download: admins, the CLI's CSV byte for byte.
 */
import { AuditEntry, LeaveRequest } from '../../../src/db/entities';
import type { Employee } from '../../../src/db/entities';
import { closeMonth, payrollCsv, payrollRows } from '../../../src/services/payroll';
import { twoTeams } from '../../helpers/request-fixture';
import { serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';
import { startConsole, type ConsoleRig } from './console-kit';

describeEachDb('console over HTTP: writes run the chat commands as the viewer', (db) => {
  let rig: ConsoleRig;
  let p: Record<string, Employee>;
  beforeAll(async () => {
    ({ p } = await twoTeams(db()));
    rig = await startConsole(db());
    await rig.chat.bind(...Object.values(p));
  });
  afterAll(() => rig.close());

  const requestLeave = async (day = '12月4日'): Promise<number> => {
    const { replies } = await rig.chat.say(p['张伟'], `请假 事假 ${day} 全天 家里有事`, { at: '2026-12-03 10:00:00' });
    const id = /L(\d+)/.exec(replies.map((r) => (r.body.kind === 'text' ? r.body.text : '')).join('\n'))?.[1];
    if (!id) throw new Error('no leave request');
    return Number(id);
  };
  const consoleAudits = () => db().getRepository(AuditEntry).find({ where: { action: 'console.command' }, order: { id: 'ASC' } });

  test('writes must be same-origin JSON with a session: 415 without JSON, 403 from a foreign Origin, 401 without a session', async () => {
    const cookie = await rig.signIn(p['王强']);
    const body = JSON.stringify({ text: '同意 L1', requestId: 'r-guard' });
    const post = (headers: Record<string, string>, withCookie = true) => rig.call({ method: 'POST', path: '/admin/api/command', cookie: withCookie ? cookie : undefined, headers, body });
    expect((await post({ 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json', Origin: 'https://evil.example' })).status).toBe(403);
    const anonymous = await post({ 'Content-Type': 'application/json' }, false);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json().error).toContain('后台');
  });

  test('only the console\'s commands (同意, 驳回, 结算, 节假日); a bad body is 400 in Chinese', async () => {
    const cookie = await rig.signIn(p['赵敏']);
    const refused = await rig.command(cookie, '加分 @张伟 5 好');
    expect(refused.status).toBe(400);
    expect(refused.json().error).toContain('管理后台只能发送这些命令：同意、驳回、结算、节假日');
    const bad = await rig.call({ method: 'POST', path: '/admin/api/command', cookie, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: '同意 L1' }) });
    expect([bad.status, bad.json().error]).toEqual([400, expect.stringContaining('requestId')]);
  });

  test('同意 by the supervisor of another team is refused as in chat; by the own supervisor it approves, updates the chat card and tells the requester; a replay does nothing', async () => {
    const id = await requestLeave();
    const card = rig.chat.messenger.to(rig.chat.account(p['王强'])).find((m) => m.body.kind === 'card' && m.card?.title.includes(`L${id}`))!;
    expect(card).toBeDefined();

    const other = await rig.signIn(p['孙丽']);
    const refused = await rig.command(other, `同意 L${id}`);
    expect(refused.status).toBe(200);
    expect(refused.json().status).toBe('user-error');
    expect(refused.json().replies).toEqual([expect.any(String)]);
    expect((await db().getRepository(LeaveRequest).findOneByOrFail({ id })).status).toBe('pending');

    const own = await rig.signIn(p['王强']);
    const inboxBefore = rig.chat.inbox(p['张伟']).length;
    const approved = await rig.command(own, `同意 L${id}`, 'same-request');
    expect(approved.status).toBe(200);
    expect(approved.json()).toEqual({ status: 'handled', replies: [expect.stringContaining(`L${id}`)] });
    await rig.flush();
    expect(await db().getRepository(LeaveRequest).findOneByOrFail({ id })).toMatchObject({ status: 'approved', decidedBy: p['王强'].id });
    expect(card.updates).toBe(1);
    expect(card.card!.footer).toContain('已由王强于');
    expect(rig.chat.inbox(p['张伟']).slice(inboxBefore)).toEqual([expect.stringMatching(new RegExp(`你的请假 L${id}（事假 12月4日 全天）已批准，审批人：王强。`))]);

    const replay = await rig.command(own, `同意 L${id}`, 'same-request');
    expect(replay.json()).toEqual({ status: 'duplicate', replies: ['已处理：这个请求之前已经提交过，没有重复执行。'] });
    await rig.flush();
    expect(card.updates).toBe(1);
    expect(rig.chat.inbox(p['张伟']).length).toBe(inboxBefore + 1);

    const audits = (await consoleAudits()).filter((a) => (a.details as { text: string }).text === `同意 L${id}`);
    expect(audits.map((a) => [a.actorId, (a.details as { outcome: string }).outcome])).toEqual([
      [p['孙丽'].id, 'user-error'],
      [p['王强'].id, 'handled'],
      [p['王强'].id, 'duplicate'],
    ]);
  });

  test('驳回 from the console with a reason, like a card\'s form', async () => {
    const id = await requestLeave('12月7日');
    const admin = await rig.signIn(p['赵敏']);
    const r = await rig.command(admin, `驳回 L${id} 当天有培训`);
    expect(r.json()).toMatchObject({ status: 'handled' });
    expect(await db().getRepository(LeaveRequest).findOneByOrFail({ id })).toMatchObject({ status: 'rejected', decisionNote: '当天有培训', decidedBy: p['赵敏'].id });
  });

  test('payroll download: admins only, the draft of an open month, the CSV byte for byte the CLI\'s, never cached, audited', async () => {
    const admin = await rig.signIn(p['赵敏']);
    const sup = await rig.signIn(p['王强']);
    const path = '/admin/api/payroll?month=2026-11&format=csv';
    expect((await rig.call({ path, cookie: sup })).status).toBe(403);
    expect((await rig.call({ path })).status).toBe(401);
    const open = await rig.call({ path, cookie: admin });
    expect([open.status, open.headers['content-disposition']]).toEqual([200, `attachment; filename="payroll-draft-2026-11.csv"; filename*=UTF-8''payroll-draft-2026-11.csv`]);
    const draft = await payrollRows(serviceContext(db()), '2026-11', { draft: true, now: sh('2026-12-03 12:00:00'), actor: 'test' });
    expect(open.body.equals(Buffer.from(payrollCsv(draft.rows), 'utf8'))).toBe(true);
    expect((await rig.call({ path: '/admin/api/payroll?month=2026-13&format=csv', cookie: admin })).status).toBe(400);
    expect((await rig.call({ path: '/admin/api/payroll?month=0099-12&format=csv', cookie: admin })).status).toBe(400);
    expect((await rig.call({ path: '/admin/api/payroll?format=csv', cookie: admin })).status).toBe(400);
    expect((await rig.call({ path: '/admin/api/payroll?month=2026-11&format=pdf', cookie: admin })).status).toBe(400);

    const ctx = serviceContext(db());
    await closeMonth(ctx, '2026-11', { now: sh('2026-12-01 01:00:00') });
    const csv = await rig.call({ path, cookie: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="payroll-2026-11.csv"; filename*=UTF-8''payroll-2026-11.csv`);
    const { rows } = await payrollRows(ctx, '2026-11', { now: sh('2026-12-03 12:00:00'), actor: 'test' });
    expect(csv.body.equals(Buffer.from(payrollCsv(rows), 'utf8'))).toBe(true);
    const xlsx = await rig.call({ path: '/admin/api/payroll?month=2026-11&format=xlsx', cookie: admin });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('工资表-2026-11.xlsx')}`);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    expect(await db().getRepository(AuditEntry).countBy({ action: 'payroll.export', actor: 'console', actorId: p['赵敏'].id })).toBe(3);
  });

  test('the audit page shows the console\'s writes, filtered by person and action, 50 a page', async () => {
    const admin = await rig.signIn(p['赵敏']);
    const page = await rig.call({ path: `/admin/audit?person=${encodeURIComponent(p['王强'].no)}&action=console.command`, cookie: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="console.command" selected>');
    expect(page.text).toContain(`王强（${p['王强'].no}）`);
    expect(page.text).not.toContain(`孙丽（${p['孙丽'].no}）`);
    const nobody = await rig.call({ path: '/admin/audit?person=NOPE', cookie: admin });
    expect(nobody.text).toContain('没有工号为「NOPE」的员工。');
    expect((await rig.call({ path: '/admin/audit?page=201', cookie: admin })).status).toBe(400);
    expect((await rig.call({ path: '/admin/audit?from=2026-02-30', cookie: admin })).status).toBe(400);
    const future = await rig.call({ path: '/admin/audit?from=2030-01-01', cookie: admin });
    expect(future.text).toContain('没有符合条件的审计记录。');
    // Details read as key: value, instants in the company's time, not JSON in UTC.
    const links = await rig.call({ path: '/admin/audit?action=console.link', cookie: admin });
    expect(links.text).toMatch(/expiresAt: \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(links.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});
