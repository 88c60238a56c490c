import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import type { CardInput, NeutralCard } from '../core/neutral-card';
import { cardReply, textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatDateWithWeekday, formatZonedDateTime } from '../domain/date-format';
import { limitText } from '../domain/grammar/free-text';
import { takeLeadingId } from '../domain/grammar/misc';
import { APPEAL_EXAMPLE, decideAppeal, fileAppeal } from '../services/appeals';
import { appealView, requestRecipients, type AppealView } from '../services/approvals';
import type { ServiceContext } from '../services/service-context';
import { idValues, readCard } from './card-input';
import { decisionButtons, sendApprovalCards, type RequestKind } from './request-kinds';
import { decidedFooter, entryText, punchesText, settled } from './request-cards';
import { pointsAndFine } from './score-cards';
import { todayOf } from './score-commands';

/** The logical key of an appeal's approval cards. */
export const appealCardKey = (id: number): string => `appeal:${id}`;

/** The 申诉 approval card: the entry (rule, points, fine, date, who made it), its evidence, the reason; the decision once made. */
export function appealCard(v: AppealView, ctx: ServiceContext, today: string): NeutralCard {
  const { appeal: a, entry: e } = v;
  const evidence = v.punches
    ? [{ label: '当天打卡', value: punchesText(v.punches) }, { label: '例会签到', value: v.checkin ?? '无' }]
    : [];
  const card: NeutralCard = {
    title: `申诉审批 S${a.id}`,
    tone: 'info',
    fields: [
      { label: '申请人', value: `${v.requester.name}（${v.requester.no}）` },
      { label: '申诉记录', value: entryText(e) },
      { label: '日期', value: formatDateWithWeekday(e.workDate, today) },
      { label: '记录人', value: v.maker ? `${v.maker.name}（${formatZonedDateTime(e.createdAt, ctx.policy.timezone, today)}）` : '系统自动判定' },
      ...(e.reason ? [{ label: '记录说明', value: e.reason }] : []),
      ...evidence,
      { label: '申诉理由', value: a.reason },
      { label: '提交时间', value: formatZonedDateTime(a.requestedAt, ctx.policy.timezone, today) },
    ],
    buttons: decisionButtons('S', a.id, '如：没有证据'),
  };
  return a.status === 'pending' ? card : settled(card, a.status, decidedFooter(a, v.decider?.name, ctx.policy.timezone, today));
}

/** 申诉 (S) as a request kind of 同意 / 驳回 / 审批. */
export const appealKind: RequestKind = {
  letter: 'S',
  noun: '申诉',
  cardKey: appealCardKey,
  async card(ctx, today, id) {
    const v = await appealView(ctx, id);
    return v ? appealCard(v, ctx, today) : null;
  },
  async decide(ctx, turn, id, approve, note) {
    const d = await decideAppeal(ctx, { actor: turn.actor, appealId: id, approve, note, at: turn.at });
    const what = entryText(d.entry);
    if (!d.reversal) return { requester: d.requester, what };
    const lines = [`P${d.entry.id} 已撤销（P${d.reversal.id}）：${pointsAndFine(d.reversal.points, d.reversal.fineFen)}。`];
    if (d.closedMonth) lines.push('该月已结算，管理员重新结算后工资条会更新。');
    return { requester: d.requester, what, requesterLines: lines };
  },
};

const REASON_INPUT: readonly CardInput[] = [{ name: 'reason', label: '申诉理由', kind: 'textarea', required: true }];
const OPEN_CARD = { values: idValues, inputs: [], example: APPEAL_EXAMPLE };
const SUBMIT_CARD = { values: idValues, inputs: REASON_INPUT, example: APPEAL_EXAMPLE };

/** The 申诉 form of entry P`entryId`: the reason. */
export function appealFormCard(entryId: number): NeutralCard {
  return {
    title: `申诉 P${entryId}`,
    tone: 'info',
    fields: [],
    text: '写明理由，由主管（或管理员）审批；批准后这条记录会被撤销。',
    form: { inputs: [...REASON_INPUT], submit: { label: '提交', actionId: 'appeal.submit', value: { id: String(entryId) }, style: 'primary', command: `申诉 P${entryId} 理由` } },
  };
}

async function appeal(ctx: ServiceContext, turn: TurnContext, entryId: number, typed: string): Promise<void> {
  const reason = limitText(typed, { label: '申诉理由', max: ctx.policy.textLimits.reason });
  if (!reason.ok) throw new UserError(reason.error, APPEAL_EXAMPLE, 'appeal.reason');
  const today = todayOf(ctx, turn);
  const { appeal: filed, entry } = await fileAppeal(ctx, { requester: turn.actor, entryId, reason: reason.value, sentAt: turn.at });
  const view = (await appealView(ctx, filed.id)) as AppealView;
  const card = appealCard(view, ctx, today);
  const recipients = await requestRecipients(ctx, turn.actor, { letter: 'S', entryCreatedBy: entry.createdBy }, today);
  const who = sendApprovalCards(turn, recipients, card, appealCardKey(filed.id));
  turn.reply(textReply(`已提交申诉 S${filed.id}：${entryText(entry)}，等待${who}审批。`));
}

/** 申诉 and its form (opened by the 申诉 button of an entry). */
export function appealCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '申诉',
      aliases: ['appeal'],
      roles: ['agent', 'supervisor', 'salesperson', 'admin'],
      summary: '对自己的一条积分记录提出申诉',
      examples: [APPEAL_EXAMPLE],
      async run(turn, rest) {
        const id = takeLeadingId(rest, 'P');
        if (!id.ok) throw new UserError(id.error, APPEAL_EXAMPLE, 'appeal.id');
        if (!id.value.rest) return turn.reply(cardReply(appealFormCard(id.value.id)));
        return appeal(ctx, turn, id.value.id, id.value.rest);
      },
      actions: {
        'appeal.open': async (turn, event) => {
          turn.reply(cardReply(appealFormCard(readCard(event, OPEN_CARD).values.id)));
        },
        'appeal.submit': (turn, event) => {
          const { values, form } = readCard(event, SUBMIT_CARD);
          return appeal(ctx, turn, values.id, form.reason ?? '');
        },
      },
    },
  ];
}
