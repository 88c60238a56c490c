import type { ManualClock } from '../../../src/core/clock';
import { Employee, OutboxMessage, PlatformIdentity, ProcessedEvent } from '../../../src/db/entities';
import type { Role } from '../../../src/domain/roles';
import { startE2eBot, type E2eBot } from '../../helpers/e2e-server';
import { makeTeam, sh } from '../../helpers/service-context';
import { dropWorkerDatabase, type DbKind } from '../../helpers/test-db';
import { deliverCallback, payloads, type Delivery, type EnvelopeOptions } from './callback-builder';
import type { FakeWecomServer } from './fake-wecom-server';
import { SAMPLE_SECRETS, startFakeWecom, wecomEnv } from './index';

/** A person of the rig's team: the employee and their WeCom userid. */
export interface RigPerson {
  employee: Employee;
  userid: string;
}

let msgSeq = 0;

/**
 * The whole bot over HTTP on a fresh `kind` database, talking to a fake WeCom, with one team
 * whose members are bound to WeCom userids. Callbacks are stamped at a Shanghai wall time, and
 * the bot's clock is moved there first (as WeCom would deliver them at once).
 */
export class WecomRig {
  private constructor(
    readonly kind: DbKind,
    readonly fake: FakeWecomServer,
    readonly bot: E2eBot,
    readonly people: Record<string, RigPerson>,
  ) {}

  /** Starts the fake and the bot, and binds `members` (name, role, userid). */
  static async start(kind: DbKind, members: Array<{ name: string; role: Role; userid: string }>): Promise<WecomRig> {
    const fake = await startFakeWecom(members.map((m) => m.userid));
    const bot = await startE2eBot(kind, wecomEnv(fake));
    const { people } = await makeTeam(bot.ds, members.map(({ name, role }) => ({ name, role })));
    const bound: Record<string, RigPerson> = {};
    for (const m of members) {
      const at = new Date('2026-01-01T00:00:00Z');
      await bot.ds.getRepository(PlatformIdentity).save({ platform: 'wecom', externalId: m.userid, employeeId: people[m.name].id, createdAt: at, updatedAt: at });
      bound[m.name] = { employee: people[m.name], userid: m.userid };
    }
    return new WecomRig(kind, fake, bot, bound);
  }

  /** The bot's manual clock. */
  get clock(): ManualClock {
    return this.bot.clock as ManualClock;
  }

  /** The userid of a member by name. */
  id(name: string): string {
    return this.people[name].userid;
  }

  /** CreateTime of a Shanghai wall time, moving the bot's clock there if it is behind. */
  stamp(at: string): number {
    const when = sh(at);
    if (this.clock.now() < when) this.clock.set(when);
    return Math.floor(when.getTime() / 1000);
  }

  /** Delivers a decrypted payload as WeCom would (signed, encrypted, retried on non-200). */
  post(payload: string, opts: EnvelopeOptions & { retries?: number; duplicates?: number } = {}): Promise<Delivery> {
    return deliverCallback(this.bot.url, SAMPLE_SECRETS, payload, opts);
  }

  /** `name` sends `content` to the app at `at`. */
  text(name: string, content: string, at: string, msgId = this.nextMsgId()): Promise<Delivery> {
    return this.post(payloads.text(SAMPLE_SECRETS.corpId, { from: this.id(name), createTime: this.stamp(at), content, msgId }));
  }

  /** `name` sends the image `mediaId` at `at`. */
  image(name: string, mediaId: string, at: string): Promise<Delivery> {
    return this.post(payloads.image(SAMPLE_SECRETS.corpId, { from: this.id(name), createTime: this.stamp(at), mediaId, msgId: this.nextMsgId() }));
  }

  /** `name` clicks the button `eventKey` of the card `taskId` at `at`; WeCom issues a response code. */
  click(name: string, taskId: string, eventKey: string, at: string): Promise<Delivery> {
    const responseCode = this.fake.issueResponseCode(taskId);
    return this.post(payloads.cardClick(SAMPLE_SECRETS.corpId, { from: this.id(name), createTime: this.stamp(at), eventKey, taskId, responseCode }));
  }

  /** A fresh 19-digit MsgId (64-bit, as WeCom's are). */
  nextMsgId(): string {
    return `72${String(Date.now()).slice(-10)}${String(++msgSeq).padStart(7, '0')}`;
  }

  /** Waits until `name` has received `count` messages; returns their texts. */
  async inbox(name: string, count: number): Promise<string[]> {
    return this.fake.waitFor(() => this.fake.textsTo(this.id(name)).length >= count && this.fake.textsTo(this.id(name)), `${count} messages to ${name}`);
  }

  /** How many events were claimed and replies queued so far. */
  async stored(): Promise<{ events: number; outbox: number }> {
    return { events: await this.bot.ds.getRepository(ProcessedEvent).count(), outbox: await this.bot.ds.getRepository(OutboxMessage).count() };
  }

  /** Waits until the outbox has nothing pending. */
  async drained(): Promise<void> {
    const until = Date.now() + 5000;
    while ((await this.bot.ds.getRepository(OutboxMessage).countBy({ status: 'pending' })) > 0) {
      if (Date.now() > until) throw new Error('the outbox did not drain within 5 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops the bot and the fake; drops the MySQL worker database. */
  async close(): Promise<void> {
    await this.bot.close();
    await this.fake.close();
    if (this.kind === 'mysql') await dropWorkerDatabase();
  }
}
