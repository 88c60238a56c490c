import type { DataSource } from 'typeorm';
import { ManualClock } from '../../../src/core/clock';
import type { TurnHandler } from '../../../src/core/dispatcher';
import type { MessageEvent } from '../../../src/core/incoming-event';
import { createLogger } from '../../../src/core/logger';
import type { TurnContext } from '../../../src/core/turn-context';
import { Employee, OutboxMessage, PlatformIdentity, ProcessedEvent, Punch } from '../../../src/db/entities';
import { AbandonedWorkError, currentManager, inTransaction } from '../../../src/db/transaction';
import { createBot, type Bot } from '../../../src/main';
import type { OutboxPayload } from '../../../src/outbox/outbox-writer';
import { MemoryMessenger } from '../../helpers/memory-messenger';
import { makeTeam, POLICY, serviceContext, sh } from '../../helpers/service-context';
import { describeEachDb } from '../../helpers/test-db';

/** Small, but far above what a normal turn takes even on a loaded test machine. */
const BUDGET_MS = 800;
/** A slow handler's sleep: past the budget. */
const SLOW_MS = BUDGET_MS + 400;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A handler around the real router: each test says what it does after (or instead of) the command. */
class SlowHandler implements TurnHandler {
  calls = 0;
  /** What the abandoned work met when it tried to write after the budget had passed. */
  lateWrite: Promise<unknown> = Promise.resolve();
  /** The work of every turn, finished or not (abandoned work goes on running). */
  readonly work: Array<Promise<unknown>> = [];
  constructor(private readonly bot: () => Bot, private readonly then: (turn: TurnContext) => Promise<void>) {}
  async handle(turn: TurnContext): Promise<void> {
    this.calls++;
    const work = this.bot().router.handle(turn).then(() => this.then(turn));
    this.work.push(work.catch(() => undefined));
    await work;
  }

  /** Waits for all work to end, abandoned work included. */
  async finished(): Promise<void> {
    await Promise.all(this.work);
  }
}

let seq = 0;

describeEachDb('dispatcher: a turn runs under a time budget (chat.turnBudgetSeconds)', (db, kind) => {
  const setup = async (then: (turn: TurnContext, ds: DataSource) => Promise<void>) => {
    const ds = db();
    const { people } = await makeTeam(ds, [{ name: '王强', role: 'supervisor' }, { name: '张伟', role: 'agent' }, { name: '赵敏', role: 'admin' }]);
    for (const p of Object.values(people)) {
      await ds.getRepository(PlatformIdentity).save({ platform: 'web', externalId: `u-${p.no}`, employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) });
    }
    const clock = new ManualClock(sh('2026-12-03 08:58:00'));
    const logger = createLogger({ level: 'silent' });
    const ctx = { ...serviceContext(ds), logger, policy: { ...POLICY, chat: { turnBudgetMs: BUDGET_MS } } };
    const made: { bot?: Bot } = {};
    const handler = new SlowHandler(() => made.bot!, (turn) => then(turn, ds));
    const bot = (made.bot = createBot(ctx, [new MemoryMessenger('web')], clock, logger, {}, { handler }));
    const say = (text: string, dedupKey = `budget-${kind}-${++seq}`): MessageEvent => ({
      type: 'message', platform: 'web', dedupKey, sentAt: clock.now(), senderId: `u-${people['张伟'].no}`,
      chat: { kind: 'direct', id: `u-${people['张伟'].no}` }, text, mentions: [], files: [],
    });
    return { ds, bot, handler, people, say };
  };

  /** The outbox rows as text bodies with their targets and dedup keys. */
  const outboxTexts = async (ds: DataSource) =>
    (await ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } })).map((r) => {
      const p = r.payload as unknown as OutboxPayload;
      return { key: r.dedupKey, to: p.kind === 'send' ? p.target : null, text: p.kind === 'send' && p.body.kind === 'text' ? p.body.text : '' };
    });

  test('past the budget: the work is rolled back, no late write lands, the sender is told which message, the claim is kept as over-budget', async () => {
    const { ds, bot, handler, people, say } = await setup(async (_turn, ds) => {
      await sleep(SLOW_MS);
      // The abandoned work goes on (JavaScript cannot stop it) and tries to write: it must not land.
      handler.lateWrite = currentManager(ds).insert(Punch, { employeeId: people['张伟'].id, workDate: '2026-12-03', at: new Date(), kind: 'in', sourceEvent: 'late', createdAt: new Date() });
      await handler.lateWrite;
    });
    const event = say('打卡 这是一条很长很长的消息，后面还有很多字');
    const started = Date.now();
    const outcome = await bot.dispatcher.dispatch(event);
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1500);
    expect(outcome.status).toBe('over-budget');
    expect(outcome.immediate?.toast?.text).toContain('“打卡 这是一条很长很长的消息，后面还有很…”');
    await handler.finished();
    await expect(handler.lateWrite).rejects.toBeInstanceOf(AbandonedWorkError);
    expect(await ds.getRepository(Punch).countBy({ employeeId: people['张伟'].id })).toBe(0);
    expect(await ds.getRepository(ProcessedEvent).findOneByOrFail({ dedupKey: event.dedupKey })).toMatchObject({ outcome: 'over-budget' });
    const replies = await outboxTexts(ds);
    const toSender = replies.filter((r) => r.to?.kind === 'user' && r.to.externalId === event.senderId);
    expect(toSender.map((r) => r.text)).toEqual([expect.stringMatching(/^抱歉，你发的“打卡 这是一条很长很长的消息，后面还有很…”处理超时，已经撤销，没有记录任何内容。/)]);
    await handler.finished();
    await bot.outbox.stop();
  });

  test('a platform retry of an over-budget event is a duplicate: it is not run again', async () => {
    const { bot, handler, say } = await setup(() => sleep(SLOW_MS));
    const event = say('打卡');
    expect((await bot.dispatcher.dispatch(event)).status).toBe('over-budget');
    expect(handler.calls).toBe(1);
    expect((await bot.dispatcher.dispatch({ ...event })).status).toBe('duplicate');
    expect(handler.calls).toBe(1);
    await handler.finished();
    await bot.outbox.stop();
  });

  test('a retry that arrives while the slow turn still runs waits for it, then is a duplicate (the claim is never let go)', async () => {
    const { bot, handler, say } = await setup(() => sleep(SLOW_MS));
    const event = say('打卡');
    const first = bot.dispatcher.dispatch(event);
    await sleep(BUDGET_MS / 2);
    const retry = bot.dispatcher.dispatch({ ...event });
    expect((await first).status).toBe('over-budget');
    expect((await retry).status).toBe('duplicate');
    expect(handler.calls).toBe(1);
    await handler.finished();
    await bot.outbox.stop();
  });

  test('two turns over budget (and two that fail) alert the admins once per kind and day', async () => {
    let mode: 'slow' | 'throw' = 'slow';
    const { ds, bot, handler, people, say } = await setup(async () => {
      if (mode === 'slow') await sleep(SLOW_MS);
      else throw new Error('a bug in a command');
    });
    expect((await bot.dispatcher.dispatch(say('打卡'))).status).toBe('over-budget');
    expect((await bot.dispatcher.dispatch(say('下班打卡'))).status).toBe('over-budget');
    mode = 'throw';
    const failed = say('日报 通话 12');
    expect((await bot.dispatcher.dispatch(failed)).status).toBe('failed');
    expect((await bot.dispatcher.dispatch(say('日报 通话 13'))).status).toBe('failed');
    expect(await ds.getRepository(ProcessedEvent).findOneByOrFail({ dedupKey: failed.dedupKey })).toMatchObject({ outcome: 'failed' });
    const admin = `u-${people['赵敏'].no}`;
    const alerts = (await outboxTexts(ds)).filter((r) => r.to?.kind === 'user' && r.to.externalId === admin);
    expect(alerts.map((a) => a.key)).toEqual([`turn-over-budget:2026-12-03:${people['赵敏'].id}`, `turn-failed:2026-12-03:${people['赵敏'].id}`]);
    expect(alerts[0].text).toMatch(/^提醒：一条消息处理超过 0.8 秒，已撤销，并已告知发送人（web，事件 budget-\S+，“打卡”）。今天再有同类情况只记日志/);
    await handler.finished();
    await bot.outbox.stop();
  });

  test('a user error is stored as refused, the turn within budget as handled', async () => {
    const { ds, bot, handler, say } = await setup(async () => undefined);
    const refused = say('日报 通话');
    const handled = say('打卡');
    expect((await bot.dispatcher.dispatch(refused)).status).toBe('user-error');
    expect((await bot.dispatcher.dispatch(handled)).status).toBe('handled');
    const outcomes = await ds.getRepository(ProcessedEvent).findBy([{ dedupKey: refused.dedupKey }, { dedupKey: handled.dedupKey }]);
    expect(Object.fromEntries(outcomes.map((o) => [o.dedupKey, o.outcome]))).toEqual({ [refused.dedupKey]: 'refused', [handled.dedupKey]: 'handled' });
    await handler.finished();
    await bot.outbox.stop();
  });

  test('an abandoned turn does not hold the database: the next message is answered while it still sleeps', async () => {
    let slow = true;
    const { ds, bot, handler, people, say } = await setup(async () => {
      if (slow) await sleep(BUDGET_MS * 3);
    });
    expect((await bot.dispatcher.dispatch(say('打卡'))).status).toBe('over-budget');
    slow = false;
    // Were the sleeping turn still holding the connection (SQLite) or its locks, this one would run out of budget too.
    expect((await bot.dispatcher.dispatch(say('打卡'))).status).toBe('handled');
    expect(await ds.getRepository(Punch).countBy({ employeeId: people['张伟'].id })).toBe(1);
    await handler.finished();
    await bot.outbox.stop();
  });

  test('a database too busy to let the turn claim its event within the budget: "database down" (503), nothing stored', async () => {
    const { ds, bot, handler, say } = await setup(async () => undefined);
    const event = say('打卡');
    let free!: () => void;
    const held = new Promise<void>((resolve) => (free = resolve));
    // Another transaction holds the way: on SQLite the one connection, on MySQL this event's key.
    let claimed!: () => void;
    const claimedKey = new Promise<void>((resolve) => (claimed = resolve));
    const blocker = inTransaction(ds, async (em) => {
      if (kind === 'mysql') await em.insert(ProcessedEvent, { platform: 'web', dedupKey: event.dedupKey, eventAt: event.sentAt, receivedAt: event.sentAt });
      claimed();
      await held;
      throw new Error('the blocker gives up');
    }).catch(() => undefined);
    await claimedKey;
    const started = Date.now();
    const failure = await bot.dispatcher.dispatch(event).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1500);
    expect(bot.dispatcher.isUnavailable(failure)).toBe(true);
    free();
    await blocker;
    expect(handler.calls).toBe(0);
    expect(await ds.getRepository(ProcessedEvent).countBy({ dedupKey: event.dedupKey })).toBe(0);
    // The platform's retry then runs normally.
    expect((await bot.dispatcher.dispatch({ ...event })).status).toBe('handled');
    await handler.finished();
    await bot.outbox.stop();
  });

  if (kind === 'mysql') {
    test('a statement still waiting (a row lock) when the budget passes is interrupted; the claim and the apology are kept', async () => {
      const { ds, bot, handler, people, say } = await setup(async (_turn, ds) => {
        await currentManager(ds).update(Employee, { id: people['王强'].id }, { name: '王强强' });
      });
      const blocker = ds.createQueryRunner();
      await blocker.startTransaction();
      await blocker.query('SELECT id FROM employees WHERE id = ? FOR UPDATE', [people['王强'].id]);
      try {
        const event = say('打卡');
        const started = Date.now();
        const outcome = await bot.dispatcher.dispatch(event);
        expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1500);
        expect(outcome.status).toBe('over-budget');
        expect(await ds.getRepository(ProcessedEvent).findOneByOrFail({ dedupKey: event.dedupKey })).toMatchObject({ outcome: 'over-budget' });
      } finally {
        await blocker.rollbackTransaction();
        await blocker.release();
      }
      expect(await ds.getRepository(Punch).countBy({ employeeId: people['张伟'].id })).toBe(0);
      expect((await ds.getRepository(Employee).findOneByOrFail({ id: people['王强'].id })).name).toBe('王强');
      const toSender = (await outboxTexts(ds)).filter((r) => r.to?.kind === 'user' && r.to.externalId === `u-${people['张伟'].no}`);
      expect(toSender.map((r) => r.text)).toEqual([expect.stringMatching(/^抱歉，你发的“打卡”处理超时/)]);
      await handler.finished();
      await bot.outbox.stop();
    });
  }
});
