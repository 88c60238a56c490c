/**
 * The cards of the report family (H-2, H-3, H-8), platform-neutral: the daily report form, the
 * customer record form and the pay slip. Each form's submit button carries the text command that
 * does the same, so plain-text platforms lose nothing.
 */
import type { CardInput, NeutralCard } from '../core/neutral-card';
import { formatYuan } from '../domain/money';
import type { PayslipView } from '../services/payroll';
import { RECORD_EXAMPLE } from '../services/reports';
import { formatDate, formatMonthWithYear } from '../domain/date-format';

/** Action id of the daily report form's submit button. */
export const REPORT_SUBMIT = 'report.submit';
/** Action id of the customer record form's submit button. */
export const LEAD_SUBMIT = 'lead.submit';

/** The text that files the same daily report as the form. */
export const REPORT_FORM_COMMAND = '日报 通话 120 备注 周五客户多';

/** The inputs of the daily report form: calls made and a note. */
export const REPORT_FORM_INPUTS: readonly CardInput[] = [
  { name: 'calls', label: '今日拨打数', kind: 'number', required: true, placeholder: '120' },
  { name: 'note', label: '备注', kind: 'textarea', placeholder: '周五客户多' },
];

/** The form of 《电话销售日报表》 (H-2) for today `date` ('YYYY-MM-DD'): calls made and a note. */
export function dailyReportFormCard(date: string): NeutralCard {
  return {
    title: `电话销售日报 · ${formatDate(date, date)}`,
    tone: 'info',
    fields: [],
    text: '填写今天的拨打数。有效电话不用填：按今天信息完整的客户记录自动统计（H-3）。同一天再交一次会替换前一份。',
    form: {
      inputs: [...REPORT_FORM_INPUTS],
      submit: { label: '提交日报', actionId: REPORT_SUBMIT, value: {}, style: 'primary', command: REPORT_FORM_COMMAND },
    },
  };
}

/** The grades a record may carry (H-4); none counts as C. */
const GRADE_OPTIONS = [
  { value: 'A', label: 'A 类' },
  { value: 'B', label: 'B 类' },
  { value: 'C', label: 'C 类 / 无' },
];

/** The inputs of the customer record form: the five fields of H-3 and the grade. */
export const RECORD_FORM_INPUTS: readonly CardInput[] = [
  { name: 'company', label: '客户名称', kind: 'text', required: true, placeholder: '华为技术' },
  { name: 'contact', label: '联系人（至少写姓）', kind: 'text', required: true, placeholder: '张经理' },
  { name: 'titlePhone', label: '部门职务电话', kind: 'text', required: true, placeholder: 'IT经理 13800000000' },
  { name: 'headcount', label: '人数', kind: 'text', required: true, placeholder: '200' },
  { name: 'itStatus', label: '信息化现状', kind: 'text', required: true, placeholder: '已上ERP' },
  { name: 'grade', label: '等级', kind: 'select', options: GRADE_OPTIONS, initial: 'C' },
];

/** The form of one customer record 《客户记录日报表》 (H-3): the five fields and the grade. */
export function customerRecordFormCard(): NeutralCard {
  return {
    title: '客户记录',
    tone: 'info',
    fields: [],
    text: '五项都填全才算有效电话（H-3）；第三项要写上电话号码。同一天同一电话再填一次会补全或更正原记录。',
    form: {
      inputs: [...RECORD_FORM_INPUTS],
      submit: { label: '提交客户记录', actionId: LEAD_SUBMIT, value: {}, style: 'primary', command: RECORD_EXAMPLE },
    },
  };
}

/** Signed yuan with two decimals: +1.50 元, −10.00 元, 0.00 元. */
function signedYuan(fen: number): string {
  const sign = fen > 0 ? '+' : fen < 0 ? '−' : '';
  return `${sign}${formatYuan(Math.abs(fen))} 元`;
}

/**
 * A pay slip (H-8) item by item, for `name` ('你' or a colleague's name): the stored one of a
 * closed month, or the draft so far of an open month, and the card says which. `asOf` is the
 * day a draft was computed ('YYYY-MM-DD').
 */
export function payslipCard(name: string, slip: PayslipView, asOf: string): NeutralCard {
  const draft = slip.state === 'draft';
  const fields = slip.items.map((item, i) => {
    const detail = draft ? item.detail?.replace('月底积分', '目前积分') : item.detail;
    const amount = i === 0 ? `${formatYuan(item.fen)} 元` : signedYuan(item.fen);
    return { label: item.label, value: detail ? `${amount}（${detail}）` : amount };
  });
  fields.push({ label: '合计', value: `${formatYuan(slip.figures.totalFen)} 元` });
  const text = draft
    ? slip.monthClosed
      ? `${formatMonthWithYear(slip.month)}已结算，但结算时没有${name}的工资条；以上按现有数据计算，请联系管理员。`
      : `草稿：${formatMonthWithYear(slip.month)}还没有结算，按截至 ${formatDate(asOf, asOf)} 的数据计算，之后的客户记录、确认、回款和积分还会改变它。`
    : `已结算（第 ${slip.revision} 版）。`;
  const pending = slip.pending.length
    ? `\n待重新结算：结算后有 ${slip.pending.length} 项变化（${slip.pending.map((p) => `${formatDate(p.date, asOf)} ${p.what}`).join('；')}），管理员重新结算后会生成新版本并发给${name}。`
    : '';
  const state = slip.pending.length ? '（待重新结算）' : draft ? '（草稿）' : '（已结算）';
  return {
    title: `${name === '你' ? '' : `${name} · `}${formatMonthWithYear(slip.month)}工资条${state}`,
    tone: slip.pending.length ? 'warning' : draft ? 'info' : 'success',
    fields,
    text: text + pending,
  };
}
