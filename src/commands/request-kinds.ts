/**
 * The request kinds 同意 / 驳回 / 审批 decide, by the letter of their ids: L (请假), B (补卡),
 * S (申诉), U (绑定). Each kind plugs in its card, its card key and its decision; the verbs, the notes,
 * the requester's notice and the card updates are written once here.
 */
import type { NeutralCard } from '../core/neutral-card';
import { NotFoundError, UserError } from '../core/errors';
import { textReply, type ReplyIntent, type ReplyTarget } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import type { EmployeeRecord } from '../domain/employee-record';
import { limitText } from '../domain/grammar/free-text';
import type { RequestLetter } from '../services/approvals';
import type { ServiceContext } from '../services/service-context';
import { todayOf } from './score-commands';

/** What a decision tells the decider and the requester. */
export interface DecisionOutcome {
  requester: EmployeeRecord;
  /** The request in a few words: 事假 12月4日 全天, 12月3日 上班 09:00. */
  what: string;
  /** More lines for the requester (what changed). */
  requesterLines?: string[];
  /** Where the requester is told, when not the employee's own accounts (a 绑定's asking account). */
  tell?: ReplyTarget;
  /** More notices the decision sends (a welcome once bound). */
  extra?: ReplyIntent[];
}

/** One kind of request. */
export interface RequestKind {
  letter: RequestLetter;
  /** 请假, 补卡, 申诉. */
  noun: string;
  /** The logical key of its approval cards: an update reaches every copy. */
  cardKey(id: number): string;
  /** Its approval card as it stands now, dated relative to `today`; null when there is no such request. */
  card(ctx: ServiceContext, today: string, id: number): Promise<NeutralCard | null>;
  /** Approves or rejects it as `turn.actor` (the service checks who may). */
  decide(ctx: ServiceContext, turn: TurnContext, id: number, approve: boolean, note: string | undefined): Promise<DecisionOutcome>;
}

/** A reason shown in each kind's 驳回 example. */
const REJECT_REASON: Record<RequestLetter, string> = { L: '当天有培训', B: '与门禁记录不符', S: '没有证据', U: '不是本人账号' };

/** The action ids of a kind's approve and reject buttons. */
export const ACTION_PREFIX: Record<RequestLetter, string> = { L: 'leave', B: 'correction', S: 'appeal', U: 'binding' };

/** The update of every copy of a request's approval card. */
export async function refreshCard(ctx: ServiceContext, kind: RequestKind, today: string, id: number): Promise<Extract<ReplyIntent, { kind: 'update' }>> {
  const card = await kind.card(ctx, today, id);
  if (!card) throw new NotFoundError(`没有${kind.noun}单 ${kind.letter}${id}。`);
  return { kind: 'update', cardKey: kind.cardKey(id), card };
}

/** 同意 / 驳回 of any kind, from text or a card button: a rejection needs its reason; the requester is told; every card copy is updated. */
export async function decideRequest(ctx: ServiceContext, turn: TurnContext, kind: RequestKind, id: number, approve: boolean, typed: string | undefined): Promise<void> {
  const ref = `${kind.letter}${id}`;
  const example = approve ? `同意 ${ref}` : `驳回 ${ref} ${REJECT_REASON[kind.letter]}`;
  const limited = limitText(typed ?? '', { label: approve ? '审批意见' : '驳回原因', max: ctx.policy.textLimits.reason });
  if (!limited.ok) throw new UserError(limited.error, example, `${ACTION_PREFIX[kind.letter]}.note`);
  const note = limited.value || undefined;
  if (!approve && !note) throw new UserError('驳回请写明原因。', example, `${ACTION_PREFIX[kind.letter]}.reject-reason`);
  const { requester, what, requesterLines = [], tell, extra = [] } = await kind.decide(ctx, turn, id, approve, note);
  const today = todayOf(ctx, turn);
  const verdict = approve ? '已批准' : '已驳回';
  const refreshed = await refreshCard(ctx, kind, today, id);
  turn.reply(refreshed);
  const told = `你的${kind.noun} ${ref}（${what}）${verdict}，审批人：${turn.actor.name}${approve ? '' : `，原因：${note}`}。`;
  turn.reply({ kind: 'send', to: tell ?? { kind: 'employee', employeeId: requester.id }, body: { kind: 'text', text: [told, ...requesterLines].join('\n') } });
  for (const e of extra) turn.reply(e);
  if (turn.event.type === 'card-action') {
    turn.respond({ toast: { kind: 'success', text: `${verdict} ${ref}` }, card: refreshed.card });
  } else {
    turn.reply(textReply(`${verdict} ${ref}（${requester.name} ${what}），已通知${requester.name}。`));
  }
}

/** The approve and reject buttons of a pending request's card. */
export function decisionButtons(letter: RequestLetter, id: number, rejectPlaceholder: string): NonNullable<NeutralCard['buttons']> {
  const value = { id: String(id) };
  const prefix = ACTION_PREFIX[letter];
  return [
    { label: '同意', actionId: `${prefix}.approve`, value, style: 'primary', command: `同意 ${letter}${id}` },
    {
      label: '驳回', actionId: `${prefix}.reject`, value, style: 'danger', command: `驳回 ${letter}${id} 原因`,
      inputs: [{ name: 'reason', label: '驳回原因', kind: 'textarea', required: true, placeholder: rejectPlaceholder }],
    },
  ];
}

/** Sends a new request's approval card to each recipient under `cardKey`; returns who it waits for: 王强, 王强或李四, 管理员. */
export function sendApprovalCards(turn: TurnContext, recipients: ReadonlyArray<Pick<EmployeeRecord, 'id' | 'name'>>, card: NeutralCard, cardKey: string): string {
  for (const d of recipients) turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: d.id }, body: { kind: 'card', card }, cardKey });
  return recipients.length ? recipients.map((d) => d.name).join('或') : '管理员';
}
