import fc from 'fast-check';
import { RECORD_FIELD_NAMES, RECORD_TEXT_FIELDS } from '../../../../src/domain/customer-record';
import { charCount, limitText } from '../../../../src/domain/grammar/free-text';
import { parseReportArgs, POINTS_RULE, takePointsAndReason } from '../../../../src/domain/grammar/misc';
import { normalizeText } from '../../../../src/domain/grammar/normalize';
import { takeLeadingCount } from '../../../../src/domain/grammar/numbers';
import { parseRecords } from '../../../../src/domain/grammar/records';

/**
 * Issue 13 properties over the report, record and reason grammars: whatever is typed, they
 * answer without throwing; what they accept is within its bounds (calls within report.maxCalls,
 * every text within its textLimits, whole and uncut); what they refuse names the field. Small
 * limits, so that random text reaches them.
 */
const LIMITS = {
  report: { maxCalls: 50 },
  textLimits: { note: 8, company: 5, contact: 3, titlePhone: 20, headcount: 3, itStatus: 6 },
};
const REASON = { label: '扣分原因', max: 7 };

const pieces = fc.constantFrom(
  '通话', '拨打', 'calls', '备注', 'note', '120', '50', '51', '1e3', '0x1F', '12.5', '1,000', '-', '+', '−', '一百二', '三', '两', '分', '个',
  '١٢٠', '１２０', '😀', '𠀀', '很', ' ', '　', '\n', '\t', '|', ':', '：', '=', ',', '，', '.', '公司=', '联系人=', '电话=', '客户', '13800000000', '12345', '"',
);
const typed = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(pieces, { maxLength: 24 }).map((p) => p.join('')),
  fc.tuple(fc.array(pieces, { maxLength: 6 }), fc.integer({ min: 1, max: 3000 }), pieces).map(([p, n, c]) => p.join('') + c.repeat(n)),
);
const RUNS = { numRuns: 400 };

describe('parseReportArgs (日报): never throws; accepts only bounded values; refusals name the field', () => {
  test('property', () => {
    fc.assert(fc.property(typed, (t) => {
      const r = parseReportArgs(t, LIMITS);
      if (r.ok) {
        return Number.isInteger(r.value.calls) && r.value.calls >= 0 && r.value.calls <= LIMITS.report.maxCalls
          && charCount(r.value.note) <= LIMITS.textLimits.note && r.value.note === normalizeText(r.value.note);
      }
      return /^(缺少通话数|通话数|日报备注最多 8 个字，你写了 \d+ 个字)/.test(r.error) && r.error.endsWith('例：日报 通话 120');
    }), RUNS);
  });
});

describe('parseRecords (客户): never throws; every accepted field within its limit; refusals name the row (and the field)', () => {
  test('property', () => {
    fc.assert(fc.property(typed, (t) => {
      const r = parseRecords(t, LIMITS);
      if (r.ok) {
        return r.value.length > 0 && r.value.every((rec) => RECORD_TEXT_FIELDS.every((k) => charCount(rec.fields[k].trim()) <= LIMITS.textLimits[k]));
      }
      const tooLong = /^第 \d+ 行(\S+?)最多 (\d+) 个字，你写了 (\d+) 个字/.exec(r.error);
      if (tooLong) {
        const key = RECORD_TEXT_FIELDS.find((k) => RECORD_FIELD_NAMES[k] === tooLong[1]);
        return key !== undefined && Number(tooLong[2]) === LIMITS.textLimits[key] && Number(tooLong[3]) > Number(tooLong[2]);
      }
      return /^(第 \d+ 行|缺少客户记录)/.test(r.error);
    }), RUNS);
  });
});

describe('takePointsAndReason (扣分 / 加分): never throws; points 1–100, the reason whole within its limit; refusals name the field', () => {
  test('property', () => {
    fc.assert(fc.property(typed, fc.constantFrom<'扣分' | '加分'>('扣分', '加分'), (t, verb) => {
      const r = takePointsAndReason(t, verb, REASON);
      if (r === null) return takeLeadingCount(t, POINTS_RULE) === null;
      if (r.ok) return r.value.points >= POINTS_RULE.min && r.value.points <= POINTS_RULE.max && r.value.reason !== '' && charCount(r.value.reason) <= REASON.max;
      return /^(分数|扣分的分数|加分的分数|请写明原因|扣分原因最多 7 个字)/.test(r.error);
    }), RUNS);
  });
});

describe('limitText: what passes is the whole normalised text; what is refused says how long it was', () => {
  test('property', () => {
    fc.assert(fc.property(typed, fc.integer({ min: 1, max: 40 }), (t, max) => {
      const r = limitText(t, { label: '原因', max });
      const n = charCount(normalizeText(t));
      return r.ok ? r.value === normalizeText(t) && n <= max : n > max && r.error === `原因最多 ${max} 个字，你写了 ${n} 个字`;
    }), RUNS);
  });
});
