import { renderCard } from '../../../bots/feishu/feishu-card-renderer';
import { jobViews } from '../../../src/wiring/job-views';
import { createLogger } from '../../../src/core/logger';
import { OutboxMessage, Team, type Employee } from '../../../src/db/entities';
import { SENDING_JOBS } from '../../../src/jobs/sending-jobs';
import { runJob } from '../../../src/jobs/run-job';
import { jobDeps } from '../../../src/main';
import { weeklyRanking } from '../../../src/services/ranking';
import { contentBytes, FAKE_CARD_MAX_BYTES } from '../../fakes/feishu-server/fake-feishu-cards';
import { FAILURES, type FakeMessage } from '../../fakes/feishu-server/fake-feishu-state';
import { startFeishuE2e, type FeishuE2e } from '../../fakes/feishu-server/feishu-e2e-kit';
import type { FeishuUser } from '../../fakes/feishu-server/feishu-push-builder';
import { makeTeam, serviceContext, sh } from '../../helpers/service-context';
import { dbKinds } from '../../helpers/test-db';

/** The visible text of a card JSON 2.0: title, then every plain-text block. */
const cardText = (card: any): string => [card.header.title.content, ...card.body.elements.filter((e: any) => e.tag === 'div').map((e: any) => e.text.content)].join('\n');
const approveValue = (card: any): Record<string, string> => card.body.elements.find((e: any) => e.tag === 'button').behaviors[0].value;

/** Cards Feishu would refuse or lose (docs/platforms/feishu.md §2.4, §2.5, §3.2), against the strict fake. */
for (const kind of dbKinds()) {
  describe(`feishu cards within the platform's rules [${kind}]`, () => {
    let e2e: FeishuE2e;
    let zhao: FeishuUser;
    let qian: FeishuUser;
    let boss: FeishuUser;
    beforeAll(async () => {
      e2e = await startFeishuE2e(kind);
      const { people } = await makeTeam(e2e.ds, [{ name: '王强', role: 'supervisor' }, { name: '赵敏', role: 'admin' }, { name: '钱坤', role: 'admin' }]);
      [boss, zhao, qian] = [await e2e.bind(people['王强']), await e2e.bind(people['赵敏']), await e2e.bind(people['钱坤'])];
    });
    afterAll(() => e2e.close());

    const say = async (who: FeishuUser, text: string, at: string) => {
      e2e.clock.set(sh(at));
      expect((await e2e.post(e2e.pushes.text(who, text, { at: sh(at) }))).status).toBe(200);
    };
    const cards = (who: FeishuUser, n: number) => e2e.fake.waitFor(() => { const m = e2e.fake.messagesTo(who.openId).filter((x) => x.msgType === 'interactive'); return m.length >= n && m; }, 5000, `${n} cards to ${who.openId}`);
    const pending = () => e2e.ds.getRepository(OutboxMessage).countBy({ status: 'pending' });
    /** Moves the clock past the click's settle time and lets the outbox run. */
    const afterAnswer = (ms = 3000) => {
      e2e.clock.advance(ms);
      e2e.wakeOutbox();
    };

    test('a click is answered with the new card and that message is never patched; every other copy is patched after the answer', async () => {
      await say(boss, '请假 事假 12月4日 全天 家里有事', '2026-12-03 10:00:00');
      const [zhaoCard] = await cards(zhao, 1);
      const [qianCard] = await cards(qian, 1);
      // A second copy for 赵敏 from 审批: the same request's card, another message.
      await say(zhao, '审批', '2026-12-03 10:01:00');
      const [, zhaoCopy] = await cards(zhao, 2);
      expect(cardText(zhaoCopy.content)).toBe(cardText(zhaoCard.content));

      e2e.clock.set(sh('2026-12-03 10:05:00'));
      const click = await e2e.click(e2e.pushes.cardAction(zhao, approveValue(zhaoCard.content), { at: sh('2026-12-03 10:05:00'), messageId: zhaoCard.messageId }), zhaoCard.messageId);
      e2e.fake.mark('click answered');
      expect(click.json().toast).toEqual({ type: 'success', content: expect.stringMatching(/^已批准 L\d+$/) });
      expect(cardText(e2e.fake.state.message(zhaoCard.messageId)!.content)).toContain('已由赵敏于 12月3日 10:05 批准');
      expect(e2e.fake.state.refusedAnswers).toEqual([]);
      // Nothing is patched while the answer may still be applied.
      expect([e2e.fake.patchCalls(zhaoCard.messageId), e2e.fake.patchCalls(qianCard.messageId), e2e.fake.patchCalls(zhaoCopy.messageId)]).toEqual([0, 0, 0]);

      afterAnswer();
      for (const copy of [qianCard, zhaoCopy]) await e2e.fake.waitFor(() => e2e.fake.state.message(copy.messageId)!.patches === 1, 5000, `the copy ${copy.messageId} patched`);
      await e2e.fake.waitFor(async () => (await pending()) === 0, 5000, 'the outbox settled');
      for (const copy of [qianCard, zhaoCopy]) expect(cardText(e2e.fake.state.message(copy.messageId)!.content)).toContain('已由赵敏于 12月3日 10:05 批准');
      expect(e2e.fake.patchCalls(zhaoCard.messageId)).toBe(0);
      const t = e2e.fake.state.timeline;
      expect(t.indexOf('click answered')).toBeLessThan(t.indexOf('answered patch 200'));
    });

    test('a copy locked by another approver’s click in flight ("card action is lock") is retried, not given up', async () => {
      await say(boss, '请假 事假 12月7日 全天 搬家', '2026-12-03 11:00:00');
      const zhaoCard = (await cards(zhao, 3))[2];
      const qianCard = (await cards(qian, 2))[1];
      e2e.fake.lockCard(qianCard.messageId);
      e2e.clock.set(sh('2026-12-03 11:05:00'));
      await e2e.click(e2e.pushes.cardAction(zhao, approveValue(zhaoCard.content), { at: sh('2026-12-03 11:05:00'), messageId: zhaoCard.messageId }), zhaoCard.messageId);
      afterAnswer();
      const row = await e2e.fake.waitFor(async () => { const r = await e2e.ds.getRepository(OutboxMessage).findOne({ where: { status: 'pending' } }); return r?.attempts === 1 && r; }, 5000, 'the locked update retried');
      expect(row.lastError).toContain('card action is lock');
      expect(e2e.fake.state.calls.filter((c) => c.route === 'patch').at(-1)).toMatchObject({ status: 400, answer: { code: 230099 } });
      // 钱坤's own click is answered: the card unlocks, and the retry goes through.
      e2e.fake.answerCallback(qianCard.messageId, undefined);
      afterAnswer(2000);
      await e2e.fake.waitFor(() => e2e.fake.state.message(qianCard.messageId)!.patches === 1, 5000, 'the copy patched on retry');
      expect(cardText(e2e.fake.state.message(qianCard.messageId)!.content)).toContain('已由赵敏于 12月3日 11:05 批准');
      expect(await e2e.ds.getRepository(OutboxMessage).countBy({ status: 'failed' })).toBe(0);
    });

    test('the company ranking of 300 agents reaches the admins in cards that each fit 30 KB, every row once', async () => {
      const surnames = '张王李赵刘陈杨黄周吴';
      const given = ['伟强', '秀英', '丽娟', '建国', '志明', '晓燕', '海波', '春梅', '国庆', '子轩'];
      const agents: Employee[] = [];
      for (let t = 0; t < 30; t++) {
        const members = Array.from({ length: 10 }, (_, i) => ({ name: `${surnames[t % 10]}${given[i]}${t}`, role: 'agent' as const }));
        const { team, people } = await makeTeam(e2e.ds, members, `华东大区电话销售第${String(t + 1).padStart(2, '0')}组`);
        await e2e.ds.getRepository(Team).update({ id: team.id }, { chats: { feishu: `oc_team_${team.id}` } });
        agents.push(...Object.values(people));
      }
      const ctx = serviceContext(e2e.ds);
      // Unsplit, this card is over Feishu's 30 KB: the fix is what makes it arrive.
      const whole = JSON.stringify(renderCard(jobViews.ranking(await weeklyRanking(ctx, { kind: 'company' }, '2026-12-04'), '2026-12-04')));
      expect(contentBytes(whole)).toBeGreaterThan(FAKE_CARD_MAX_BYTES);

      e2e.clock.set(sh('2026-12-04 18:30:00'));
      const deps = jobDeps(ctx, ['feishu'], e2e.clock, createLogger({ level: 'silent' }));
      await runJob(deps, SENDING_JOBS.find((j) => j.name === 'weekly-ranking')!, '2026-11-30');
      e2e.wakeOutbox();
      await e2e.fake.waitFor(async () => (await pending()) === 0, 15_000, 'the ranking sent');
      expect(await e2e.ds.getRepository(OutboxMessage).countBy({ status: 'failed' })).toBe(0);
      for (const admin of [zhao, qian]) {
        const parts = e2e.fake.messagesTo(admin.openId).filter((m: FakeMessage) => m.msgType === 'interactive' && m.content.header.title.content.startsWith('全公司周排名'));
        expect(parts.length).toBeGreaterThan(1);
        parts.forEach((p, i) => {
          expect(p.content.header.title.content).toMatch(new RegExp(`（${i + 1}/${parts.length}）$`));
          expect(contentBytes(JSON.stringify(p.content))).toBeLessThanOrEqual(FAKE_CARD_MAX_BYTES);
        });
        const text = parts.map((p) => cardText(p.content)).join('\n');
        for (const a of agents) expect(text.split(`（${a.no}，`).length - 1).toBe(1);
        expect(text.match(/^\d+\. /gm)).toHaveLength(300);
        // The chart rides on the first part only: a card 2.0 chart element the fake checked (VChart spec, top 15).
        const charts = parts.map((p) => p.content.body.elements.filter((e: any) => e.tag === 'chart'));
        expect(charts.map((c) => c.length)).toEqual(parts.map((_, i) => (i === 0 ? 1 : 0)));
        const spec = charts[0][0].chart_spec;
        expect(spec).toMatchObject({ type: 'bar', xField: 'category', yField: 'value', title: { text: '全公司本周 A/B 客户（前 15 名）' } });
        expect(spec.data[0].values).toHaveLength(15);
      }
      const team = e2e.fake.messagesTo(`oc_team_${agents[0].teamId}`).find((m: FakeMessage) => m.msgType === 'interactive');
      expect(team!.content.body.elements.find((e: any) => e.tag === 'chart').chart_spec.data[0].values.map((v: any) => v.category)).toHaveLength(10);
    });

    test('a scheduled message given up for good alerts the admins, naming what and which run', async () => {
      e2e.fake.failNext('send', FAILURES.invalidReceiver());
      e2e.clock.set(sh('2026-12-04 19:00:00'));
      const deps = jobDeps(serviceContext(e2e.ds), ['feishu'], e2e.clock, createLogger({ level: 'silent' }));
      await runJob(deps, SENDING_JOBS.find((j) => j.name === 'weekly-ranking')!, '2026-11-23');
      e2e.wakeOutbox();
      const failed = await e2e.fake.waitFor(() => e2e.ds.getRepository(OutboxMessage).findOneBy({ status: 'failed' }), 15_000, 'the given-up row');
      for (const admin of [zhao, qian]) {
        const alert = await e2e.fake.waitFor(() => e2e.fake.textsTo(admin.openId).find((t) => t.startsWith('消息发送失败')), 15_000, 'the alert');
        expect(alert).toContain('周排名');
        expect(alert).toContain(`第 ${failed.id} 条`);
        expect(alert).toContain(`这是定时任务的消息（${failed.dedupKey}）`);
        expect(failed.dedupKey).toMatch(/^weekly-ranking:2026-11-23:/);
      }
    });
  });
}
