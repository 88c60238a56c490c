/**
 * The text of a leave request after 请假 (COMMANDS.md, H-14): kind, one date or a range with
 * optional halves, and a reason. Whether it is in time, and who may file it, is decided elsewhere.
 */
import type { WorkDate } from '../dates';
import { isValidSpan, type Half, type LeaveSpan } from '../leave-halves';
import { leadingDateToken, parseDate } from './dates';
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

/** The canonical example shown with leave errors. */
export const LEAVE_EXAMPLE = '请假 事假 12月3日 全天 家里有事';
const RANGE_EXAMPLE = '请假 病假 2026-12-03 下午 至 12-04 上午 发烧';

const KIND = /^(事假|病假|personal|sick)(?![a-z])/i;
const HALF = /^(全天|整天|全日|一天|上半天|下半天|上午|下午|am|pm)(?![a-z])/i;
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

interface DatePart {
  date: WorkDate;
  half: Half | 'full' | null;
  rest: string;
}

function takeDatePart(s: string, today: WorkDate, notBefore?: WorkDate): Parsed<DatePart> | null {
  const token = leadingDateToken(s);
  if (token === '') return null;
  const date = parseDate(token, { today, mode: 'future', notBefore });
  if (!date.ok) return date;
  const rest = skip(s.slice(token.length));
  const h = HALF.exec(rest);
  if (!h) return ok({ date: date.value, half: null, rest });
  return ok({ date: date.value, half: HALVES[h[1].toLowerCase()], rest: skip(rest.slice(h[0].length)) });
}

function cleanReason(s: string): string {
  return s.replace(/^[\s,;:、.。]+/, '').replace(/^(?:原因|理由|事由)(?:\s*[:=]\s*|\s+)/, '').trim();
}

/**
 * Reads `事假 12月3日 全天 家里有事`, `病假 2026-12-03 下午 至 12-04 上午 发烧`, `事假 明天 上午 …`,
 * `病假 12月3日 到 12月5日 …` (range words 至 到 - ~ —; the kind may also follow the dates).
 * No half = the whole day; a range's start half defaults to the morning and its end half to the
 * afternoon. Dates without a year are the next such date (mode 'future'); a range's end is read
 * from its start. The reason is required.
 */
export function parseLeave(text: string, options: { today: WorkDate }): Parsed<LeaveText> {
  const first = takeKind(skip(normalizeText(text)));
  if (first.rest === '' && first.kind === null) return fail(`缺少请假内容，例：${LEAVE_EXAMPLE}`);
  const start = takeDatePart(first.rest, options.today);
  if (start === null) return fail(first.kind ? `缺少请假日期，例：${LEAVE_EXAMPLE}` : `缺少请假类型（事假 或 病假），例：${LEAVE_EXAMPLE}`);
  if (!start.ok) return start;
  let { rest } = start.value;
  let end: DatePart | null = null;
  const range = RANGE.exec(rest);
  if (range) {
    const e = takeDatePart(skip(rest.slice(range[0].length)), options.today, start.value.date);
    if (e && !e.ok) return e;
    if (e) {
      end = e.value;
      rest = end.rest;
    }
  }
  const last = end ?? start.value;
  const span: LeaveSpan = {
    startDate: start.value.date,
    startHalf: start.value.half === 'pm' ? 'pm' : 'am',
    endDate: last.date,
    endHalf: last.half === 'am' ? 'am' : 'pm',
  };
  if (!isValidSpan(span)) return fail(`结束时间早于开始时间，例：${RANGE_EXAMPLE}`);
  const second = takeKind(rest);
  const kind = first.kind ?? second.kind;
  if (kind === null) return fail(`缺少请假类型（事假 或 病假），例：${LEAVE_EXAMPLE}`);
  const reason = cleanReason(first.kind ? rest : second.rest);
  if (reason === '') return fail(`缺少请假原因，例：${LEAVE_EXAMPLE}`);
  return ok({ kind, span, reason });
}

/**
 * The whole text after 请假, with the optional person first (`@张三 事假 12月3日 全天 …`, or
 * `张三 事假 …`: a bare name counts only when a kind or a date follows it). Role checks are the
 * caller's.
 */
export function parseLeaveCommand(text: string, mentions: readonly Mention[], options: { today: WorkDate }): Parsed<LeaveCommand> {
  const startsLeave = (s: string): boolean => KIND.test(s) || leadingDateToken(s) !== '';
  const lead = takeLeadingPerson(text, mentions, { bareName: (token, after) => !startsLeave(token) && startsLeave(after) });
  if (!lead.ok) return lead;
  const leave = parseLeave(lead.value.rest, options);
  return leave.ok ? ok({ ...leave.value, onBehalfOf: lead.value.person }) : leave;
}
