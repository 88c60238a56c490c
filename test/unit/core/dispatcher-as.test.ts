import { ManualClock } from '../../../src/core/clock';
import { Dispatcher, type TurnHandler } from '../../../src/core/dispatcher';
import { UserError } from '../../../src/core/errors';
import type { MessageEvent } from '../../../src/core/incoming-event';
import { createLogger } from '../../../src/core/logger';
import { textReply } from '../../../src/core/reply-intent';
import type { EmployeeRecord } from '../../../src/domain/employee-record';
import { FakeDispatchPorts } from './fake-dispatch-ports';

const NOW = new Date('2026-12-03T01:00:00Z');
const ACTOR = { id: 7, no: 'E007', name: '王强', role: 'supervisor', teamId: 1 } as EmployeeRecord;
let seq = 0;

const event = (text: string, dedupKey = `console:1:r-${++seq}`): MessageEvent => ({
  type: 'message', platform: 'web', dedupKey, sentAt: NOW, senderId: 'console:7', chat: { kind: 'direct', id: 'console:1' }, text, mentions: [], files: [],
});

function setup(handle: TurnHandler['handle']) {
  const ports = new FakeDispatchPorts();
  const dispatcher = new Dispatcher(ports, { handle }, new ManualClock(NOW), createLogger({ level: 'silent' }), {
    maxAgeMs: 86_400_000, maxSkewMs: 300_000, turnBudgetMs: 500, timeZone: 'Asia/Shanghai',
  });
  return { ports, dispatcher };
}

/** Dispatcher.dispatchAs (the console's writes): the chat's turn, with the sender's replies handed back instead of sent. */
describe('Dispatcher.dispatchAs', () => {
  test('runs as the given actor without looking up an account; replies to the sender come back, the rest is enqueued', async () => {
    const seen: string[] = [];
    const { ports, dispatcher } = setup(async (turn) => {
      seen.push(turn.actor.name);
      turn.reply(textReply('已批准 L1'));
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: 3 }, body: { kind: 'text', text: '你的请假已批准' } });
      turn.reply({ kind: 'update', cardKey: 'leave:1', card: { title: 'L1', fields: [] } });
    });
    const e = event('同意 L1');
    const outcome = await dispatcher.dispatchAs(ACTOR, e);
    expect(seen).toEqual(['王强']);
    expect(outcome).toMatchObject({ status: 'handled', replies: [{ kind: 'text', text: '已批准 L1' }] });
    expect(ports.committed.outbox.map((o) => o.intent.kind === 'send' ? o.intent.to.kind : o.intent.kind)).toEqual(['employee', 'update']);
    expect(ports.deliveredCount).toBe(1);
  });

  test('the same dedup key again is a duplicate: nothing runs, nothing comes back', async () => {
    let runs = 0;
    const { ports, dispatcher } = setup(async (turn) => void (runs++, turn.reply({ kind: 'send', to: { kind: 'team', teamId: 1 }, body: { kind: 'text', text: '通知' } })));
    const e = event('同意 L2');
    await dispatcher.dispatchAs(ACTOR, e);
    expect(await dispatcher.dispatchAs(ACTOR, { ...e })).toEqual({ status: 'duplicate', replies: [] });
    expect(runs).toBe(1);
    expect(ports.committed.outbox).toHaveLength(1);
  });

  test('a user error rolls the work back and comes back as the text the chat would have said; nothing reaches the outbox', async () => {
    const { ports, dispatcher } = setup(async (turn) => {
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: 3 }, body: { kind: 'text', text: '不该发出' } });
      throw new UserError('L3 不是你团队的请假。', '同意 L42');
    });
    const outcome = await dispatcher.dispatchAs(ACTOR, event('同意 L3'));
    expect(outcome.status).toBe('user-error');
    expect(outcome.replies).toEqual([{ kind: 'text', text: expect.stringContaining('L3 不是你团队的请假。') }]);
    expect(ports.committed.outbox).toEqual([]);
  });

  test('a failure answers the try-again text and alerts nobody through the outbox', async () => {
    const { ports, dispatcher } = setup(async () => {
      throw new Error('boom');
    });
    const outcome = await dispatcher.dispatchAs(ACTOR, event('结算 11月'));
    expect(outcome.status).toBe('failed');
    expect(outcome.replies).toHaveLength(1);
    expect(ports.committed.outbox).toEqual([]);
  });
});
