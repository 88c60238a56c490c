import { z } from 'zod';
import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import type { CardInput, NeutralCard } from '../core/neutral-card';
import { cardReply, textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatDateWithWeekday, formatZonedDateTime } from '../domain/date-format';
import { formatMinute, isWorkDate } from '../domain/dates';
import { CORRECTION_TEXT_EXAMPLE, parseCorrection } from '../domain/grammar/correction';
import { limitText } from '../domain/grammar/free-text';
import { correctionView, requestRecipients, type CorrectionView } from '../services/approvals';
import { correctionKindName, decideCorrection, requestCorrection } from '../services/corrections';
import type { ServiceContext } from '../services/service-context';
import { noValues, readCard } from './card-input';
import { decisionButtons, sendApprovalCards, type RequestKind } from './request-kinds';
import { changeLines, decidedFooter, punchesText, settled } from './request-cards';
import { todayOf } from './score-commands';
import { parseRefusal } from './texts';

/** The logical key of a 补卡's approval cards. */
export const correctionCardKey = (id: number): string => `correction:${id}`;

/** The 补卡 approval card: the request, the day's real punches, the 补卡 approved that month; the decision once made. */
export function correctionCard(v: CorrectionView, ctx: ServiceContext, today: string): NeutralCard {
  const r = v.request;
  const card: NeutralCard = {
    title: `补卡审批 B${r.id}`,
    tone: 'info',
    fields: [
      { label: '申请人', value: `${v.requester.name}（${v.requester.no}）` },
      { label: '日期', value: formatDateWithWeekday(r.workDate, today) },
      { label: '补卡', value: `${correctionKindName(r.kind)} ${formatMinute(r.minute)}` },
      { label: '原因', value: r.reason },
      { label: '当天打卡', value: punchesText(v.punches) },
      { label: '已批补卡', value: `${v.approvedThisMonth} 次（每月最多 ${ctx.policy.correction.monthlyQuota} 次）` },
      { label: '提交时间', value: formatZonedDateTime(r.requestedAt, ctx.policy.timezone, today) },
    ],
    buttons: decisionButtons('B', r.id, '如：当天没有看到你到岗'),
  };
  return r.status === 'pending' ? card : settled(card, r.status, decidedFooter(r, v.decider?.name, ctx.policy.timezone, today));
}

/** 补卡 (B) as a request kind of 同意 / 驳回 / 审批. */
export const correctionKind: RequestKind = {
  letter: 'B',
  noun: '补卡',
  cardKey: correctionCardKey,
  async card(ctx, today, id) {
    const v = await correctionView(ctx, id);
    return v ? correctionCard(v, ctx, today) : null;
  },
  async decide(ctx, turn, id, approve, note) {
    const d = await decideCorrection(ctx, { actor: turn.actor, requestId: id, approve, note, at: turn.at, now: turn.now });
    const what = `${formatDateWithWeekday(d.request.workDate, todayOf(ctx, turn))} ${correctionKindName(d.request.kind)} ${formatMinute(d.request.minute)}`;
    if (!approve) return { requester: d.requester, what };
    const lines = [`已按 ${formatMinute(d.request.minute)} 记入${correctionKindName(d.request.kind)}打卡，并重新判定当天考勤：`, ...changeLines(d.reversed, d.added)];
    if (d.closedMonth) lines.push('该月已结算，管理员重新结算后工资条会更新。');
    return { requester: d.requester, what, requesterLines: lines };
  },
};

/** The 补卡 form's inputs: the same fields as the text command. */
const FORM_INPUTS: readonly CardInput[] = [
  { name: 'date', label: '日期', kind: 'date', required: true },
  { name: 'which', label: '补哪次打卡', kind: 'select', options: [{ value: '上班', label: '上班' }, { value: '下班', label: '下班' }], required: true, initial: '上班' },
  { name: 'time', label: '时间（如 09:00）', kind: 'text', required: true, placeholder: '09:00' },
  { name: 'reason', label: '原因', kind: 'textarea', required: true },
];

/** What the button of another card (the day's notice) carries to open the form prefilled. */
const OPEN_VALUES = z.object({ date: z.string().refine(isWorkDate), which: z.enum(['in', 'out', '上班', '下班']) }).strict();
const OPEN_CARD = { values: OPEN_VALUES, inputs: [], example: CORRECTION_TEXT_EXAMPLE };
const SUBMIT_CARD = { values: noValues, inputs: FORM_INPUTS, example: CORRECTION_TEXT_EXAMPLE };

/** The 补卡 form, prefilled with a date and which punch when known. */
export function correctionFormCard(prefill: { date?: string; which?: '上班' | '下班' } = {}): NeutralCard {
  const inputs = FORM_INPUTS.map((i) => {
    if (i.name === 'date' && prefill.date) return { ...i, initial: prefill.date };
    if (i.name === 'which' && prefill.which) return { ...i, initial: prefill.which };
    return { ...i };
  });
  return {
    title: '补卡申请',
    tone: 'info',
    fields: [],
    text: '补录漏打或打错的上下班卡，由主管审批；批准后当天的考勤会重新判定。',
    form: { inputs, submit: { label: '提交', actionId: 'correction.submit', value: {}, style: 'primary', command: CORRECTION_TEXT_EXAMPLE } },
  };
}

async function fileCorrection(ctx: ServiceContext, turn: TurnContext, text: string): Promise<void> {
  const today = todayOf(ctx, turn);
  const parsed = parseCorrection(text, { today, dates: ctx.policy.dates });
  if (!parsed.ok) throw parseRefusal(parsed.error, CORRECTION_TEXT_EXAMPLE, 'correction.parse');
  const reason = limitText(parsed.value.reason, { label: '补卡原因', max: ctx.policy.textLimits.reason });
  if (!reason.ok) throw new UserError(reason.error, CORRECTION_TEXT_EXAMPLE, 'correction.reason');
  const { date, kind, minute } = parsed.value;
  const request = await requestCorrection(ctx, { requester: turn.actor, date, kind, minute, reason: reason.value, sentAt: turn.at });
  const view = (await correctionView(ctx, request.id)) as CorrectionView;
  const card = correctionCard(view, ctx, today);
  const recipients = await requestRecipients(ctx, turn.actor, { letter: 'B' }, today);
  const who = sendApprovalCards(turn, recipients, card, correctionCardKey(request.id));
  turn.reply(textReply(`已提交补卡 B${request.id}：${formatDateWithWeekday(date, today)} ${correctionKindName(kind)} ${formatMinute(minute)}，等待${who}审批。`));
}

/** 补卡 and its form (also opened by the 补卡 button of another card). */
export function correctionCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '补卡',
      aliases: ['fix punch', 'correction'],
      roles: ['agent', 'supervisor', 'salesperson'],
      summary: `补录漏打或打错的卡（主管审批，每月最多 ${ctx.policy.correction.monthlyQuota} 次）`,
      examples: [CORRECTION_TEXT_EXAMPLE, '补卡 昨天 下班 18:05 手机没电'],
      async run(turn, rest) {
        if (!rest) return turn.reply(cardReply(correctionFormCard()));
        return fileCorrection(ctx, turn, rest);
      },
      actions: {
        'correction.open': async (turn, event) => {
          const { date, which } = readCard(event, OPEN_CARD).values;
          turn.reply(cardReply(correctionFormCard({ date, which: which === 'in' || which === '上班' ? '上班' : '下班' })));
        },
        'correction.submit': (turn, event) => {
          const { form } = readCard(event, SUBMIT_CARD);
          return fileCorrection(ctx, turn, `${form.date ?? ''} ${form.which ?? ''} ${form.time ?? ''} ${form.reason ?? ''}`);
        },
      },
    },
  ];
}
