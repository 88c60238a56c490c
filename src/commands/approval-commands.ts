import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import type { CardInput } from '../core/neutral-card';
import { cardReply, textReply } from '../core/reply-intent';
import { takeLeadingIdOf } from '../domain/grammar/misc';
import { pendingRequestsFor, type RequestLetter } from '../services/approvals';
import type { ServiceContext } from '../services/service-context';
import { appealKind } from './appeal-commands';
import { bindingKind } from './binding-commands';
import { idValues, readCard } from './card-input';
import { correctionKind } from './correction-commands';
import { leaveKind } from './leave-commands';
import { ACTION_PREFIX, decideRequest, type RequestKind } from './request-kinds';
import { todayOf } from './score-commands';

const DECIDERS = ['supervisor', 'admin'] as const;

/** Every request kind 同意 / 驳回 decide, by letter; `all` (every command) gives a 绑定's welcome its 帮助. */
export function requestKinds(all: () => CommandSpec[]): Readonly<Record<RequestLetter, RequestKind>> {
  return { L: leaveKind, B: correctionKind, S: appealKind, U: bindingKind(all) };
}

/** The request kinds for their cards (审批 lists, reminders, 代理 hand-overs); a 绑定 decided through these welcomes without the command list. */
export const REQUEST_KINDS = requestKinds(() => []);
const LETTERS = ['L', 'B', 'S', 'U'] as const;

const REJECT_INPUTS: readonly CardInput[] = [{ name: 'reason', label: '驳回原因', kind: 'textarea', required: true }];

function idFrom(kinds: Readonly<Record<RequestLetter, RequestKind>>, rest: string, example: string): { kind: RequestKind; id: number; rest: string } {
  const r = takeLeadingIdOf(rest, LETTERS);
  if (!r.ok) throw new UserError(r.error, example, 'request.id');
  return { kind: kinds[r.value.prefix as RequestLetter], id: r.value.id, rest: r.value.rest };
}

/** The approve and reject buttons of every kind's cards: the clicked kind is the action's, the id the button's (checked). */
function buttonActions(ctx: ServiceContext, kinds: Readonly<Record<RequestLetter, RequestKind>>): NonNullable<CommandSpec['actions']> {
  const actions: NonNullable<CommandSpec['actions']> = {};
  for (const letter of LETTERS) {
    const kind = kinds[letter];
    const approve = { values: idValues, inputs: [], example: `同意 ${letter}42` };
    const reject = { values: idValues, inputs: REJECT_INPUTS, example: `驳回 ${letter}42 原因` };
    actions[`${ACTION_PREFIX[letter]}.approve`] = (turn, event) => decideRequest(ctx, turn, kind, readCard(event, approve).values.id, true, undefined);
    actions[`${ACTION_PREFIX[letter]}.reject`] = (turn, event) => {
      const { values, form } = readCard(event, reject);
      return decideRequest(ctx, turn, kind, values.id, false, form.reason);
    };
  }
  return actions;
}

/** 审批, 同意 and 驳回 of leave (L), 补卡 (B), 申诉 (S) and 绑定 (U), and the approval cards' buttons. */
export function approvalCommands(ctx: ServiceContext, all: () => CommandSpec[] = () => []): CommandSpec[] {
  const kinds = requestKinds(all);
  return [
    {
      name: '审批',
      aliases: ['approvals', '待审批'],
      roles: DECIDERS,
      summary: '查看待你审批的请假、补卡、申诉和绑定',
      examples: ['审批'],
      async run(turn) {
        const today = todayOf(ctx, turn);
        const pending = await pendingRequestsFor(ctx, turn.actor, today);
        if (!pending.length) return turn.reply(textReply('没有待你审批的请假、补卡、申诉或绑定。'));
        for (const p of pending) {
          const kind = kinds[p.letter];
          const card = await kind.card(ctx, today, p.id);
          if (card) turn.reply(cardReply(card, kind.cardKey(p.id)));
        }
      },
    },
    {
      name: '同意',
      aliases: ['approve', '批准'],
      roles: DECIDERS,
      summary: '批准请假、补卡或申诉',
      examples: ['同意 L42', '同意 B5'],
      async run(turn, rest) {
        const { kind, id, rest: note } = idFrom(kinds, rest, '同意 L42');
        await decideRequest(ctx, turn, kind, id, true, note || undefined);
      },
      actions: buttonActions(ctx, kinds),
    },
    {
      name: '驳回',
      aliases: ['reject'],
      roles: DECIDERS,
      summary: '驳回请假、补卡或申诉（写明原因）',
      examples: ['驳回 L42 当天有培训', '驳回 S9 没有证据'],
      async run(turn, rest) {
        const { kind, id, rest: note } = idFrom(kinds, rest, '驳回 L42 当天有培训');
        await decideRequest(ctx, turn, kind, id, false, note);
      },
    },
  ];
}
