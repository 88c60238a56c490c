import { ManualClock } from '../../../src/core/clock';
import { Dispatcher, type TurnHandler } from '../../../src/core/dispatcher';
import { UserError } from '../../../src/core/errors';
import type { MessageEvent } from '../../../src/core/incoming-event';
import { createLogger } from '../../../src/core/logger';
import { textReply } from '../../../src/core/reply-intent';
import type { TurnContext } from '../../../src/core/turn-context';
import { FakeDispatchPorts } from './fake-dispatch-ports';

const NOW = new Date('2026-12-03T01:00:00Z');
const DAY = 24 * 3600_000;
let seq = 0;

function message(text: string, over: Partial<MessageEvent> = {}): MessageEvent {
  return { type: 'message', platform: 'web', dedupKey: `ev-${++seq}`, sentAt: NOW, senderId: 'u1', chat: { kind: 'direct', id: 'u1' }, text, mentions: [], files: [], ...over };
}

/** A handler that does what `behaviour` says with the turn. */
function handler(behaviour: (turn: TurnContext) => Promise<void>): TurnHandler {
  return { handle: behaviour };
}

function setup(h: TurnHandler, budgetMs = 200) {
  const ports = new FakeDispatchPorts();
  ports.people.set('u1', { id: 1, no: 'E001', name: '张伟', role: 'agent', teamId: 1 } as never);
  const dispatcher = new Dispatcher(ports, h, new ManualClock(NOW), createLogger({ level: 'silent' }), {
    maxAgeMs: 35 * DAY, maxSkewMs: 300_000, turnBudgetMs: budgetMs, timeZone: 'Asia/Shanghai',
  });
  return { ports, dispatcher };
}

describe('Dispatcher on fake ports (docs/architecture.md, "How a message flows")', () => {
  test('a handled turn: claimed once, its replies committed, the outbox woken', async () => {
    const { ports, dispatcher } = setup(handler(async (t) => t.reply(textReply('好'))));
    const e = message('打卡');
    expect(await dispatcher.dispatch(e)).toMatchObject({ status: 'handled' });
    expect(ports.textsOf(e.dedupKey)).toEqual(['好']);
    expect(ports.committed.claims.get(e.dedupKey)).toBe('handled');
    expect(ports.deliveredCount).toBe(1);
  });

  test('a duplicate (the same dedup key again) does nothing and wakes nobody', async () => {
    let runs = 0;
    const { ports, dispatcher } = setup(handler(async (t) => void (runs++, t.reply(textReply('好')))));
    const e = message('打卡');
    await dispatcher.dispatch(e);
    expect(await dispatcher.dispatch({ ...e })).toEqual({ status: 'duplicate' });
    expect(runs).toBe(1);
    expect(ports.textsOf(e.dedupKey)).toEqual(['好']);
    expect(ports.deliveredCount).toBe(1);
  });

  test.each([
    ['older than the dedup retention', new Date(NOW.getTime() - 36 * DAY)],
    ['more than the skew ahead', new Date(NOW.getTime() + 301_000)],
    ['without a time', new Date(Number.NaN)],
  ])('an event %s is stale: refused before any port is touched', async (_what, sentAt) => {
    const { ports, dispatcher } = setup(handler(async () => undefined));
    const e = message('打卡', { sentAt });
    expect(await dispatcher.dispatch(e)).toEqual({ status: 'stale' });
    expect(ports.committed.claims.size).toBe(0);
  });

  test('an unknown sender gets the one reply about being added, nothing else runs', async () => {
    let runs = 0;
    const { ports, dispatcher } = setup(handler(async () => void runs++));
    const e = message('打卡', { senderId: 'stranger' });
    expect(await dispatcher.dispatch(e)).toMatchObject({ status: 'unknown-user' });
    expect(runs).toBe(0);
    expect(ports.textsOf(e.dedupKey)).toEqual([expect.stringMatching(/管理员/)]);
  });

  test("a user's mistake rolls the work back and answers with the example; the claim is kept as refused", async () => {
    const { ports, dispatcher } = setup(handler(async (t) => {
      t.reply(textReply('不应该发出'));
      throw new UserError('缺少请假原因', '请假 事假 12月3日 全天 家里有事');
    }));
    const e = message('请假');
    expect(await dispatcher.dispatch(e)).toMatchObject({ status: 'user-error' });
    expect(ports.textsOf(e.dedupKey)).toEqual(['缺少请假原因\n正确示例：请假 事假 12月3日 全天 家里有事']);
    expect(ports.committed.claims.get(e.dedupKey)).toBe('refused');
    expect(ports.alerts).toEqual([]);
  });

  test('an unexpected error: rolled back, the user asked to try again, the admins alerted once a day', async () => {
    const { ports, dispatcher } = setup(handler(async () => {
      throw new TypeError('boom');
    }));
    const [a, b] = [message('打卡'), message('打卡')];
    expect(await dispatcher.dispatch(a)).toMatchObject({ status: 'failed' });
    expect(await dispatcher.dispatch(b)).toMatchObject({ status: 'failed' });
    expect(ports.textsOf(a.dedupKey)).toEqual([expect.stringMatching(/处理出错了/)]);
    expect(ports.committed.claims.get(a.dedupKey)).toBe('failed');
    expect(ports.alerts.map((x) => x.key)).toEqual(['turn-failed:2026-12-03']);
  });

  test('the database down propagates (the webhook answers 503); nothing is stored', async () => {
    const { ports, dispatcher } = setup(handler(async () => undefined));
    ports.failNextWith = Object.assign(new Error('gone'), { code: 'DB_DOWN' });
    const e = message('打卡');
    const thrown = await dispatcher.dispatch(e).catch((err: unknown) => err);
    expect(dispatcher.isUnavailable(thrown)).toBe(true);
    expect(ports.committed.claims.size).toBe(0);
  });

  test('past the time budget: the work is undone, the claim kept as over-budget with an apology quoting the message, admins told', async () => {
    const { ports, dispatcher } = setup(handler(async (t) => {
      t.reply(textReply('太晚了'));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }), 50);
    const e = message('日报 通话 120 备注：今天客户很多很多很多很多');
    const started = Date.now();
    expect(await dispatcher.dispatch(e)).toMatchObject({ status: 'over-budget' });
    expect(Date.now() - started).toBeLessThan(900);
    expect(ports.committed.claims.get(e.dedupKey)).toBe('over-budget');
    expect(ports.textsOf(e.dedupKey)).toEqual([expect.stringMatching(/^抱歉，你发的“日报 通话 120 备注：今天客户很多很…”处理超时/)]);
    expect(ports.alerts.map((a) => a.key)).toEqual(['turn-over-budget:2026-12-03']);
    expect(await dispatcher.dispatch({ ...e })).toEqual({ status: 'duplicate' });
  });

  test('in a group, every text reply to the sender names them', async () => {
    const { ports, dispatcher } = setup(handler(async (t) => t.reply(textReply('例会签到成功'))));
    const e = message('签到', { chat: { kind: 'group', id: 'room' } });
    await dispatcher.dispatch(e);
    expect(ports.textsOf(e.dedupKey)).toEqual(['@张伟 例会签到成功']);
  });
});
