/**
 * Issue 16 in the web chat, as its users meet it: the day digest after a late day, the
 * supervisor's day summary, a 补卡 and a 申诉 filed and approved, and a 催办 reminder of a
 * request left pending. Each card is saved as a picture under test-artifacts/second-wave/; with
 * SCREENSHOTS_TO=docs/images the README's pictures are written there too.
 */
import path from 'node:path';
import { chatActions, describeInBrowser, pictureSuite } from './browser-kit';

const SHOTS = path.join(__dirname, '../../test-artifacts/second-wave');

describeInBrowser('issue 16 in the web chat: told, corrected, contested, reminded', () => {
  const suite = pictureSuite(SHOTS);
  const page = () => suite.page();
  const chat = () => chatActions(page());
  const direct = () => chat().direct();
  const { shot } = suite;
  const send = (text: string) => chat().send(text);
  const pick = (account: string, name: string) => chat().pick(account, name);
  const card = (title: string | RegExp) => direct().locator('.msg.bot .card', { hasText: title }).last();

  test('a late day is told in one card with 申诉 and 补卡; the supervisor sees the team; both requests are decided from their cards', async () => {
    await pick('E002', '张伟');
    await page().locator('[data-clock="next-workday"]').click();
    await page().locator('#clock-label', { hasText: '2026-12-04 周五 09:10' }).waitFor();
    await send('打卡');
    await direct().locator('.msg.bot', { hasText: '迟到' }).waitFor();
    await page().locator('[data-clock="close-day"]').click();
    await page().locator('#clock-label', { hasText: '2026-12-04 周五 23:5' }).waitFor();

    // Told: one card listing each entry with its evidence, 申诉 on each, 补卡 for the punches.
    const digest = card('12月4日 考勤记录');
    await digest.locator('button', { hasText: '补下班卡' }).waitFor();
    await shot(digest, 'digest-card');
    const late = /P(\d+) 迟到/.exec(await digest.innerText())?.[1];
    expect(late).toBeDefined();

    await pick('E001', '王强');
    const summary = card('一组 12月4日 考勤汇总');
    await summary.locator('dd', { hasText: '张伟 10 分钟' }).waitFor();
    await shot(summary, 'day-summary-card');

    await pick('E002', '张伟');
    await send('补卡 12月4日 下班 18:00 忘记打卡');
    const b = /B(\d+)/.exec(await direct().locator('.msg.bot', { hasText: /已提交补卡 B\d+/ }).last().innerText())?.[1];
    await send(`申诉 P${late} 地铁故障，有延误证明`);
    const s = /S(\d+)/.exec(await direct().locator('.msg.bot', { hasText: /已提交申诉 S\d+/ }).last().innerText())?.[1];

    await pick('E001', '王强');
    const correction = card(`补卡审批 B${b}`);
    await correction.locator('button', { hasText: '同意' }).waitFor();
    await shot(correction, 'correction-card');
    const appeal = card(`申诉审批 S${s}`);
    await appeal.locator('button', { hasText: '同意' }).waitFor();
    await shot(appeal, 'appeal-card');
    await correction.locator('button', { hasText: '同意' }).click();
    await correction.locator('.card-footer', { hasText: /已由王强于 .* 批准/ }).waitFor();
    await appeal.locator('button', { hasText: '同意' }).click();
    await appeal.locator('.card-footer', { hasText: /已由王强于 .* 批准/ }).waitFor();

    // The requester hears what changed: the entries reversed, points and fine back.
    await pick('E002', '张伟');
    const told = direct().locator('.msg.bot', { hasText: `补卡 B${b}` }).last();
    await told.locator('text=退还罚款').first().waitFor();
    await shot(told, 'correction-approved');
    await direct().locator('.msg.bot', { hasText: `申诉 S${s}` }).last().waitFor();
  }, 90_000);

  test('a leave left pending is re-sent to the supervisor after 4 working hours (催办)', async () => {
    await send('请假 事假 12月10日 全天 家里有事');
    const l = /L(\d+)/.exec(await direct().locator('.msg.bot', { hasText: /已提交请假 L\d+/ }).last().innerText())?.[1];
    await page().locator('[data-clock="next-workday"]').click();
    await page().locator('#clock-label', { hasText: '2026-12-07 周一 09:10' }).waitFor();
    await page().locator('[data-clock="meeting"]').click();
    await page().locator('#clock-label', { hasText: '2026-12-07 周一 17:00' }).waitFor();
    await pick('E001', '王强');
    const reminder = card(`催办：请假审批 L${l}`);
    await reminder.locator('button', { hasText: '同意' }).waitFor();
    await shot(reminder, 'reminder-card');
    await expect(reminder.innerText()).resolves.toContain('已等待 4 个工作小时');
  }, 60_000);
});
