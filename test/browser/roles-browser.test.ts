/**
 * Each role's day in the web chat (issue 17), as a newcomer would try it: the agent pastes Excel
 * rows, the salesperson confirms the lead from its card with the three checks, the admin closes
 * the month and gets the payroll as download links. Pictures of each step go to
 * test-artifacts/roles/; with SCREENSHOTS_TO=docs/images the README's pictures are written there too.
 */
import path from 'node:path';
import { chatActions, describeInBrowser, pictureSuite } from './browser-kit';

const SHOTS = path.join(__dirname, '../../test-artifacts/roles');

describeInBrowser("each role's day in the web chat: agent, salesperson, admin", () => {
  const suite = pictureSuite(SHOTS);
  const page = () => suite.page();
  const chat = () => chatActions(page());
  const direct = () => chat().direct();
  const { shot } = suite;

  test('the agent pastes three Excel rows; the salesperson gets the A lead and confirms it with the three checks; the agent is told', async () => {
    await chat().pick('E002', '张伟');
    await page().locator('[data-clock="on-time"]').click();
    await page().locator('#clock-label', { hasText: '2026-12-04 周五 08:55' }).waitFor();
    await chat().send('打卡');
    await direct().locator('.msg.bot', { hasText: '上班打卡成功' }).waitFor();
    const rows = ['华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', '联想\t李\t采购 010-88886666\t50\t无\tC', '中兴通讯\t王\t信息部 13900000002\t300\t用友\tC'];
    await chat().box().fill(`客户\n${rows.join('\n')}`);
    await chat().box().press('Enter');
    const recorded = direct().locator('.msg.bot', { hasText: '已记录 3 条客户记录' }).last();
    await recorded.waitFor();
    await shot(recorded, 'agent-excel-rows');

    await chat().pick('E005', '陈静');
    const lead = direct().locator('.msg.bot .card', { hasText: /待拜访客户 C\d+/ }).last();
    await lead.locator('dd', { hasText: '13800000000' }).first().waitFor();
    await shot(lead, 'salesperson-lead-card');
    for (const name of ['visited', 'fileComplete', 'signed']) await lead.locator(`select[name="${name}"]`).selectOption('是');
    await lead.locator('button', { hasText: '确认' }).click();
    await direct().locator('.msg.bot .card', { hasText: /已确认客户 C\d+/ }).last().waitFor();

    await chat().pick('E002', '张伟');
    await direct().locator('.msg.bot', { hasText: /C\d+ 华为技术（A 类）已由陈静确认/ }).last().waitFor();
  }, 60_000);

  test('the admin closes the month and gets the payroll xlsx and CSV as download links', async () => {
    await chat().pick('E900', '赵敏');
    await page().locator('[data-clock="close-month"]').click();
    await page().locator('#clock-label', { hasText: '2027-01-01' }).waitFor();
    await chat().send('导出 12月');
    const files = direct().locator('.msg.bot .file');
    await files.nth(1).waitFor();
    await shot(direct().locator('.msg.bot', { hasText: '2026年12月工资表' }).last(), 'admin-export');
    await shot(direct().locator('.msg.bot', { has: page().locator('.file') }).first(), 'admin-export-link');
    const href = await files.first().locator('a').getAttribute('href');
    expect(href).toMatch(/\/files\/[A-Za-z0-9_-]+$/);
    // The link is PUBLIC_URL's (127.0.0.1:PORT by default); this test server listens on a free port.
    const res = await fetch(new URL(new URL(href as string).pathname, suite.rig().rig.url));
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 60_000);
});
