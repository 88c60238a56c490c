/**
 * The console as its users walk it (issue 18), in Chromium on the web demo: an agent's late day
 * is contested in chat (申诉); the supervisor signs in through 后台, sees only the team (another
 * team's employee is 403), walks 本月, 员工, 审批 and 团队, approves the appeal in the console and
 * the appeal's card in the chat changes; the admin signs in, walks every page, and downloads the
 * month's xlsx. Pictures of each page go to test-artifacts/console/ (and, with
 * SCREENSHOTS_TO=docs/images, the README's copies).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createLogger } from '../../src/core/logger';
import { Employee, Team } from '../../src/db/entities';
import { findJob } from '../../src/jobs/job-specs';
import { runJob } from '../../src/jobs/run-job';
import { jobDeps } from '../../src/main';
import { addCustomerRecords, qualifyLead } from '../../src/services/reports';
import { serviceContext, sh } from '../helpers/service-context';
import { chatActions, describeInBrowser, openBrowserRig, type BrowserRig } from './browser-kit';

const SHOTS = path.join(__dirname, '../../test-artifacts/console');

/** The pictures README.md shows (as docs/images/console-NAME.png). */
const README_PICTURES = new Set(['month-admin', 'month-390', 'employee', 'team', 'approvals']);

/** Saves the whole page as `name.png` (and, for the README's pictures, in SCREENSHOTS_TO when set). */
async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.SCREENSHOTS_TO && README_PICTURES.has(name)) copyFileSync(file, path.join(process.env.SCREENSHOTS_TO, `console-${name}.png`));
}

describeInBrowser('the console walked by a supervisor and an admin', () => {
  let b: BrowserRig;
  let chat: Page;
  let console_: Page;
  /** Chromium's console errors on the console's pages (a CSP refusal shows here). */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    b = await openBrowserRig(SHOTS, 1440);
    chat = b.page;
    await chat.goto(b.rig.url);
    // A second team, so the supervisor's scope has something to leave out.
    const team = await b.rig.ds.getRepository(Team).save({ name: '二组', supervisorId: null, chats: null, createdAt: new Date(), updatedAt: new Date() });
    await b.rig.ds.getRepository(Employee).save({ no: 'E201', name: '孙丽', role: 'agent', teamId: team.id, startDate: '2026-01-01', endDate: null, createdAt: new Date(), updatedAt: new Date() });
  }, 30_000);
  afterAll(async () => {
    await b?.close();
  });

  const actions = () => chatActions(chat);
  const direct = () => actions().direct();

  /** Sends 后台 as the one picked in the chat and opens the link in the console tab. */
  async function signIn(account: string, name: string): Promise<void> {
    await actions().pick(account, name);
    await actions().send('后台');
    const reply = direct().locator('.msg.bot', { hasText: '/admin/login?t=' }).last();
    await reply.waitFor();
    const link = /\/admin\/login\?t=[A-Za-z0-9_-]{43}/.exec(await reply.innerText())?.[0];
    expect(link).toBeDefined();
    if (!console_) {
      console_ = await b.context.newPage();
      console_.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
    }
    await console_.goto(b.rig.url + link);
    await console_.waitForURL(/\/admin\/month/);
    await console_.locator('h1').first().waitFor();
  }

  const nav = async (label: string) => {
    await console_.locator('nav.main a', { hasText: label }).click();
    await console_.locator('nav.main a[aria-current="page"]', { hasText: label }).waitFor();
  };

  test('the supervisor: own team only, the pages, an appeal approved and a 补卡 rejected in the console change the chat cards', async () => {
    // 张伟 is late on Friday; the evening's notice lists the entry; he contests it in chat.
    await actions().pick('E002', '张伟');
    await chat.locator('[data-clock="next-workday"]').click();
    await chat.locator('#clock-label', { hasText: '2026-12-04 周五 09:10' }).waitFor();
    await actions().send('打卡');
    await direct().locator('.msg.bot', { hasText: '迟到' }).waitFor();
    await chat.locator('[data-clock="close-day"]').click();
    await chat.locator('#clock-label', { hasText: '2026-12-04 周五 23:5' }).waitFor();
    const late = /P(\d+) 迟到/.exec(await direct().locator('.msg.bot .card', { hasText: '12月4日 考勤记录' }).last().innerText())?.[1];
    expect(late).toBeDefined();
    await actions().send(`申诉 P${late} 地铁故障，有延误证明`);
    const s = /S(\d+)/.exec(await direct().locator('.msg.bot', { hasText: /已提交申诉 S\d+/ }).last().innerText())?.[1];
    expect(s).toBeDefined();
    await actions().send('补卡 12月4日 下班 18:00 忘记打卡');
    const bk = /B(\d+)/.exec(await direct().locator('.msg.bot', { hasText: /已提交补卡 B\d+/ }).last().innerText())?.[1];
    expect(bk).toBeDefined();

    await signIn('E001', '王强');
    const rows = console_.locator('table.data tbody tr[data-no]');
    await rows.first().waitFor();
    const nos = await rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { no: string } }).dataset.no));
    expect(nos).toContain('E002');
    expect(nos).not.toContain('E201');
    expect(nos).not.toContain('E900');
    await shot(console_, 'month-supervisor');

    // Another team's employee, by URL: 403.
    const other = await b.rig.ds.getRepository(Employee).findOneByOrFail({ no: 'E201' });
    const refused = await console_.goto(`${b.rig.url}/admin/employee/${other.id}`);
    expect(refused?.status()).toBe(403);
    await console_.goBack();

    await console_.locator('table.data a', { hasText: '张伟' }).first().click();
    await console_.locator('h1', { hasText: '张伟' }).waitFor();
    await console_.getByText(`S${s}`).first().waitFor();
    await shot(console_, 'employee');

    await nav('团队');
    await console_.locator('figure svg').first().waitFor();
    for (const heading of ['每日有效电话', '迟到与缺勤', '本月积分分布', '周排名']) await console_.locator('h2', { hasText: heading }).waitFor();
    await shot(console_, 'team');

    await nav('审批');
    const request = console_.locator('article.request', { hasText: `S${s}` });
    await request.waitFor();
    await shot(console_, 'approvals');
    await request.locator('button', { hasText: `同意 S${s}` }).click();
    await console_.locator('#console-status', { hasText: `已批准 S${s}` }).waitFor();

    // A rejection needs its reason: empty, the page says so and sends nothing; typed, it is the chat's 驳回.
    const correction = console_.locator('article.request', { hasText: `B${bk}` });
    await correction.locator('button', { hasText: `驳回 B${bk}` }).click();
    expect(await correction.locator('input[name="text"]').evaluate((i) => (i as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    await correction.locator('input[name="text"]').fill('与门禁记录不符');
    await correction.locator('button', { hasText: `驳回 B${bk}` }).click();
    await console_.locator('#console-status', { hasText: `已驳回 B${bk}` }).waitFor();
    await direct().locator('.msg.bot .card', { hasText: `补卡审批 B${bk}` }).last().locator('.card-footer', { hasText: /已由王强于 .* 驳回/ }).waitFor();

    // The chat's copy of the appeal card now says who approved it.
    const card = direct().locator('.msg.bot .card', { hasText: `申诉审批 S${s}` }).last();
    await card.locator('.card-footer', { hasText: /已由王强于 .* 批准/ }).waitFor();
    await actions().pick('E002', '张伟');
    await direct().locator('.msg.bot', { hasText: `申诉 S${s}` }).last().waitFor();
  }, 120_000);

  test('the admin: every team, every page, a holiday entered on 日历, the audit of the console approval, and the xlsx download', async () => {
    await signIn('E900', '赵敏');
    const nos = await console_.locator('table.data tbody tr[data-no]').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { no: string } }).dataset.no));
    expect(nos).toEqual(expect.arrayContaining(['E002', 'E201']));
    await shot(console_, 'month-admin');

    const [download] = await Promise.all([console_.waitForEvent('download'), console_.locator('a[href*="format=xlsx"]').first().click()]);
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(/^工资草稿-2026-12\.xlsx$/);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await nav('日历');
    await console_.locator('h1', { hasText: '日历' }).waitFor();
    await console_.locator('form[data-command-prefix="节假日"] input[name="text"]').fill('2026-12-31 休 跨年');
    await console_.locator('form[data-command-prefix="节假日"] button').click();
    await console_.locator('#console-status', { hasText: '12月31日' }).waitFor();
    await shot(console_, 'calendar');

    await nav('审计');
    await console_.locator('td code', { hasText: 'console.command' }).first().waitFor();
    await shot(console_, 'audit');

    await nav('会话');
    await console_.locator('button[data-post*="/revoke"]').first().waitFor();
    await shot(console_, 'sessions');

    // On a phone (390 px) no page scrolls sideways: wide tables and calendars scroll in their own box.
    await console_.setViewportSize({ width: 390, height: 844 });
    for (const page of ['/admin/month', '/admin/approvals', '/admin/team', '/admin/calendar', '/admin/audit', `/admin/employee/${(await b.rig.ds.getRepository(Employee).findOneByOrFail({ no: 'E002' })).id}`]) {
      await console_.goto(b.rig.url + page);
      await console_.locator('h1').first().waitFor();
      // The elements that stick out to the right of the screen (none), outside a scrolling box.
      const wide = await console_.evaluate(() => {
        const g = globalThis as any;
        const inScroller = (el: any) => { for (let p = el.parentElement; p; p = p.parentElement) if (g.getComputedStyle(p).overflowX === 'auto') return true; return false; };
        return [...g.document.querySelectorAll('body *')].filter((el: any) => el.getBoundingClientRect().right > g.innerWidth + 1 && !inScroller(el)).map((el: any) => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 5);
      });
      expect([page, wide]).toEqual([page, []]);
    }
    await console_.goto(b.rig.url + '/admin/month');
    await shot(console_, 'month-390');
    expect(consoleErrors.filter((e) => !/403/.test(e))).toEqual([]);
  }, 90_000);

  test('the Friday ranking carries its chart: in the web chat, inside the team\'s card', async () => {
    // This week 张伟, 李娜 and 刘洋 had A/B leads confirmed by the salesperson 陈静 (H-4).
    const ctx = serviceContext(b.rig.ds);
    const staff = async (no: string) => b.rig.ds.getRepository(Employee).findOneByOrFail({ no });
    const salesperson = await staff('E005');
    let phone = 13900000100;
    for (const [no, grades] of [['E002', 'AAB'], ['E003', 'AB'], ['E004', 'B']] as const) {
      const rows = [...grades].map((grade) => ({ company: `客户${++phone}`, contact: '李总', titlePhone: `总经理 ${phone}`, headcount: '80', itStatus: '用Excel', grade }));
      const { records } = await addCustomerRecords(ctx, { agent: await staff(no), records: rows, sentAt: sh('2026-12-04 10:00:00') });
      for (const r of records) await qualifyLead(ctx, { actor: salesperson, recordId: r.id, note: '已拜访 档案完整 已签字', at: sh('2026-12-04 15:00:00') });
    }
    const deps = jobDeps(ctx, ['web'], b.rig.clock, createLogger({ level: 'silent' }));
    expect(await runJob(deps, findJob('weekly-ranking')!, '2026-11-30', { force: true })).toMatchObject({ ran: true });
    b.rig.running.bot.outbox.wake();
    await actions().pick('E002', '张伟');
    const card = actions().group().locator('.msg.bot .card', { hasText: '一组周排名' }).last();
    await card.locator('img.card-chart').waitFor();
    expect(await card.locator('img.card-chart').getAttribute('alt')).toMatch(/本周 A\/B 客户$/);
    const file = path.join(SHOTS, 'ranking-chart.png');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: file });
    if (process.env.SCREENSHOTS_TO) copyFileSync(file, path.join(process.env.SCREENSHOTS_TO, 'ranking-chart.png'));
  }, 60_000);
});
