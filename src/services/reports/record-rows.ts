import { UserError } from '../../core/errors';
import type { RecordFields } from '../../domain/customer-record';
import { RECORD_EXAMPLE } from './report-rules';

/** The five H-3 fields, in the order users type them. */
export const FIELD_KEYS = ['company', 'contact', 'titlePhone', 'headcount', 'itStatus'] as const;

/** Trimmed fields with an upper-case grade ('' when none was given). */
export type CleanFields = Required<RecordFields>;

/** The refusal of a whole message because row `row` (1-based) cannot be stored. */
export function rowError(row: number, reason: string, code = 'record.row'): UserError {
  return new UserError(`第 ${row} 条${reason}，这条消息的客户记录都没有保存，请改正后整条重发。`, RECORD_EXAMPLE, code);
}

/**
 * Trims a row and checks it can be stored at all: not empty, a company or a phone to know it
 * by, and a grade of A, B or C (or none). `hasPhone` says whether the assessment found a phone
 * number. Field lengths are the grammar's (textLimits, each within its column: parseRecords and
 * the form both check them). Incomplete rows pass: they are stored and the reply lists what is
 * missing (H-3).
 */
export function cleanRow(row: number, f: RecordFields, hasPhone: boolean): CleanFields {
  const clean: CleanFields = {
    company: (f.company ?? '').trim(),
    contact: (f.contact ?? '').trim(),
    titlePhone: (f.titlePhone ?? '').trim(),
    headcount: (f.headcount ?? '').trim(),
    itStatus: (f.itStatus ?? '').trim(),
    grade: (f.grade ?? '').trim().toUpperCase(),
  };
  if (FIELD_KEYS.every((k) => clean[k] === '') && clean.grade === '') throw rowError(row, '是空的', 'record.empty');
  if (!hasPhone && clean.company === '') throw rowError(row, '既没有客户名称也没有电话号码，无法记录', 'record.unidentified');
  if (clean.grade !== '' && !['A', 'B', 'C'].includes(clean.grade)) throw rowError(row, '的等级只能写 A、B 或 C（不写算 C）', 'record.grade');
  return clean;
}

/**
 * The fields after a resend of the same phone the same day: a field the new message fills
 * wins when the message is the newer one (a correction); an older message arriving late only
 * fills what is still empty (it completes, never undoes a later correction). No field is ever
 * emptied by a resend that leaves it out.
 */
export function mergeFields(stored: CleanFields, incoming: CleanFields, incomingIsNewer: boolean): CleanFields {
  const pick = (old: string, next: string) => (next !== '' && (incomingIsNewer || old === '') ? next : old);
  return {
    company: pick(stored.company, incoming.company),
    contact: pick(stored.contact, incoming.contact),
    titlePhone: pick(stored.titlePhone, incoming.titlePhone),
    headcount: pick(stored.headcount, incoming.headcount),
    itStatus: pick(stored.itStatus, incoming.itStatus),
    grade: pick(stored.grade, incoming.grade),
  };
}

/** True when two sets of fields say the same thing (a grade of '' and 'C' are the same). */
export function sameFields(a: CleanFields, b: CleanFields): boolean {
  return FIELD_KEYS.every((k) => a[k] === b[k]) && (a.grade || 'C') === (b.grade || 'C');
}
