/**
 * The text of a leave request after 请假 (docs/commands.md, H-14): kind, one date or a range with
 * optional halves, and a reason. Whether it is in time, and who may file it, is decided elsewhere.
 */
import { formatDateRange } from '../date-format';
import { daysBetween, type WorkDate } from '../dates';
import { isValidSpan, type Half, type LeaveSpan } from '../leave-halves';
import { leadingDateToken, outOfRange, readDate, type DateRules } from './dates';
import { fail, normalizeText, ok, type Parsed } from './normalize';
import { takeLeadingPerson, type Mention, type PersonRef } from './people';

/** 事假 (personal) or 病假 (sick). */
export type LeaveKind = 'personal' | 'sick';

/** A leave request as typed. */
export interface LeaveText {
  kind: LeaveKind;
  span: LeaveSpan;
  reason: string;
}

/** A leave request with the optional person it is filed for (`请假 @张三 事假 …`). */
export interface LeaveCommand extends LeaveText {
  /** Who the request is for when someone (an admin) files it for them; null = the sender. */
  onBehalfOf: PersonRef | null;
}

/** What the leave grammar reads a request against: today, the date rules, the longest request. */
export interface LeaveGrammarOptions {
  /** Today in the company's zone, 'YYYY-MM-DD'. */
  today: WorkDate;
  /** Policy `dates`: the accepted years and the window of a date without a year. */
  dates: DateRules;
  /** Policy leave.maxCalendarDays: the most calendar days one request covers. */
  maxCalendarDays: number;
}

/** The canonical example shown with leave errors. */
export const LEAVE_EXAMPLE = '请假 事假 12月3日 全天 家里有事';
const RANGE_EXAMPLE = '请假 病假 2026-12-03 下午 至 12-04 上午 发烧';
const KINDS_TEXT = '事假 或 病假';

const KIND = /^(事假|病假|personal|sick)(?![a-z])/i;
/** A word in the kind's place that names another kind of leave (年假, 婚假, 调休 …): refused by name. */
const OTHER_KIND = /^([\u4e00-\u9fa5]{1,3}假|调休|倒休|补休|annual(?:\s+leave)?)(?![a-z])/i;
const HALF = /^(全天|整天|全日|一天|上半天|下半天|上午|下午|am|pm)(?![a-z])/i;
/** 半天 alone does not say which half. */
const WHICH_HALF = /^(半天|半日)/;
const RANGE = /^(?:至|到|—+|[-~–〜])/;
const HALVES: Readonly<Record<string, Half | 'full'>> = {
  全天: 'full', 整天: 'full', 全日: 'full', 一天: 'full', 上半天: 'am', 上午: 'am', am: 'am', 下半天: 'pm', 下午: 'pm', pm: 'pm',
};

const skip = (s: string): string => s.replace(/^[\s,;:、]+/, '');

function takeKind(s: string): { kind: LeaveKind | null; rest: string } {
  const m = KIND.exec(s);
  if (!m) return { kind: null, rest: s };
  const kind = m[1] === '病假' || m[1].toLowerCase() === 'sick' ? 'sick' : 'personal';
  return { kind, rest: skip(s.slice(m[0].length)) };
}

/** The refusal of another kind of leave named where the kind belongs, or null. */
function otherKind(s: string): string | null {
  const m = OTHER_KIND.exec(s);
  return m ? `没有“${m[1]}”这种请假类型，只能请 ${KINDS_TEXT}` : null;
}

interface DatePart {
  date: WorkDate;
  half: Half | 'full' | null;
  rest: string;
}

function takeDatePart(s: string, o: LeaveGrammarOptions, anchor?: WorkDate): Parsed<DatePart> | null {
  const token = leadingDateToken(s);
  if (token === '') return null;
  const date = readDate(token, { today: o.today, mode: 'nearest', anchor, rules: o.dates });
  if (!date.ok) return date;
  const rest = skip(s.slice(token.length));
  if (WHICH_HALF.test(rest)) return fail(`${token} 的半天请写明 上午 或 下午`);
  const h = HALF.exec(rest);
  if (!h) return ok({ date: date.value, half: null, rest });
  return ok({ date: date.value, half: HALVES[h[1].toLowerCase()], rest: skip(rest.slice(h[0].length)) });
}

function cleanReason(s: string): string {
  return s.replace(/^[\s,;:、.。]+/, '').replace(/^(?:原因|理由|事由)(?:\s*[:=]\s*|\s+)/, '').trim();
}

/**
 * Why a span may not be requested, or null (docs/commands.md reading rules): its end before its
 * start, more than `maxCalendarDays` calendar days, or a date outside the accepted years. The
 * dates are shown with their weekdays (and years, outside today's).
 */
export function leaveSpanProblem(span: LeaveSpan, o: LeaveGrammarOptions): string | null {
  const shown = formatDateRange(span.startDate, span.endDate, o.today);
  if (!isValidSpan(span)) {
    return span.startDate === span.endDate ? '结束时间早于开始时间：同一天的下午到上午' : `结束日期早于开始日期：${shown}`;
  }
  const days = daysBetween(span.startDate, span.endDate) + 1;
  if (days > o.maxCalendarDays) return `一次请假最多 ${o.maxCalendarDays} 个自然日，${shown} 共 ${days} 天，请分开申请`;
  const range = { today: o.today, rules: o.dates };
  return outOfRange(span.startDate, span.startDate, range) ?? outOfRange(span.endDate, span.endDate, range);
}

/**
 * Reads `事假 12月3日 全天 家里有事`, `病假 2026-12-03 下午 至 12-04 上午 发烧`, `事假 明天 上午 …`,
 * `病假 12月3日 到 12月5日 …` (range words 至 到 - ~ —; the kind may also follow the dates).
 * No half = the whole day; a range's start half defaults to the morning and its end half to the
 * afternoon. A date without a year is the one from 2 months back to 10 months ahead (policy
 * `dates`); a range's end is read around its start and is never moved into another year to come
 * after it: an end before the start, a span over `maxCalendarDays` and a date outside the
 * accepted years are refused ({@link leaveSpanProblem}). The reason is required.
 */
export function parseLeave(text: string, options: LeaveGrammarOptions): Parsed<LeaveText> {
  const first = takeKind(skip(normalizeText(text)));
  if (first.rest === '' && first.kind === null) return fail(`缺少请假内容，例：${LEAVE_EXAMPLE}`);
  if (first.kind === null) {
    const other = otherKind(first.rest);
    if (other) return fail(`${other}，例：${LEAVE_EXAMPLE}`);
  }
  const start = takeDatePart(first.rest, options);
  if (start === null) return fail(first.kind ? `缺少请假日期，例：${LEAVE_EXAMPLE}` : `缺少请假类型（${KINDS_TEXT}），例：${LEAVE_EXAMPLE}`);
  if (!start.ok) return start;
  let { rest } = start.value;
  let end: DatePart | null = null;
  const range = RANGE.exec(rest);
  if (range) {
    const after = skip(rest.slice(range[0].length));
    const e = takeDatePart(after, options, start.value.date);
    if (e && !e.ok) return e;
    if (e) {
      end = e.value;
      rest = end.rest;
    } else if (/^\d/.test(after)) {
      // `至 12月`: a range word and a number that is no date; never read as part of the reason.
      return fail(`看不懂结束日期“${/^\S{1,12}/.exec(after)?.[0] ?? after}”，请写 12月5日、2026-12-05 或 5号，例：${RANGE_EXAMPLE}`);
    }
  }
  const last = end ?? start.value;
  const span: LeaveSpan = {
    startDate: start.value.date,
    startHalf: start.value.half === 'pm' ? 'pm' : 'am',
    endDate: last.date,
    endHalf: last.half === 'am' ? 'am' : 'pm',
  };
  const problem = leaveSpanProblem(span, options);
  if (problem) return fail(`${problem}，例：${RANGE_EXAMPLE}`);
  const second = takeKind(rest);
  const kind = first.kind ?? second.kind;
  if (kind === null) return fail(`${otherKind(rest) ?? `缺少请假类型（${KINDS_TEXT}）`}，例：${LEAVE_EXAMPLE}`);
  const reason = cleanReason(first.kind ? rest : second.rest);
  if (reason === '') return fail(`缺少请假原因，例：${LEAVE_EXAMPLE}`);
  return ok({ kind, span, reason });
}

/**
 * The whole text after 请假, with the optional person first (`@张三 事假 12月3日 全天 …`, or
 * `张三 事假 …`: a bare name counts only when a kind or a date follows it). Role checks are the
 * caller's.
 */
export function parseLeaveCommand(text: string, mentions: readonly Mention[], options: LeaveGrammarOptions): Parsed<LeaveCommand> {
  const startsLeave = (s: string): boolean => KIND.test(s) || OTHER_KIND.test(s) || leadingDateToken(s) !== '';
  const lead = takeLeadingPerson(text, mentions, { bareName: (token, after) => !startsLeave(token) && startsLeave(after) });
  if (!lead.ok) return lead;
  const leave = parseLeave(lead.value.rest, options);
  return leave.ok ? ok({ ...leave.value, onBehalfOf: lead.value.person }) : leave;
}
