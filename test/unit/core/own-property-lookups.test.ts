import type { CommandSpec } from '../../../src/core/command-spec';
import { outsideWindow } from '../../../src/core/dispatcher';
import { UserError } from '../../../src/core/errors';
import type { CardActionEvent } from '../../../src/core/incoming-event';
import { CommandRouter } from '../../../src/core/command-router';
import { TurnContext } from '../../../src/core/turn-context';
import type { EmployeeRecord } from '../../../src/domain/employee-record';
import { parseMonth } from '../../../src/domain/grammar/dates';

/** Names every plain object answers to through its prototype. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__lookupGetter__'];

const actor: EmployeeRecord = {
  id: 1, no: 'E001', name: '王强', role: 'supervisor', teamId: 1, baseSalaryFen: null, startDate: null, endDate: null, createdAt: new Date(0), updatedAt: new Date(0),
};
const click = (actionId: string): TurnContext => {
  const event: CardActionEvent = {
    type: 'card-action', platform: 'web', dedupKey: 'k', sentAt: new Date(0), senderId: 'u', chat: { kind: 'direct', id: 'u' }, actionId, value: {}, form: {},
  };
  return new TurnContext(event, actor, new Date(0));
};

describe('the router finds card actions by own property only', () => {
  const ran: string[] = [];
  const spec = (name: string, actions?: CommandSpec['actions']): CommandSpec => ({
    name, aliases: [], roles: ['supervisor'], summary: name, examples: [name], run: async () => undefined, actions,
  });
  const router = new CommandRouter(
    [
      spec('无卡片'),
      spec('请假', { 'leave.approve': async () => void ran.push('leave.approve') }),
    ],
    { unknown: async () => undefined },
    { messageChars: 50_000 },
  );

  test('an action of a command is found and runs', async () => {
    expect(router.action('leave.approve')?.spec.name).toBe('请假');
    await router.handle(click('leave.approve'));
    expect(ran).toEqual(['leave.approve']);
  });

  test.each(PROTOTYPE_NAMES)('%s is answered as an expired card, and nothing runs', async (actionId) => {
    const refused = await router.handle(click(actionId)).then(() => 'ran', (e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(refused).toMatchObject({ code: 'card.unknown-action', message: '这张卡片已失效，请重新发送命令。' });
    expect(ran).toEqual(['leave.approve']);
  });

  test.each(PROTOTYPE_NAMES)('%s finds no action', (actionId) => {
    expect(router.action(actionId)).toBeNull();
  });
});

describe('grammar tables are read by own property only', () => {
  // Why these two: parseMonth lowercases the word, and only these prototype names are lowercase.
  test.each(['__proto__', 'constructor', 'Constructor'])('工资 %s is no month (it was read as NaN-NaN)', (word) => {
    expect(parseMonth(word, { today: '2026-12-03', rules: { yearsBack: 1, yearsAhead: 1 } })).toMatchObject({ ok: false });
  });
});

describe('an event is judged only inside its window (events.dedupRetentionDays, events.maxClockSkewSeconds)', () => {
  const now = new Date('2026-12-03T01:00:00Z');
  const day = 24 * 3600_000;
  const at = (ms: number) => new Date(now.getTime() + ms);
  test.each<[string, Date, ReturnType<typeof outsideWindow>]>([
    ['now', now, null],
    ['35 days old', at(-35 * day), null],
    ['a millisecond past 35 days', at(-35 * day - 1), 'too old'],
    ['5 minutes ahead (clock skew)', at(300_000), null],
    ['a millisecond past 5 minutes ahead', at(300_001), 'from the future'],
    ['tomorrow', at(day), 'from the future'],
    ['the year 275760', new Date(8.64e15), 'from the future'],
    ['no time at all', new Date(NaN), 'without a time'],
  ])('%s', (_case, sentAt, expected) => {
    expect(outsideWindow(sentAt, now, 35 * day, 300_000)).toBe(expected);
  });
});
