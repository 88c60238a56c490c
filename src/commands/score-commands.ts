import type { CommandSpec } from '../core/command-spec';
import { ForbiddenError, UserError } from '../core/errors';
import type { ReplyBody } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { mayView } from '../domain/authority';
import { formatDate, formatMonth } from '../domain/date-format';
import { zonedMinute } from '../domain/dates';
import type { EmployeeRecord } from '../domain/employee-record';
import { isMonthToken, parseMonth } from '../domain/grammar/dates';
import { limitText } from '../domain/grammar/free-text';
import { takeLeadingIdOf, takePointsAndReason } from '../domain/grammar/misc';
import { takeToken } from '../domain/grammar/normalize';
import { takeLeadingPerson, type BareNameRule } from '../domain/grammar/people';
import { addManualEntry, findMisconduct, monthStatement, reverseEntry, type ManualEntryInput } from '../services/ledger';
import { employeeById } from '../services/people';
import { REVERT_COLLECTION_EXAMPLE } from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { revertCollection } from './collection-commands';
import { closedMonthLine } from './pay-commands';
import { resolvePerson } from './people';
import { entryName, pointsAndFine, ruleText, scoreCard } from './score-cards';

const ALL = ['agent', 'supervisor', 'salesperson', 'admin'] as const;
const SUPERVISORS = ['supervisor', 'admin'] as const;

export const SCORE_EXAMPLE = '积分 @张三';
export const DEDUCT_EXAMPLE = '扣分 @张三 值日';
export const DEDUCT_POINTS_EXAMPLE = '扣分 张三 3 态度问题';
export const AWARD_EXAMPLE = '加分 @李四 5 客户表扬';
export const REVERT_EXAMPLE = '撤销 P1288 误扣';

/** Today in the company's zone, by the platform's time of the message. */
export function todayOf(ctx: ServiceContext, turn: TurnContext): string {
  return zonedMinute(turn.at, ctx.policy.timezone).date;
}

/**
 * A reply with personal data: to the sender in a direct chat; asked in a group, privately to
 * the asker (with a short note in the group that says nothing of the data).
 */
export function replyPrivately(turn: TurnContext, body: ReplyBody, groupNote: string): void {
  if (turn.event.chat.kind === 'group') {
    turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: turn.actor.id }, body });
    turn.reply({ kind: 'send', to: { kind: 'sender' }, body: { kind: 'text', text: groupNote } });
  } else {
    turn.reply({ kind: 'send', to: { kind: 'sender' }, body });
  }
}

/** The person a command starts with, optional; `bareName` says when a bare word is a name. */
async function optionalPerson(
  ctx: ServiceContext,
  turn: TurnContext,
  rest: string,
  example: string,
  bareName: BareNameRule,
): Promise<{ person: EmployeeRecord | null; rest: string }> {
  const mentions = turn.event.type === 'message' ? turn.event.mentions : [];
  const taken = takeLeadingPerson(rest, mentions, { bareName });
  if (!taken.ok) throw new UserError(taken.error, example, 'person.parse');
  const person = taken.value.person ? await resolvePerson(ctx, turn, taken.value.person, example) : null;
  return { person, rest: taken.value.rest };
}

/** 积分 [@张三] [11月]: the month's score with every entry; another's only for their supervisor or an admin. */
async function showScore(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const today = todayOf(ctx, turn);
  const { person, rest: after } = await optionalPerson(ctx, turn, rest, SCORE_EXAMPLE, (token) => !isMonthToken(token));
  const target = person ?? turn.actor;
  if (!mayView(turn.actor, target)) {
    throw new ForbiddenError(`只有${target.name}所在组的主管或管理员可以查看${target.name}的积分。`, 'score.forbidden');
  }
  const month = parseMonth(after, { today, rules: ctx.policy.dates });
  if (!month.ok) throw new UserError(month.error, '积分 11月', 'score.month');
  const statement = await monthStatement(ctx, target.id, month.value);
  const card = scoreCard(statement, target, ctx.policy, today);
  replyPrivately(turn, { kind: 'card', card }, `${target.id === turn.actor.id ? '你的' : `${target.name}的`}积分明细已私信发给你。`);
}

/** The points and reason of `扣分 张三 3 态度问题` / `加分 李四 5 …`; null when the text does not start with a number. */
function numberedInput(ctx: ServiceContext, kind: 'deduct' | 'award', rest: string): ManualEntryInput | null {
  const verb = kind === 'award' ? '加分' : '扣分';
  const taken = takePointsAndReason(rest, verb, { label: `${verb}原因`, max: ctx.policy.textLimits.reason });
  if (taken === null) return null;
  if (!taken.ok) throw new UserError(taken.error, kind === 'award' ? AWARD_EXAMPLE : DEDUCT_POINTS_EXAMPLE, 'ledger.parse');
  return { kind, points: taken.value.points, reason: taken.value.reason };
}

/** What follows the person in 扣分: a misconduct name (with an optional note), or points and a reason. */
function deductInput(ctx: ServiceContext, rest: string): ManualEntryInput {
  if (!rest) {
    const names = ctx.policy.misconduct.map((m) => m.name).join('、');
    throw new UserError(`请写扣分项（${names}），或写分数和原因。`, DEDUCT_EXAMPLE, 'ledger.what');
  }
  if (findMisconduct(ctx.policy.misconduct, rest)) return { kind: 'misconduct', name: rest };
  const numbered = numberedInput(ctx, 'deduct', rest);
  if (numbered) return numbered;
  const { token, rest: note } = takeToken(rest);
  // A misconduct's note is its reason; text that is neither a number nor a misconduct counts whole.
  const known = findMisconduct(ctx.policy.misconduct, token) !== undefined;
  const limited = limitText(known ? note : rest, { label: '扣分原因', max: ctx.policy.textLimits.reason });
  if (!limited.ok) throw new UserError(limited.error, DEDUCT_EXAMPLE, 'ledger.reason');
  // An unknown name is refused by the ledger, listing the valid ones.
  return { kind: 'misconduct', name: token, note: note || undefined };
}

/** What follows the person in 加分: points and a reason. */
function awardInput(ctx: ServiceContext, rest: string): ManualEntryInput {
  const numbered = numberedInput(ctx, 'award', rest);
  if (!numbered) throw new UserError('请写加几分和原因。', AWARD_EXAMPLE, 'ledger.points');
  return numbered;
}

/** 扣分 / 加分: a ledger entry for a team member (H-15…H-19, or points with a reason). */
async function manualEntry(ctx: ServiceContext, turn: TurnContext, rest: string, kind: 'deduct' | 'award'): Promise<void> {
  const example = kind === 'award' ? AWARD_EXAMPLE : DEDUCT_EXAMPLE;
  // A misconduct name (值日) right after the command is not a person's name.
  const notMisconduct = (token: string) => !findMisconduct(ctx.policy.misconduct, token);
  const { person, rest: after } = await optionalPerson(ctx, turn, rest, example, notMisconduct);
  if (!person) throw new UserError(`请写明给谁${kind === 'award' ? '加分' : '扣分'}（@张三、姓名或工号）。`, example, 'person.missing');
  const input = kind === 'award' ? awardInput(ctx, after) : deductInput(ctx, after);
  const entry = await addManualEntry(ctx, { actor: turn.actor, target: person, input, at: turn.at });
  const { score } = await monthStatement(ctx, person.id, entry.month);
  const verb = kind === 'award' ? '加分' : '扣分';
  const monthShown = formatMonth(entry.month, todayOf(ctx, turn));
  const what = `${entryName(entry.code, entry.reason)}${ruleText(entry.rule)} ${pointsAndFine(entry.points, entry.fineFen)}`;
  turn.reply({
    kind: 'send', to: { kind: 'sender' },
    body: { kind: 'text', text: `已${verb} P${entry.id}：${person.name}（${person.no}）${what}。${person.name} ${monthShown}积分 ${score}。` },
  });
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: person.id },
    body: { kind: 'text', text: `${turn.actor.name}给你${verb} P${entry.id}：${what}。你的${monthShown}积分 ${score}，发送「积分」查看明细。` },
  });
}

/**
 * 撤销 P1288 误扣: reverses a ledger entry with another entry; 撤销 R17 输错了: a collection
 * (回款). The reason is required.
 */
async function revert(ctx: ServiceContext, turn: TurnContext, rest: string): Promise<void> {
  const id = takeLeadingIdOf(rest, ['P', 'R']);
  if (!id.ok) throw new UserError(id.error, REVERT_EXAMPLE, 'ledger.id');
  const limited = limitText(id.value.rest, { label: '撤销原因', max: ctx.policy.textLimits.reason });
  if (!limited.ok) throw new UserError(limited.error, REVERT_EXAMPLE, 'ledger.reason');
  const reason = limited.value;
  if (id.value.prefix === 'R') return revertCollection(ctx, turn, id.value.id, reason);
  if (!reason) throw new UserError('请写明撤销原因。', REVERT_EXAMPLE, 'ledger.reason');
  const { reversal, original } = await reverseEntry(ctx, { actor: turn.actor, entryId: id.value.id, reason, at: turn.at });
  const target = await employeeById(ctx, original.employeeId);
  const name = target?.name ?? `#${original.employeeId}`;
  const { score } = await monthStatement(ctx, original.employeeId, original.month);
  const what = `${entryName(original.code, original.reason)}${ruleText(original.rule)} ${pointsAndFine(original.points, original.fineFen)}`;
  const today = todayOf(ctx, turn);
  const month = formatMonth(original.month, today);
  const day = formatDate(original.workDate, today);
  const closed = await closedMonthLine(ctx, original.month, '这次撤销');
  turn.reply({
    kind: 'send', to: { kind: 'sender' },
    body: {
      kind: 'text',
      text: `已撤销 P${original.id}（${name} ${day} ${what}），撤销记录 P${reversal.id}：${pointsAndFine(reversal.points, reversal.fineFen)}。原因：${reason}。${name} ${month}积分 ${score}。${closed}`,
    },
  });
  turn.reply({
    kind: 'send', to: { kind: 'employee', employeeId: original.employeeId },
    body: { kind: 'text', text: `${turn.actor.name}撤销了你的 P${original.id}（${day} ${what}），原因：${reason}。你的${month}积分 ${score}。` },
  });
}

/** 积分 (H-10), 扣分 and 加分 (H-15…H-19, awards), 撤销 (reversal by another entry). */
export function scoreCommands(ctx: ServiceContext): CommandSpec[] {
  return [
    {
      name: '积分',
      aliases: ['score', 'points'],
      roles: ALL,
      summary: '本月积分和每一条记录（主管可查本组成员）',
      examples: ['积分', SCORE_EXAMPLE, '积分 上月'],
      run: (turn, rest) => showScore(ctx, turn, rest),
    },
    {
      name: '扣分',
      aliases: ['deduct'],
      roles: SUPERVISORS,
      summary: '按扣分项（H-15…H-19）或分数和原因给本组成员扣分',
      examples: [DEDUCT_EXAMPLE, DEDUCT_POINTS_EXAMPLE],
      run: (turn, rest) => manualEntry(ctx, turn, rest, 'deduct'),
    },
    {
      name: '加分',
      aliases: ['award', '奖分'],
      roles: SUPERVISORS,
      summary: '给本组成员加分，写明原因',
      examples: [AWARD_EXAMPLE],
      run: (turn, rest) => manualEntry(ctx, turn, rest, 'award'),
    },
    {
      name: '撤销',
      aliases: ['revert'],
      roles: SUPERVISORS,
      summary: '撤销一条积分记录（P）或回款（R）：另记一条抵消，原记录保留',
      examples: [REVERT_EXAMPLE, REVERT_COLLECTION_EXAMPLE],
      run: (turn, rest) => revert(ctx, turn, rest),
    },
  ];
}
