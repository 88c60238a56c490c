import path from 'node:path';
import type { Page } from 'playwright-core';
import { TINY_PNG, type WebChatRig } from '../e2e/web/web-chat-kit';
import { chatActions, describeInBrowser, openBrowserRig, type BrowserRig } from './browser-kit';

/** Screenshots of each step: test artifacts, git-ignored. */
const SHOTS = path.join(__dirname, '../../test-artifacts/web-chat');

describeInBrowser('the web chat in headless Chromium: the leave flow a newcomer goes through', () => {
  let browser: BrowserRig;
  let rig: WebChatRig;
  let page: Page;
  let consoleErrors: string[];
  let step = 0;
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
  const chat = () => chatActions(page);
  const direct = () => chat().direct();
  const group = () => chat().group();
  const box = () => chat().box();
  const send = (text: string) => chat().send(text);
  const pick = (account: string, name: string) => chat().pick(account, name);

  beforeAll(async () => {
    browser = await openBrowserRig(SHOTS, 1400);
    ({ rig, page, consoleErrors } = browser);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('late clock-in, leave request, approval by the supervisor, the decision, the 17:00 reminder', async () => {
    await page.goto(rig.url);
    await pick('E002', '张伟');
    await page.locator('#clock-label', { hasText: '2026-12-03 周四 08:00' }).waitFor();
    await shot('agent-picked');

    await page.locator('[data-clock="next-workday"]').click();
    await page.locator('#clock-label', { hasText: '2026-12-04 周五 09:10' }).waitFor();
    await send('打卡');
    await direct().locator('.msg.me', { hasText: '打卡' }).waitFor();
    await direct().locator('.msg.bot', { hasText: '迟到' }).waitFor();
    await shot('late-clock-in');

    await send('请假');
    const form = direct().locator('.msg.bot form.card-form').last();
    await form.locator('input[name="start"]').fill('2026-12-07');
    await form.locator('textarea[name="reason"]').fill('家里有事');
    await form.locator('button[data-button="submit"]').click();
    await direct().locator('.msg.bot', { hasText: /已提交请假 L\d+/ }).waitFor();
    await shot('leave-requested');

    await pick('E001', '王强');
    const card = direct().locator('.msg.bot .card', { hasText: '请假审批' }).last();
    await card.locator('button', { hasText: '同意' }).click();
    await card.locator('.card-footer', { hasText: /已由王强于 .* 批准/ }).waitFor();
    await page.locator('#toast', { hasText: /已批准 L\d+/ }).waitFor();
    await shot('supervisor-approved');

    await pick('E002', '张伟');
    await direct().locator('.msg.bot', { hasText: '已批准' }).waitFor();
    await shot('agent-sees-decision');

    await page.locator('[data-clock="meeting"]').click();
    await page.locator('#clock-label', { hasText: '2026-12-04 周五 17:00' }).waitFor();
    const reminder = group().locator('.msg.bot .card', { hasText: '例会提醒' }).last();
    await reminder.waitFor();
    await reminder.locator('button', { hasText: '签到' }).click();
    await group().locator('.msg.bot', { hasText: '例会签到成功' }).waitFor();
    await shot('meeting-reminder');
    // The page runs under its Content-Security-Policy: nothing it needs was blocked.
    expect(consoleErrors.filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
  }, 60_000);

  test('issue 17: three Excel rows pasted into the box become three 客户 records; a sick note through the file button lets the supervisor approve', async () => {
    await pick('E003', '李娜');
    // Shift+Enter breaks the line, a real paste (the clipboard) keeps the rows' tabs and line breaks.
    await box().fill('客户');
    await box().press('Shift+Enter');
    const rows = ['华为技术\t张\tIT经理 13800000000\t200\t已上ERP\tA', '联想\t李\t采购 010-88886666\t50\t无\tB', '中兴通讯\t王\t信息部 13900000002\t300\t用友\tB'];
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.url });
    await page.evaluate((text) => (globalThis as any).navigator.clipboard.writeText(text), `${rows.join('\r\n')}\r\n`);
    await box().press('Control+V');
    expect((await box().inputValue()).replace(/\r/g, '')).toBe(`客户\n${rows.join('\n')}\n`);
    // An Enter that ends an IME composition (picking a word in 拼音) does not send.
    await box().evaluate((el) => el.dispatchEvent(new (globalThis as any).KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })));
    expect(await box().inputValue()).toContain('中兴通讯');
    await shot('excel-rows-pasted');
    await box().press('Enter');
    await direct().locator('.msg.bot', { hasText: '已记录 3 条客户记录' }).waitFor();
    expect(await box().inputValue()).toBe('');
    await shot('excel-rows-recorded');

    await send('请假 病假 12月8日 全天 发烧');
    const asked = direct().locator('.msg.bot', { hasText: /已提交请假 L\d+/ }).last();
    const id = /L(\d+)/.exec(await asked.innerText())?.[1];
    await page.locator('form[data-chat="direct"] input[type="file"]').setInputFiles({ name: '病假条.png', mimeType: 'image/png', buffer: TINY_PNG });
    await direct().locator('.msg.me', { hasText: '病假条.png' }).waitFor();
    await direct().locator('.msg.bot', { hasText: `已将病假条附在请假 L${id} 上` }).waitFor();
    await shot('sick-note-attached');
    // A file that is not an image or PDF is refused at once, in Chinese.
    await page.locator('form[data-chat="direct"] input[type="file"]').setInputFiles({ name: '病假条.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('PK\x03\x04 not a photo') });
    await page.locator('#toast', { hasText: '不是图片或 PDF' }).waitFor();

    await pick('E001', '王强');
    const card = direct().locator('.msg.bot .card', { hasText: `请假审批 L${id}` }).last();
    await card.locator('dd', { hasText: '已附' }).waitFor();
    await card.locator('button', { hasText: '同意' }).click();
    await card.locator('.card-footer', { hasText: /已由王强于 .* 批准/ }).waitFor();
    await shot('sick-leave-approved');
    expect(consoleErrors.filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
  }, 60_000);
});
