/**
 * 导出 in the web chat (issue 17; DESIGN.md second-wave contracts: `GET /files/TOKEN`,
 * PUBLIC_URL): the admin gets the two files as download links under PUBLIC_URL, each with its own
 * random token (only its SHA-256 is stored); a link works for policy files.linkMinutes (10)
 * and answers 410 after, an unknown token 404, a foreign Host 421 as the web chat does.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { ManualClock } from '../../../src/core/clock';
import { ChatFile } from '../../../src/db/entities';
import { closeMonth } from '../../../src/services/payroll';
import { send } from '../../helpers/http-client';
import { serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';
import { startWebChat, type WebChatRig } from './web-chat-kit';

for (const kind of dbKinds()) {
  describe(`web chat: 导出 offers download links (/files/TOKEN) [${kind}]`, () => {
    let rig: WebChatRig;
    let links: string[];
    const HOST = 'bot.example.com';
    beforeAll(async () => {
      rig = await startWebChat(kind, { PUBLIC_URL: `https://${HOST}/` });
      await closeMonth(serviceContext(rig.ds), '2026-11', { now: sh('2026-12-01 01:00:00') });
      const answer = await rig.api('/api/web/messages', { as: 'E900', chat: 'direct', text: '导出 11月' });
      expect(answer.status).toBe(200);
      // The replies reach the page through the outbox: wait (bounded) for the two links.
      const until = Date.now() + 5000;
      for (;;) {
        const html = (await rig.api('/api/web/history?as=E900')).json.map((i: any) => i.html).join('\n');
        links = [...html.matchAll(/href="(https:\/\/bot\.example\.com\/files\/[^"]+)"/g)].map((m) => m[1]);
        if (links.length >= 2 || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    afterAll(() => rig.close());

    const get = (link: string, host = HOST) => send(rig.running.port, { path: new URL(link).pathname, headers: { Host: host } });

    test('the admin sees the summary and two links under PUBLIC_URL, each with a random 43-character token stored only as its hash', async () => {
      const html = (await rig.api('/api/web/history?as=E900')).json.map((i: any) => i.html).join('\n');
      expect(html).toContain('2026年11月工资表：');
      expect(html).toMatch(/工资表-2026-11\.xlsx<\/a>（[\d.]+ KB）<div class="file-note">下载链接 \d\d:\d\d 前有效/);
      expect(links).toHaveLength(2);
      const tokens = links.map((l) => l.split('/files/')[1]);
      for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const stored = await rig.ds.getRepository(ChatFile).find({ order: { id: 'ASC' } });
      expect(stored.map((f) => f.linkHash)).toEqual(tokens.map((t) => createHash('sha256').update(t).digest('hex')));
      expect(stored.map((f) => f.linkExpiresAt?.getTime())).toEqual([rig.clock.now().getTime() + 10 * 60_000, rig.clock.now().getTime() + 10 * 60_000]);
    });

    test('within 10 minutes each link downloads its file (200, attachment, not cached, framing forbidden)', async () => {
      (rig.clock as ManualClock).advance(9 * 60_000 + 59_000);
      const xlsx = await get(links[0]);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="___-2026-11.xlsx"; filename*=UTF-8''${encodeURIComponent('工资表-2026-11.xlsx')}`);
      expect(xlsx.headers['cache-control']).toBe('no-store');
      expect(String(xlsx.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as never);
      expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('工号');
      const csv = await get(links[1]);
      expect([csv.status, csv.headers['content-type'], csv.text.startsWith('\uFEFFemployee_no,name,')]).toEqual([200, 'text/csv; charset=utf-8', true]);
    });

    test('a foreign Host is refused (421) as the web chat does; loopback is this server', async () => {
      expect((await get(links[0], 'evil.example')).status).toBe(421);
      expect((await get(links[0], `127.0.0.1:${rig.running.port}`)).status).toBe(200);
    });

    test('an unknown or malformed token is 404; after 10 minutes the link is 410 with what to do', async () => {
      expect((await get(`https://${HOST}/files/${'A'.repeat(43)}`)).status).toBe(404);
      expect((await get(`https://${HOST}/files/not-a-token`)).status).toBe(404);
      (rig.clock as ManualClock).advance(1000);
      const gone = await get(links[0]);
      expect(gone.status).toBe(410);
      expect(gone.text).toBe('下载链接已过期。请在聊天里重新发送命令，取得新的链接。\n');
      expect((await get(links[1])).status).toBe(410);
    });
  });
}
