import type { Role } from '../domain/roles';
import type { CardActionEvent } from './incoming-event';
import type { TurnContext } from './turn-context';

/** A chat command: its words, who may use it, how help shows it, and what it does. */
export interface CommandSpec {
  /** The Chinese name, e.g. '请假'. */
  name: string;
  /** Other words for it: Chinese variants and English aliases (matched case-insensitively). */
  aliases: string[];
  /** Roles that may use it; help lists a command only to these. */
  roles: readonly Role[];
  /** One line for help. */
  summary: string;
  /** Not listed by help (绑定: only an unknown account needs it, and help is for employees). */
  unlisted?: boolean;
  /** Correct examples; help shows the first. */
  examples: string[];
  /** Runs the command with the text after its word (already normalised). */
  run(turn: TurnContext, rest: string): Promise<void>;
  /** Card actions it owns, by action id ('leave.approve'); a click and the text run the same code. */
  actions?: Record<string, CardActionHandler>;
}

/** Runs one card action: a click, or a form's submission, with the turn it belongs to. */
export type CardActionHandler = (turn: TurnContext, event: CardActionEvent) => Promise<void>;
