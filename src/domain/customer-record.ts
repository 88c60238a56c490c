import { charCount, tooLong } from './grammar/free-text';
import type { TextLimits } from './policy';

/** The five H-3 fields of a customer record as typed, plus the optional grade. */
export interface RecordFields {
  company: string;
  contact: string;
  /** 部门职务电话: department/title and phone in one field. */
  titlePhone: string;
  headcount: string;
  itStatus: string;
  grade?: string;
}

/** The H-3 field names in the users' words, for replies. */
export const RECORD_FIELD_NAMES: Record<keyof Omit<RecordFields, 'grade'>, string> = {
  company: '客户名称',
  contact: '联系人',
  titlePhone: '部门职务电话',
  headcount: '人数',
  itStatus: '信息化现状',
};

/** The H-3 fields with a length limit of their own (policy textLimits, each within its column). */
export const RECORD_TEXT_FIELDS = ['company', 'contact', 'titlePhone', 'headcount', 'itStatus'] as const;

/**
 * The refusal of the first field longer than its policy limit (`客户名称最多 128 个字，你写了
 * 300 个字`), counted on the trimmed text as it is stored; null when every field fits.
 */
export function recordFieldTooLong(f: RecordFields, limits: Pick<TextLimits, (typeof RECORD_TEXT_FIELDS)[number]>): string | null {
  for (const key of RECORD_TEXT_FIELDS) {
    const count = charCount((f[key] ?? '').trim());
    if (count > limits[key]) return tooLong({ label: RECORD_FIELD_NAMES[key], max: limits[key] }, count);
  }
  return null;
}

/** What a record is worth (H-3): complete = a valid call. */
export interface RecordAssessment {
  complete: boolean;
  /** Fields that are missing or unusable, in the users' words. */
  missing: string[];
  /** The phone number found in the third field, digits and '-' removed; null when none. */
  phone: string | null;
  /**
   * The third field has a number that is no phone (`12345`, `138 0000 0000`, 12 digits): the
   * record lacks a phone for that reason, not for want of one (and `missing` does not list
   * 电话号码, so the reply can say what is wrong with it).
   */
  badPhone: boolean;
  /** 'A' | 'B' | 'C' (none = C). */
  grade: 'A' | 'B' | 'C';
}

/** Five or more digits, possibly split by spaces or dashes: someone meant a phone number. */
const NUMBER_ATTEMPT = /\d(?:[ -]?\d){4,}/;

/**
 * Judges a record by the handbook's edge rule: company, contact, headcount and IT status
 * non-empty after trimming, and the third field containing a phone number matching
 * `phonePattern` (the policy's). The contact needs at least a surname: any non-empty text.
 * A number there that is no phone is told apart from no number at all (`badPhone`).
 */
export function assessRecord(f: RecordFields, phonePattern: string): RecordAssessment {
  const missing: string[] = [];
  for (const key of ['company', 'contact', 'titlePhone', 'headcount', 'itStatus'] as const) {
    if (!f[key] || f[key].trim() === '') missing.push(RECORD_FIELD_NAMES[key]);
  }
  const match = new RegExp(`(?<!\\d)(?:${phonePattern})(?!\\d)`).exec(f.titlePhone ?? '');
  const phone = match ? match[0].replace(/-/g, '') : null;
  const badPhone = phone === null && NUMBER_ATTEMPT.test(f.titlePhone ?? '');
  if (!phone && !badPhone && !missing.includes(RECORD_FIELD_NAMES.titlePhone)) missing.push('电话号码');
  const g = (f.grade ?? '').trim().toUpperCase();
  const grade = g === 'A' || g === 'B' ? g : 'C';
  return { complete: missing.length === 0 && !badPhone, missing, phone, badPhone, grade };
}
