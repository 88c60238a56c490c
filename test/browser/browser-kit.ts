import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startWebChat, type WebChatRig } from '../e2e/web/web-chat-kit';

/** Debian's chromium (.ci/run installs it when missing). */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** describe when Chromium is there (always in CI, where a missing one fails), else skipped. */
export const describeInBrowser = existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip;

/** The web chat on SQLite with the demo organisation, and a headless Chromium page on it. */
export interface BrowserRig {
  rig: WebChatRig;
  context: BrowserContext;
  page: Page;
  /** Chromium's console errors so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Starts the web chat and a Chromium page of `width` × 900 on it; screenshots go to `shots` (created). */
export async function openBrowserRig(shots: string, width: number): Promise<BrowserRig> {
  mkdirSync(shots, { recursive: true });
  const rig = await startWebChat('sqlite');
  const profile = mkdtempSync(path.join(tmpdir(), 'web-chat-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width, height: 900 } });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return {
    rig, context, page, consoleErrors,
    async close() {
      await context.close();
      await rig.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the tests do on the page: the direct and group chats, the message box, sending, picking who you are. */
export function chatActions(page: Page) {
  const box = () => page.locator('form[data-chat="direct"] textarea');
  return {
    direct: () => page.locator('#direct-messages'),
    group: () => page.locator('#group-messages'),
    box,
    async send(text: string): Promise<void> {
      await box().fill(text);
      await box().press('Enter');
    },
    async pick(account: string, name: string): Promise<void> {
      await page.locator(`[data-account="${account}"]`).click();
      await page.locator('#direct-title', { hasText: name }).waitFor();
    },
  };
}

/**
 * A browser suite whose pictures are README's: opens the rig on the page (`beforeAll`), closes it
 * (`afterAll`), and saves one message as `dir/name.png` (and in SCREENSHOTS_TO, the README's
 * docs/images, when set). Returns the page and the rig as they are set.
 */
export function pictureSuite(dir: string): { page: () => Page; rig: () => BrowserRig; shot: (target: Locator, name: string) => Promise<void> } {
  let browser: BrowserRig;
  beforeAll(async () => {
    browser = await openBrowserRig(dir, 1200);
    await browser.page.goto(browser.rig.url);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    page: () => browser.page,
    rig: () => browser,
    async shot(target, name) {
      const file = path.join(dir, `${name}.png`);
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: file });
      if (process.env.SCREENSHOTS_TO) copyFileSync(file, path.join(process.env.SCREENSHOTS_TO, `${name}.png`));
    },
  };
}
