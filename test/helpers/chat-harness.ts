import type { NeutralCard } from '../../src/core/neutral-card';
import type { DataSource } from 'typeorm';
import { ManualClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import type { CardActionEvent, MessageEvent, Mention, IncomingFile } from '../../src/core/incoming-event';
import type { CardButton } from '../../src/core/neutral-card';
import type { DispatchOutcome } from '../../src/core/dispatcher';
import { Employee, PlatformIdentity } from '../../src/db/entities';
import type { Policy } from '../../src/domain/policy';
import { createBot, type Bot } from '../../src/main';
import { MemoryMessenger, type SentMessage } from './memory-messenger';
import { serviceContext, sh } from './service-context';

let eventSeq = 0;

/**
 * A conversation through the real dispatcher, ledger and outbox on a test database, with an
 * in-memory platform ('web'). `say` sends a message as someone at a Shanghai wall time and
 * returns the replies it produced once the outbox is drained.
 */
export class ChatHarness {
  readonly messenger = new MemoryMessenger('web');
  readonly clock = new ManualClock(sh('2026-12-03 09:00:00'));
  readonly bot: Bot;

  /** `policy` replaces config/policy.yaml's (a test of another company's limits). */
  constructor(readonly ds: DataSource, opts: { policy?: Policy } = {}) {
    const logger = createLogger({ level: 'silent' });
    this.bot = createBot({ ...serviceContext(ds), ...(opts.policy ? { policy: opts.policy } : {}), logger }, [this.messenger], this.clock, logger);
  }

  /** Binds an employee to a web account named after their employee number. */
  async bind(...people: Employee[]): Promise<void> {
    for (const p of people) {
      await this.ds.getRepository(PlatformIdentity).save({ platform: 'web', externalId: this.account(p), employeeId: p.id, createdAt: new Date(0), updatedAt: new Date(0) });
    }
  }

  /** The web account id of an employee. */
  account(p: Pick<Employee, 'no'>): string {
    return `u-${p.no}`;
  }

  /** Sends `text` as `who` (an Employee or a raw account id, with the platform's display `name`) at `at` (Shanghai wall time; default the clock). */
  async say(who: Employee | string, text: string, opts: { at?: string; mentions?: Array<Employee | Mention>; group?: string; files?: IncomingFile[]; dedupKey?: string; name?: string } = {}): Promise<{ outcome: DispatchOutcome; replies: SentMessage[] }> {
    const at = opts.at ? sh(opts.at) : this.clock.now();
    if (this.clock.now() < at) this.clock.set(at);
    const senderId = typeof who === 'string' ? who : this.account(who);
    const mentions: Mention[] = (opts.mentions ?? []).map((m) => ('token' in m ? m : { token: `@${m.name}`, externalId: this.account(m), name: m.name }));
    const event: MessageEvent = {
      type: 'message', platform: 'web', dedupKey: opts.dedupKey ?? `ev-${++eventSeq}`, sentAt: at, senderId, ...(opts.name ? { senderName: opts.name } : {}),
      chat: opts.group ? { kind: 'group', id: opts.group } : { kind: 'direct', id: senderId }, text, mentions, files: opts.files ?? [],
    };
    return this.run(() => this.bot.dispatcher.dispatch(event));
  }

  /** Clicks a button of a card (with form values) as `who`. */
  async click(who: Employee, button: CardButton, form: Record<string, string> = {}, opts: { at?: string; dedupKey?: string } = {}): Promise<{ outcome: DispatchOutcome; replies: SentMessage[] }> {
    const at = opts.at ? sh(opts.at) : this.clock.now();
    if (this.clock.now() < at) this.clock.set(at);
    const event: CardActionEvent = {
      type: 'card-action', platform: 'web', dedupKey: opts.dedupKey ?? `click-${++eventSeq}`, sentAt: at, senderId: this.account(who),
      chat: { kind: 'direct', id: this.account(who) }, actionId: button.actionId, value: button.value, form,
    };
    return this.run(() => this.bot.dispatcher.dispatch(event));
  }

  private async run(dispatch: () => Promise<DispatchOutcome>): Promise<{ outcome: DispatchOutcome; replies: SentMessage[] }> {
    const before = this.messenger.sent.length;
    const outcome = await dispatch();
    await this.bot.outbox.idle();
    await this.bot.outbox.drain();
    // Give the platform's send lease back, so the next harness on this database sends at once.
    await this.bot.outbox.stop();
    return { outcome, replies: this.messenger.sent.slice(before) };
  }

  /** The text of every message sent to `who` (direct), in order. */
  inbox(who: Employee): string[] {
    return this.messenger.to(this.account(who)).map(MemoryMessenger.text);
  }
}

/** The texts of replies. */
export const texts = (replies: SentMessage[]): string[] => replies.map(MemoryMessenger.text);

/** The card a reply carries; a reply that is not a card fails the test with its text. */
export const cardOf = (m: SentMessage): NeutralCard => {
  if (m.body.kind !== 'card') throw new Error(`expected a card, got: ${MemoryMessenger.text(m)}`);
  return m.body.card;
};
