import { createLogger } from '../../../src/core/logger';
import type { ManualClock } from '../../../src/core/clock';
import { findJob } from '../../../src/jobs/job-specs';
import { runJob } from '../../../src/jobs/run-job';
import { jobDeps } from '../../../src/main';
import { serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';
import { plain, startWebChat, type WebChatRig } from './web-chat-kit';

for (const kind of dbKinds()) {
  describe(`web chat: the Friday ranking shows its chart inside the card [${kind}]`, () => {
    let rig: WebChatRig;
    beforeAll(async () => {
      rig = await startWebChat(kind);
    });
    afterAll(() => rig.close());

    test('the admin’s company ranking and the team’s group card hold the chart as an <img> of the SVG, which the page’s CSP allows', async () => {
      const admin = await rig.listen('E900');
      const agent = await rig.listen('E002');
      (rig.clock as ManualClock).set(sh('2026-12-04 16:30:00'));
      const deps = jobDeps(serviceContext(rig.ds), ['web'], rig.clock, createLogger({ level: 'silent' }));
      expect(await runJob(deps, findJob('weekly-ranking')!, '2026-11-30')).toMatchObject({ ran: true });
      rig.running.bot.outbox.wake();
      for (const [log, title, chat] of [[admin, /全公司周排名/, 'direct'], [agent, /一组周排名/, 'group']] as const) {
        const e = await log.waitFor((x: any) => x.type === 'message' && x.item.chat === chat && title.test(plain(x)));
        const m = /<img class="card-chart" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">/.exec(e.item.html);
        expect(m).not.toBeNull();
        expect(m![2]).toMatch(/本周 A\/B 客户$/);
        const svg = Buffer.from(m![1], 'base64').toString('utf8');
        expect(svg).toMatch(/^<svg /);
        expect(svg).toContain('>张伟</text>');
        expect(svg).not.toMatch(/<script|<style/);
      }
      const page = await fetch(`${rig.url}/`);
      expect(page.headers.get('content-security-policy')).toContain("img-src 'self' data:");
    });
  });
}
