import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { cardReply, textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { limitText } from '../domain/grammar/free-text';
import { LEAVE_EXAMPLE, parseLeaveCommand } from '../domain/grammar/leave';
import { takeLeadingId } from '../domain/grammar/misc';
import type { EmployeeRecord } from '../domain/employee-record';
import {
  attachSickNote, decideLeave, describeSpan, kindName, leaveDeciders, leaveMonthSoFar, leaveWithPeople, requestLeave, withdrawLeave,
  type LeaveRequest,
} from '../services/leave';
import type { ServiceContext } from '../services/service-context';
import { noValues, readCard } from './card-input';
import { LEAVE_FORM_INPUTS, leaveApprovalCard, leaveCardKey, leaveFormCard, leaveFormText } from './leave-cards';
import { refreshCard, sendApprovalCards, type RequestKind } from './request-kinds';
import { resolvePerson } from './people';
import { todayOf } from './score-commands';
import { FILE_WITHOUT_REQUEST } from './texts';

/** The approval card of a request as it stands now, dated relative to `today`. */
async function approvalCard(ctx: ServiceContext, today: string, request: LeaveRequest, requester: EmployeeRecord, decider?: EmployeeRecord | null) {
  const month = await leaveMonthSoFar(ctx, requester, request.startDate);
  return leaveApprovalCard(request, {
    requester, decider: decider ?? undefined, monthScore: month.score, approvedDaysThisMonth: month.approvedDays, timeZone: ctx.policy.timezone, today,
  });
}

/**
 * A leave grammar refusal as a sentence, with the example the grammar chose (a range example for
 * range problems) shown once, under it, the way the dispatcher shows examples.
 */
function leaveRefusal(error: string): UserError {
  const m = /^([\s\S]*?)[，,]\s*例[：:]\s*(.+)$/.exec(error);
  const message = m ? m[1] : error;
  return new UserError(/[。！？]$/.test(message) ? message : `${message}。`, m ? m[2] : LEAVE_EXAMPLE, 'leave.parse');
}

async function fileLeave(ctx: ServiceContext, turn: TurnContext, text: string): Promise<void> {
  const today = todayOf(ctx, turn);
  const mentions = turn.event.type === 'message' ? turn.event.mentions : [];
  const parsed = parseLeaveCommand(text, mentions, { today, dates: ctx.policy.dates, maxCalendarDays: ctx.policy.leave.maxCalendarDays });
  if (!parsed.ok) throw leaveRefusal(parsed.error);
  const { onBehalfOf, kind, span } = parsed.value;
  const reason = limitText(parsed.value.reason, { label: '请假原因', max: ctx.policy.textLimits.reason });
  if (!reason.ok) throw new UserError(reason.error, LEAVE_EXAMPLE, 'leave.reason');
  const requester = onBehalfOf ? await resolvePerson(ctx, turn, onBehalfOf, '请假 @张三 事假 12月3日 全天 家里有事') : turn.actor;
  const { request, needsNote } = await requestLeave(ctx, { requester, filer: turn.actor, kind, span, reason: reason.value, sentAt: turn.at });
  const deciders = await leaveDeciders(ctx, requester, today);
  const card = await approvalCard(ctx, today, request, requester);
  const who = sendApprovalCards(turn, deciders, card, leaveCardKey(request.id));
  const what = `${kindName(kind)} ${describeSpan(request, today)}`;
  const lines = [`已提交请假 L${request.id}：${requester.id === turn.actor.id ? '' : `${requester.name} `}${what}，等待${who}审批。`];
  if (needsNote) lines.push(`病假需附医院证明或病假条（H-14）：请直接发送图片，会自动附在 L${request.id} 上。`);
  turn.reply(textReply(lines.join('\n')));
  if (requester.id !== turn.actor.id) {
    turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: requester.id }, body: { kind: 'text', text: `${turn.actor.name}已为你登记请假 L${request.id}：${what}（${reason}）。` } });
  }
}

/** Leave (L) as a request kind of 同意 / 驳回 / 审批. */
export const leaveKind: RequestKind = {
  letter: 'L',
  noun: '请假',
  cardKey: leaveCardKey,
  async card(ctx, today, id) {
    const found = await leaveWithPeople(ctx, id);
    return found ? approvalCard(ctx, today, found.request, found.requester, found.decider) : null;
  },
  async decide(ctx, turn, id, approve, note) {
    const { request, requester } = await decideLeave(ctx, { actor: turn.actor, requestId: id, approve, note, at: turn.at, now: turn.now });
    return { requester, what: `${kindName(request.kind)} ${describeSpan(request, todayOf(ctx, turn))}` };
  },
};

function idFrom(rest: string, example: string): { id: number; rest: string } {
  const r = takeLeadingId(rest, 'L');
  if (!r.ok) throw new UserError(r.error, example, 'leave.id');
  return r.value;
}

/** What the leave form and the approval card's buttons may carry. */
const SUBMIT_CARD = { values: noValues, inputs: LEAVE_FORM_INPUTS, example: LEAVE_EXAMPLE };

/** 请假 and 撤回 (H-14); a file sent next is the sick note. 同意 / 驳回 / 审批: approval-commands.ts. */
export function leaveCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '请假',
      aliases: ['leave'],
      roles: ['agent', 'supervisor', 'salesperson', 'admin'],
      summary: '请事假或病假（至少提前一天，H-14）',
      examples: [LEAVE_EXAMPLE, '请假 病假 2026-12-03 下午 至 12-04 上午 发烧'],
      async run(turn, rest) {
        if (!rest) return turn.reply(cardReply(leaveFormCard()));
        return fileLeave(ctx, turn, rest);
      },
      actions: {
        'leave.submit': (turn, event) => fileLeave(ctx, turn, leaveFormText(readCard(event, SUBMIT_CARD).form)),
      },
    },
    {
      name: '撤回',
      aliases: ['withdraw', '撤销请假'],
      roles: ['agent', 'supervisor', 'salesperson', 'admin'],
      summary: '撤回自己待审批的请假',
      examples: ['撤回 L42'],
      async run(turn, rest) {
        const { id } = idFrom(rest, '撤回 L42');
        const request = await withdrawLeave(ctx, { actor: turn.actor, requestId: id, at: turn.at });
        const today = todayOf(ctx, turn);
        turn.reply(await refreshCard(ctx, leaveKind, today, id));
        turn.reply(textReply(`已撤回请假 L${id}（${kindName(request.kind)} ${describeSpan(request, today)}）。`));
      },
    },
  ];
}

/** A file with no command: the sick note of the sender's pending sick-leave request. */
export async function attachFile(ctx: ServiceContext, turn: TurnContext): Promise<void> {
  if (turn.event.type !== 'message' || !turn.event.files.length) return;
  const file = turn.event.files[0];
  const content = await file.fetch();
  const attached = await attachSickNote(ctx, {
    employee: turn.actor,
    file: { platform: turn.event.platform, platformKey: file.key, fileName: file.fileName, mimeType: file.mimeType, content },
    at: turn.at,
  });
  if (!attached) return turn.reply(textReply(FILE_WITHOUT_REQUEST));
  turn.reply(await refreshCard(ctx, leaveKind, todayOf(ctx, turn), attached.request.id));
  turn.reply(textReply(`已将病假条附在请假 L${attached.request.id} 上，主管现在可以审批了。`));
}
