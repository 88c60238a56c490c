import type { CardInput, NeutralCard } from '../core/neutral-card';
import { formatDate, formatZonedDateTime } from '../domain/date-format';
import type { EmployeeRecord } from '../domain/employee-record';
import { QUALIFY_CHECKS } from '../domain/lead-checks';
import type { LeadView } from '../services/reports';

/** The logical key of a lead's cards: the qualification settles every copy. */
export const leadCardKey = (id: number): string => `lead:${id}`;

/** The action of the 确认 button. */
export const QUALIFY_ACTION_ID = 'lead.qualify';

const YES_NO = [
  { value: '是', label: '是' },
  { value: '否', label: '否' },
];

/** The form field of each check (H-4), in the handbook's order. */
export const CHECK_FIELDS: ReadonlyArray<{ name: string; check: (typeof QUALIFY_CHECKS)[number] }> = [
  { name: 'visited', check: '已拜访' },
  { name: 'fileComplete', check: '档案完整' },
  { name: 'signed', check: '已签字' },
];

/** The three checks of the 确认 form, each 是/否 (否 until ticked). */
export const CHECK_INPUTS: readonly CardInput[] = CHECK_FIELDS.map(({ name, check }) => ({
  name, label: check, kind: 'select', options: YES_NO, required: true, initial: '否',
}));

/** The salesperson who visited, chosen by a supervisor (an employee id; the service checks it). */
export const VISITOR_INPUT = 'visitor';

/** What the card shows of the lead: every H-3 field, the grade, the agent and the day. */
function leadFields(lead: LeadView, today: string): NeutralCard['fields'] {
  return [
    { label: '客户名称', value: lead.company },
    { label: '联系人', value: lead.contact },
    { label: '部门职务电话', value: lead.titlePhone },
    ...(lead.phone ? [{ label: '电话', value: lead.phone }] : []),
    { label: '人数', value: lead.headcount },
    { label: '信息化现状', value: lead.itStatus },
    { label: '等级', value: `${lead.grade} 类` },
    { label: '销售员', value: `${lead.agent.name}（${lead.agent.no}）` },
    { label: '记录日期', value: formatDate(lead.workDate, today) },
  ];
}

/** Someone the card names. */
type Named = Pick<EmployeeRecord, 'id' | 'name'>;

/** How the lead card is shown: today, and for a supervisor the team's salespeople to choose the visitor from. */
export interface LeadCardContext {
  today: string;
  timeZone: string;
  /** Set for a viewer who enters it for a salesperson (a supervisor): the form asks who visited. */
  visitors?: ReadonlyArray<Named>;
  /** Once qualified: who entered it and who visited. */
  qualifiedBy?: Named | null;
  visitedBy?: Named | null;
}

/**
 * A lead for the team's salespeople to visit (H-4): its full details (the phone as the viewer
 * may see it, H-20) and a 确认 button that asks for the three checks; once qualified, who
 * confirmed it and when, without buttons.
 */
export function leadCard(lead: LeadView, c: LeadCardContext): NeutralCard {
  const title = `待拜访客户 C${lead.id}`;
  const fields = leadFields(lead, c.today);
  if (lead.qualifiedAt) {
    const visitor = c.visitedBy && c.visitedBy.id !== c.qualifiedBy?.id ? `，拜访人：${c.visitedBy.name}` : '';
    const when = formatZonedDateTime(lead.qualifiedAt, c.timeZone, c.today);
    return { title: `已确认客户 C${lead.id}`, tone: 'success', fields, footer: `已由${c.qualifiedBy?.name ?? '他人'}于 ${when} 确认${visitor}（H-4）` };
  }
  const forSomeone = c.visitors !== undefined;
  const visitorInput: CardInput[] = forSomeone
    ? [{ name: VISITOR_INPUT, label: '拜访业务员', kind: 'select', required: true, options: c.visitors!.map((v) => ({ value: String(v.id), label: v.name })) }]
    : [];
  const checks = QUALIFY_CHECKS.join(' ');
  return {
    title,
    tone: 'info',
    fields,
    text: '业务员拜访、客户档案填写完好并签字后确认，确认后计入销售员工资（H-4）。',
    buttons: [{
      label: '确认', actionId: QUALIFY_ACTION_ID, value: { id: String(lead.id) }, style: 'primary',
      command: forSomeone ? `确认 C${lead.id} @业务员 ${checks}` : `确认 C${lead.id} ${checks}`,
      inputs: [...visitorInput, ...CHECK_INPUTS],
    }],
  };
}
