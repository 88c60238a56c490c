/**
 * The 员工, 审批 and 日历 pages (docs/console.md, "Pages"), rendered by their specs on a real
 * database: the calendar's judgements with text labels, the day's facts, the ledger with an
 * appeal; the scope (403 for another team's employee, 404 for none); the pending appeal with
 * its 同意 button, 驳回 form and reminder; the calendar's sources; markup names escaped.
 */
import { Employee } from '../../../src/db/entities';
import { dataPages } from '../../../src/console/pages';
import { requestBinding } from '../../../src/services/org';
import { APPROVALS_SHOWN } from '../../../src/services/console/approval-list';
import { sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';
import { buildWorld, depsAt, EVIL, EVIL_ADMIN, requestOf, viewerOf, type ConsoleWorld } from './console-fixture';

const NOW = sh('2026-11-05 10:00:00');
const page = (path: string) => {
  const spec = dataPages.find((p) => p.path === path);
  if (!spec) throw new Error(`no page ${path}`);
  return spec;
};

/** The <details> of day `n` of the month. */
function day(body: string, n: number): string {
  const m = [...body.matchAll(/<details class="day-(\w+)"><summary><strong>(\d+)<\/strong> (.*?)<\/summary>(.*?)<\/details>/gs)].find((x) => Number(x[2]) === n);
  if (!m) throw new Error(`no day ${n}`);
  return `${m[1]}|${m[3].replace(/<span class="sr-only">.*?<\/span>/, '')}|${m[4]}`;
}

describeEachDb('console pages 员工, 审批, 日历 (docs/console.md, "Pages")', (db) => {
  let w: ConsoleWorld;
  const render = (path: string, who: string, query = '', params: Record<string, string> = {}) =>
    page(path).render(depsAt(w.ctx, NOW), viewerOf(w.p[who]), requestOf(query, params));

  beforeAll(async () => {
    w = await buildWorld(db());
  });

  test('dataPages: 本月, 员工 (no navigation), 审批, 团队, 日历', () => {
    expect(dataPages.map((p) => [p.path, p.nav ?? null])).toEqual([
      ['/admin/month', '本月'], ['/admin/employee/:id', null], ['/admin/approvals', '审批'], ['/admin/team', '团队'], ['/admin/calendar', '日历'],
    ]);
  });

  test('员工: a late day, an absent day, the leave day, days off and future days, each labelled in words; the day holds its punches and records', async () => {
    const zw = await render('/admin/employee/:id', '王强', 'month=2026-11', { id: String(w.p['张伟'].id) });
    expect(zw.title).toBe('张伟（C02）2026年11月');
    expect(day(zw.body.text, 3)).toMatch(/^late\|迟到 12 分钟\|/);
    expect(day(zw.body.text, 3)).toContain('上班 09:12');
    expect(day(zw.body.text, 3)).toContain('下班 18:05');
    // H-20: the phone is masked on the page.
    expect(day(zw.body.text, 3)).toContain('甲公司 · 李总 · 总经理 136****0001 · A 类（已确认）');
    expect(zw.body.text).not.toContain('13600000001');
    expect(day(zw.body.text, 4)).toMatch(/^absent\|旷工\|/);
    expect(day(zw.body.text, 1)).toMatch(/^off\|休息日\|/);
    expect(day(zw.body.text, 20)).toMatch(/^none\|尚未到来\|/);
    const cj = await render('/admin/employee/:id', '赵敏', 'month=2026-11', { id: String(w.p['陈静'].id) });
    expect(day(cj.body.text, 4)).toMatch(/^leave\|事假\|/);
    expect(day(cj.body.text, 4)).toContain('家里有事');
    // On time, but no 例会 check-in: the day says what was recorded.
    expect(day(cj.body.text, 3)).toMatch(/^late\|例会缺席\|/);
  });

  test('员工: the ledger names the rule, the evidence, who made it, and the appeal with its id and status; the draft pay slip', async () => {
    const zw = await render('/admin/employee/:id', '王强', 'month=2026-11', { id: String(w.p['张伟'].id) });
    expect(zw.body.text).toContain(`<td>P${w.lateEntryId}</td><td>2026-11-03</td><td>H-11 迟到</td>`);
    expect(zw.body.text).toContain('系统（自动判定）');
    expect(zw.body.text).toContain(`申诉 S${w.appealId}：待审批（地铁故障，有截图）`);
    expect(zw.body.text).toContain('未结算：到目前为止的草稿');
    expect(zw.body.text).toContain('<td>底薪</td>');
    const cj = await render('/admin/employee/:id', '王强', 'month=2026-11', { id: String(w.p['陈静'].id) });
    expect(cj.body.text).toMatch(/私人电话.*王强/s);
  });

  test('员工: a supervisor gets 403 for another team, anyone 404 for an unknown employee', async () => {
    await expect(render('/admin/employee/:id', '王强', 'month=2026-11', { id: String(w.p['周杰'].id) })).rejects.toMatchObject({ status: 403 });
    await expect(render('/admin/employee/:id', '赵敏', 'month=2026-11', { id: '999999' })).rejects.toMatchObject({ status: 404 });
    await expect(render('/admin/employee/:id', '赵敏', 'month=2026-11', { id: String(w.p['周杰'].id) })).resolves.toBeDefined();
  });

  test('审批: the pending appeal with the card\'s facts, 同意 and 驳回 with a required reason, and the reminder sent', async () => {
    const sup = await render('/admin/approvals', '王强');
    const key = `S${w.appealId}`;
    expect(sup.title).toBe('审批（2）');
    expect(sup.body.text).toContain(`申诉 ${key} · 张伟（C02）`);
    expect(sup.body.text).toContain(`P${w.lateEntryId} 2026-11-03 H-11 迟到`);
    expect(sup.body.text).toContain('<dt>当天打卡</dt><dd>上班 09:12，下班 18:05</dd>');
    expect(sup.body.text).toContain(`<button type="button" data-command="同意 ${key}">`);
    expect(sup.body.text).toMatch(new RegExp(`<form data-command-prefix="驳回 ${key}" data-empty="请先填写驳回原因。"><label>驳回原因 <input type="text" name="text" required`));
    expect(sup.body.text).toContain('<p>审批人：王强</p>');
    expect(sup.body.text).toContain('再次提醒审批人（王强）：11月4日 17:30，发给 1 人');
    // The other team's supervisor decides their own team's 补卡 only; the admins every kind, the binding included.
    const other = await render('/admin/approvals', '孙丽');
    expect(other.title).toBe('审批（1）');
    expect(other.body.text).toMatch(/补卡 B\d+ · 周杰（C06）/);
    expect(other.body.text).toContain('<dt>补</dt><dd>上班卡 09:00</dd>');
    const admin = await render('/admin/approvals', '赵敏');
    expect([...admin.body.text.matchAll(/<h2 id="req-([LBSU])\d+">/g)].map((m) => m[1]).sort()).toEqual(['B', 'L', 'S', 'U']);
    expect(admin.body.text).toMatch(/绑定 U\d+ · 周杰（C06）/);
    expect(admin.body.text).toContain('企业微信 &lt;img');
    // With nothing pending: the empty state.
    const empty = await page('/admin/approvals').render(depsAt(w.ctx, NOW), viewerOf(w.p['周杰']), requestOf());
    expect(empty.body.text).toContain('没有待审批的申请');
  });

  test('日历: the year\'s status, the days with their sources (package, entered in chat with who and when); the admin\'s form', async () => {
    const admin = await render('/admin/calendar', '赵敏', 'year=2026');
    expect(admin.title).toBe('2026 年工作日历');
    expect(admin.body.text).toContain('官方安排');
    expect(admin.body.text).toMatch(/国庆节[^<]* · 节假日数据包（chinese-days）/);
    expect(admin.body.text).toContain('跨年 · 聊天录入（&lt;script&gt;alert(&quot;admin&quot;)&lt;/script&gt;，11月20日 09:00）');
    expect(admin.body.text).toContain('<form data-command-prefix="节假日" data-empty="请先写明日期和安排，例如 2026-02-14 上班。">');
    const sup = await render('/admin/calendar', '王强', 'year=2027');
    expect(sup.body.text).not.toContain('data-command-prefix');
    await expect(render('/admin/calendar', '王强', 'year=2020')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('2025–2027') });
    await expect(render('/admin/calendar', '王强', 'year=abc')).rejects.toMatchObject({ status: 400 });
  });

  test('a name that is markup is escaped on every page', async () => {
    const bodies = [
      (await render('/admin/month', '赵敏', 'month=2026-11')).body.text,
      (await render('/admin/employee/:id', '赵敏', 'month=2026-11', { id: String(w.p.EVIL.id) })).body.text,
      (await render('/admin/approvals', '赵敏')).body.text,
      (await render('/admin/calendar', '赵敏', 'year=2026')).body.text,
    ];
    const title = (await render('/admin/employee/:id', '赵敏', 'month=2026-11', { id: String(w.p.EVIL.id) })).title;
    expect(title.startsWith(EVIL)).toBe(true);
    for (const body of bodies) {
      expect(body).not.toContain(EVIL);
      expect(body).not.toContain(EVIL_ADMIN);
      expect(body).not.toMatch(/<script|<img/);
    }
    expect(bodies[1]).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
  });

  test('审批 shows the oldest 50 of more pending requests and says how many there are (each is read with its card\'s facts)', async () => {
    const before = Number(/审批（(\d+)）/.exec((await render('/admin/approvals', '赵敏')).title)?.[1]);
    const at = sh('2026-11-05 09:00:00');
    const people = await db().getRepository(Employee).save(Array.from({ length: APPROVALS_SHOWN }, (_, i) => ({
      no: `M${String(i).padStart(3, '0')}`, name: `新人${i}`, role: 'agent' as const, teamId: w.teams.two, startDate: '2026-11-01', endDate: null, createdAt: at, updatedAt: at,
    })));
    for (const e of people) await requestBinding(w.ctx, { platform: 'feishu', externalId: `ou_${e.no}`, displayName: e.name, no: e.no, at });
    const admin = await render('/admin/approvals', '赵敏');
    expect(before).toBeGreaterThan(0);
    expect(admin.title).toBe(`审批（${before + APPROVALS_SHOWN}）`);
    expect(admin.body.text.match(/<article class="request"/g)).toHaveLength(APPROVALS_SHOWN);
    expect(admin.body.text).toContain(`共 ${before + APPROVALS_SHOWN} 条，这里先列出最早的 ${APPROVALS_SHOWN} 条`);
  });
});
