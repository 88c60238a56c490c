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

/** What a record is worth (H-3): complete = a valid call. */
export interface RecordAssessment {
  complete: boolean;
  /** Fields that are missing or unusable, in the users' words. */
  missing: string[];
  /** The phone number found in the third field, digits and '-' removed; null when none. */
  phone: string | null;
  /** 'A' | 'B' | 'C' (none = C). */
  grade: 'A' | 'B' | 'C';
}

/**
 * Judges a record by the handbook's edge rule: company, contact, headcount and IT status
 * non-empty after trimming, and the third field containing a phone number matching
 * `phonePattern` (the policy's). The contact needs at least a surname: any non-empty text.
 */
export function assessRecord(f: RecordFields, phonePattern: string): RecordAssessment {
  const missing: string[] = [];
  for (const key of ['company', 'contact', 'titlePhone', 'headcount', 'itStatus'] as const) {
    if (!f[key] || f[key].trim() === '') missing.push(RECORD_FIELD_NAMES[key]);
  }
  const match = new RegExp(`(?<!\\d)(?:${phonePattern})(?!\\d)`).exec(f.titlePhone ?? '');
  const phone = match ? match[0].replace(/-/g, '') : null;
  if (!phone && !missing.includes(RECORD_FIELD_NAMES.titlePhone)) missing.push('电话号码');
  const g = (f.grade ?? '').trim().toUpperCase();
  const grade = g === 'A' || g === 'B' ? g : 'C';
  return { complete: missing.length === 0, missing, phone, grade };
}
