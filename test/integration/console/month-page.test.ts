/**
 * The 本月 page (docs/console.md, "Pages"): one source of truth with the payroll file (every
 * money and count column of every employee equals the CSV's row, on an open month's draft and
 * on a closed month with a second revision), the supervisor's scope, sorting, flags, the empty
 * state, month bounds and escaping.
 */
import { parse } from 'csv-parse/sync';
import { Employee, PointEntry, Team } from '../../../src/db/entities';
import { ConsoleError } from '../../../src/console/console-page';
import { employeePage, monthPage } from '../../../src/console/pages';
import { addManualEntry, reverseEntry } from '../../../src/services/ledger';
import { closeMonth, payrollCsv, payrollRows } from '../../../src/services/payroll';
import { monthTable } from '../../../src/services/console';
import { sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';
import { buildWorld, depsAt, EVIL, requestOf, viewerOf, type ConsoleWorld } from './console-fixture';

const NOW = sh('2026-12-02 10:00:00');

const unescape = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

/** The table's body rows by employee number: each cell's text by column key. */
function tableRows(body: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [, no, cells] of body.matchAll(/<tr data-no="([^"]*)">(.*?)<\/tr>/gs)) {
    const row: Record<string, string> = {};
    for (const [, col, text] of cells.matchAll(/<td data-col="(\w+)"[^>]*>(.*?)<\/td>/gs)) row[col] = unescape(text);
    out.set(unescape(no), row);
  }
  return out;
}

/** The CSV of the month as the export writes it, parsed: header → value per employee number. */
async function csvRows(w: ConsoleWorld, month: string, draft: boolean): Promise<Map<string, Record<string, string>>> {
  const { rows } = await payrollRows(w.ctx, month, { draft, now: NOW, actor: 'test' });
  const [header, ...lines]: string[][] = parse(payrollCsv(rows), { bom: true });
  return new Map(lines.map((l) => [l[0], Object.fromEntries(header.map((h, i) => [h, l[i]]))]));
}

/** Every money and count column of the page equals the CSV's, for every employee, and no one is missing. */
function expectSameAsCsv(page: Map<string, Record<string, string>>, csv: Map<string, Record<string, string>>): void {
  expect([...page.keys()].sort()).toEqual([...csv.keys()].sort());
  for (const [no, c] of csv) {
    const r = page.get(no) as Record<string, string>;
    expect({ no, calls: r.calls, a: r.a, b: r.b, collected: r.collected, score: r.score, fines: r.fines, total: r.total.split(' ')[0] }).toEqual({
      no, calls: c.valid_calls, a: c.a_leads, b: c.b_leads, collected: c.collected, score: c.score, fines: c.fines, total: c.total,
    });
  }
}

describeEachDb('console 本月 page (docs/console.md, "Pages")', (db) => {
  let w: ConsoleWorld;
  const render = (who: string, query: string) => monthPage.render(depsAt(w.ctx, NOW), viewerOf(w.p[who]), requestOf(query));

  beforeAll(async () => {
    w = await buildWorld(db());
  });

  test('an open month: the draft columns equal the payroll CSV draft, row for row; the days are counted from the judged days', async () => {
    const page = await render('赵敏', 'month=2026-11');
    expect(page.title).toBe('2026年11月 本月概况');
    const rows = tableRows(page.body.text);
    expectSameAsCsv(rows, await csvRows(w, '2026-11', true));
    expect(rows.get('C02')).toMatchObject({ name: '张伟', team: '一组', worked: '1', late: '1', absent: '1', calls: '2', a: '1', collected: '1234.56' });
    expect(rows.get('C03')).toMatchObject({ worked: '1', late: '0', score: '88' });
    expect(page.body.text).toContain('data-command="结算 2026年11月">结算 11月</button>');
    expect(page.body.text).toContain('href="/admin/api/payroll?month=2026-11&amp;format=csv"');
    expect(page.body.text).toContain(`href="/admin/employee/${w.p['张伟'].id}?month=2026-11"`);
    // The service gives the very rows of the export (the same objects' values).
    const table = await monthTable(w.ctx, '2026-11', { scope: 'all', viewer: { id: w.p['赵敏'].id, role: 'admin', teamId: null } });
    const { rows: exported } = await payrollRows(w.ctx, '2026-11', { draft: true, now: NOW, actor: 'test' });
    expect(table.rows.map((r) => r.pay)).toEqual(exported.filter((r) => table.rows.some((t) => t.no === r.employee_no)));
  });

  test('sorting is server side with aria-sort on the header; the totals row sums the page', async () => {
    const page = await render('赵敏', 'month=2026-11&sort=total&dir=desc');
    expect(page.body.text).toMatch(/aria-sort="descending"[^>]*><a href="\/admin\/month\?month=2026-11&amp;sort=total&amp;dir=asc">工资（元） ▼/);
    expect(page.body.text).toContain('aria-sort="none"');
    const totals = [...tableRows(page.body.text).values()].map((r) => Number(r.total.split(' ')[0]));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(page.body.text).toMatch(/<tfoot><tr><td[^>]*>合计 9 人<\/td>/);
  });

  test('a supervisor sees their own team only, without the close and the downloads; another team in the filter is 403', async () => {
    const page = await render('王强', 'month=2026-11');
    expect([...tableRows(page.body.text).keys()].sort()).toEqual(['C01', 'C02', 'C03', 'C04', 'C07']);
    expect(page.body.text).not.toContain('data-command');
    expect(page.body.text).not.toContain('/admin/api/payroll');
    await expect(render('王强', `month=2026-11&team=${w.teams.two}`)).rejects.toMatchObject({ status: 403 });
    const filtered = await render('赵敏', `month=2026-11&team=${w.teams.two}`);
    expect([...tableRows(filtered.body.text).keys()].sort()).toEqual(['C05', 'C06']);
  });

  test('a supervisor sees what chat lets them see: not a co-supervisor of the same team (the chat\'s rule, src/domain/authority.ts)', async () => {
    const at = sh('2026-11-01 08:00:00');
    const co = await db().getRepository(Employee).save({ no: 'C08', name: '副主管', role: 'supervisor', teamId: w.p['王强'].teamId, startDate: '2026-01-01', endDate: null, createdAt: at, updatedAt: at });
    try {
      const page = await render('王强', 'month=2026-11');
      expect([...tableRows(page.body.text).keys()]).not.toContain('C08');
      await expect(employeePage.render(depsAt(w.ctx, NOW), viewerOf(w.p['王强']), requestOf('month=2026-11', { id: String(co.id) }))).rejects.toMatchObject({ status: 403 });
      expect([...tableRows((await render('赵敏', 'month=2026-11')).body.text).keys()]).toContain('C08');
    } finally {
      await db().getRepository(Employee).delete({ id: co.id });
    }
  });

  test('a closed month with a second revision equals the stored payroll CSV; the revision, 合计变动 and 待重新结算 show', async () => {
    await closeMonth(w.ctx, '2026-11', { now: sh('2026-12-01 02:00:00') });
    await addManualEntry(w.ctx, { actor: w.p['王强'], target: w.p['张伟'], input: { kind: 'award', points: 30, reason: '补记：客户表扬' }, at: sh('2026-12-01 10:00:00'), workDate: '2026-11-30' });
    // An org import raised 陈静's base by 1,000 yuan: the re-close moves her total past payroll.flagChangeYuan.
    await db().getRepository(Employee).update({ id: w.p['陈静'].id }, { baseSalaryFen: 200000 });
    await closeMonth(w.ctx, '2026-11', { now: sh('2026-12-01 12:00:00'), force: true });
    const absent = await db().getRepository(PointEntry).findOneByOrFail({ employeeId: w.p['周杰'].id, code: 'absent-day' });
    await reverseEntry(w.ctx, { actor: w.p['孙丽'], entryId: absent.id, reason: '当天外出拜访', at: sh('2026-12-01 13:00:00') });
    const page = await render('赵敏', 'month=2026-11');
    const rows = tableRows(page.body.text);
    expectSameAsCsv(rows, await csvRows(w, '2026-11', false));
    expect(rows.get('C02')?.total).toMatch(/ 第 2 版$/);
    // 86 at the first close (late, a day absent), +30 entered after it.
    expect(rows.get('C02')?.score).toBe('116');
    expect(rows.get('C03')?.total).toMatch(/ 第 2 版$/);
    expect(rows.get('C03')?.flags).toBe('合计变动超过 500.00 元');
    expect(rows.get('C05')?.total).toMatch(/ 第 1 版$/);
    expect(rows.get('C06')?.flags).toBe('待重新结算');
    // The stored slip, not the fact since: the reversal waits for the next re-close.
    expect(Number(rows.get('C06')?.score)).toBeLessThan(100);
    expect(page.body.text).toContain('>重新结算 11月</button>');
    const slip = await employeePage.render(depsAt(w.ctx, NOW), viewerOf(w.p['王强']), requestOf('month=2026-11', { id: String(w.p['张伟'].id) }));
    expect(slip.body.text).toContain('已结算，第 2 版');
    expect(slip.body.text).toMatch(/<li>第 1 版：合计 [\d.]+ 元，12月1日 02:00 生成<\/li><li>第 2 版：合计 [\d.]+ 元，12月1日 12:00 生成<\/li>/);
  });

  test('a month with no data says so and what fills it; a month with nobody too', async () => {
    const page = await render('赵敏', 'month=2026-12');
    expect(page.body.text).toContain('2026年12月还没有数据。');
    expect(page.body.text).toContain('员工打卡、交日报');
    expect(page.body.text).not.toContain('<table');
    const old = await render('孙丽', 'month=2025-01');
    expect(old.body.text).toContain('2025年1月还没有数据。');
    const at = new Date('2026-01-01T00:00:00Z');
    const team = await db().getRepository(Team).save({ name: '空组', supervisorId: null, chats: null, createdAt: at, updatedAt: at });
    const nobody = await render('赵敏', `month=2026-11&team=${team.id}`);
    expect(nobody.body.text).toContain('2026年11月还没有数据：这个月没有在职员工。');
  });

  test('a malformed month or one outside the policy window is 400 with what to do', async () => {
    for (const month of ['2026-13', 'abc', '2026-1']) {
      const e = await render('赵敏', `month=${month}`).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConsoleError);
      expect(e).toMatchObject({ status: 400, message: expect.stringContaining('请写成 2026-11') });
    }
    const far = await render('赵敏', 'month=2020-01').catch((x: unknown) => x);
    expect(far).toMatchObject({ status: 400, message: expect.stringContaining('请换一个月份') });
    await expect(render('赵敏', 'month=2027-02')).rejects.toMatchObject({ status: 400 });
    await expect(render('赵敏', 'month=2027-01')).resolves.toBeDefined();
  });

  test('a name that is markup is escaped in the table', async () => {
    const page = await render('赵敏', 'month=2026-11');
    expect(page.body.text).not.toContain('<img src=x');
    expect(page.body.text).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
    expect(tableRows(page.body.text).get('C04')?.name).toBe(EVIL);
  });
});
