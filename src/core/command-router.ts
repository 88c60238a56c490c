import { charCount } from '../domain/grammar/free-text';
import { normalizeText, splitCommand } from '../domain/grammar/normalize';
import { ForbiddenError, UserError } from './errors';
import type { CardActionHandler, CommandSpec } from './command-spec';
import { messageTooLongText } from './core-texts';
import type { TurnHandler } from './dispatcher';
import type { IncomingEvent, MessageEvent } from './incoming-event';
import type { ReplyIntent } from './reply-intent';
import { ROLE_NAMES } from './role-names';
import type { TurnContext } from './turn-context';

/** What the command router does with a message that names no command, or only brings files. */
export interface CommandRouterFallbacks {
  /** A message with files and no command (a sick note). */
  files?(turn: TurnContext): Promise<void>;
  /** Text that is no command. */
  unknown(turn: TurnContext, text: string): Promise<void>;
  /**
   * The one command an unknown account (no employee bound to it) may send, e.g. 绑定: its
   * name and what it answers (the replies to write). Anything else gets the dispatcher's reply.
   */
  stranger?: { command: string; run(event: MessageEvent, rest: string, now: Date): Promise<ReplyIntent[]> };
}

/** What the command router bounds before it reads anything. */
export interface CommandRouterLimits {
  /** The most characters a message's text (or a card's values and form together) may have: policy textLimits.message. */
  messageChars: number;
}

/** The characters an event brings: a message's text, or every value and form input of a card click. */
export function incomingChars(event: IncomingEvent): number {
  if (event.type === 'message') return charCount(event.text);
  let n = 0;
  for (const v of [...Object.values(event.value), ...Object.values(event.form)]) n += typeof v === 'string' ? charCount(v) : 0;
  return n;
}

/**
 * Finds the command a message starts with (the grammar's longest-word match: 上班打卡 before
 * 打卡) and runs it if the sender's role may; routes card clicks to the command owning the action.
 */
export class CommandRouter implements TurnHandler {
  private readonly aliases: Record<string, string[]>;

  constructor(
    readonly specs: CommandSpec[],
    private readonly fallbacks: CommandRouterFallbacks,
    private readonly limits: CommandRouterLimits,
  ) {
    this.aliases = Object.fromEntries(specs.map((spec) => [spec.name, [spec.name, ...spec.aliases]]));
  }

  /** The command `text` starts with and the rest of the text, or null. */
  find(text: string): { spec: CommandSpec; word: string; rest: string } | null {
    const split = splitCommand(text, this.aliases);
    if (!split.ok) return null;
    const spec = this.specs.find((s) => s.name === split.value.command) as CommandSpec;
    return { spec, word: split.value.word, rest: split.value.rest };
  }

  /** An unknown account's message: the stranger command's replies, or null when it is not that command. */
  async handleUnknown(event: IncomingEvent, now: Date): Promise<ReplyIntent[] | null> {
    const stranger = this.fallbacks.stranger;
    if (!stranger || event.type !== 'message' || incomingChars(event) > this.limits.messageChars) return null;
    const found = this.find(normalizeText(event.text));
    return found && found.spec.name === stranger.command ? stranger.run(event, found.rest, now) : null;
  }

  /** Runs the turn's command. Throws UserError / ForbiddenError for the dispatcher to answer. */
  async handle(turn: TurnContext): Promise<void> {
    const event = turn.event;
    // Before any parsing: a huge message is refused whole, not read (policy textLimits.message).
    const size = incomingChars(event);
    if (size > this.limits.messageChars) throw new UserError(messageTooLongText(this.limits.messageChars, size), undefined, 'message.too-long');
    if (event.type === 'card-action') {
      const found = this.action(event.actionId);
      if (!found) throw new UserError('这张卡片已失效，请重新发送命令。', undefined, 'card.unknown-action');
      this.authorise(found.spec, turn);
      return found.run(turn, event);
    }
    const text = normalizeText(event.text);
    if (!text && event.files.length && this.fallbacks.files) return this.fallbacks.files(turn);
    const found = this.find(text);
    if (!found) return this.fallbacks.unknown(turn, text);
    this.authorise(found.spec, turn);
    return found.spec.run(turn, found.rest);
  }

  /**
   * The command owning a card action and its handler. Why own properties only: the id comes
   * from the platform, and `actions['constructor']` or `actions['__proto__']` would otherwise
   * find Object's own members and run (or throw on) them.
   */
  action(actionId: string): { spec: CommandSpec; run: CardActionHandler } | null {
    for (const spec of this.specs) {
      const run = spec.actions && Object.hasOwn(spec.actions, actionId) ? spec.actions[actionId] : undefined;
      if (typeof run === 'function') return { spec, run };
    }
    return null;
  }

  private authorise(spec: CommandSpec, turn: TurnContext): void {
    if (spec.roles.includes(turn.actor.role)) return;
    const who = spec.roles.map((r) => ROLE_NAMES[r]).join('、');
    throw new ForbiddenError(`「${spec.name}」只有${who}可以使用。发送「帮助」查看你能用的命令。`, 'command.role');
  }
}
