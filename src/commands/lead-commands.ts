import type { CommandSpec } from '../core/command-spec';
import { cardReply, textReply } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { UserError } from '../core/errors';
import { recordFieldTooLong, type RecordFields } from '../domain/customer-record';
import { formatDate } from '../domain/date-format';
import { normalizeText } from '../domain/grammar/normalize';
import { parseRecords } from '../domain/grammar/records';
import { addCustomerRecords, listRecords, maskNumber, RECORD_EXAMPLE, type AddRecordsResult, type RecordOutcome } from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { leadNotices } from './lead-notices';
import { noValues, readCard } from './card-input';
import { customerRecordFormCard, LEAD_SUBMIT, RECORD_FORM_INPUTS } from './report-cards';
import { parseRefusal } from './texts';

/** What is wrong with a number in 部门职务电话 that is no phone, with the forms that are (H-3). */
const BAD_PHONE = '电话号码不是有效的手机号或座机号（手机号如 13800000000，座机号如 010-12345678，中间不加空格）';

/** One record of the 客户 reply: its id, company, masked phone, and whether it is a valid call. */
function recordLine(r: RecordOutcome, company: string): string {
  const phone = r.phone ? ` ${maskNumber(r.phone)}` : '';
  const grade = r.grade === 'C' ? '' : `（${r.grade} 类）`;
  const faults = [...(r.missing.length ? [`缺${r.missing.join('、')}`] : []), ...(r.badPhone ? [BAD_PHONE] : [])];
  const worth = r.complete ? '有效电话' : `不完整，${faults.join('；')}，不算有效电话`;
  const status = r.status === 'updated' ? '（今天已记过这个电话，已补全/更正）' : r.status === 'unchanged' ? '（与之前记录相同，不重复计算）' : '';
  return `C${r.id} ${company || '（无客户名称）'}${phone}${grade}：${worth}${status}`;
}

/**
 * The 客户 reply (H-3): each record with its id and whether it is a valid call, the missing
 * fields of the others, and the day's valid calls. Phones are masked: a reply may land in a group.
 */
export function recordsText(r: AddRecordsResult, companies: ReadonlyMap<number, string>): string {
  const complete = r.records.filter((x) => x.complete).length;
  const lines = [`已记录 ${r.records.length} 条客户记录（${formatDate(r.workDate, r.workDate)}），其中有效电话 ${complete} 条：`];
  lines.push(...r.records.map((x) => recordLine(x, companies.get(x.id) ?? '')));
  if (r.records.some((x) => !x.complete && !x.badPhone)) lines.push('补全方法：同一电话今天再发一次，写上缺的项（H-3）。');
  if (r.records.some((x) => x.badPhone)) lines.push('电话号码有误的记录请改正后整条重发。');
  lines.push(`今天有效电话共 ${r.validCalls} 个。`);
  return lines.join('\n');
}

/** The form's values as a record, read like typed text (full-width folded, trimmed), each within its textLimits. */
function formRecord(ctx: ServiceContext, form: Partial<Record<string, string>>): RecordFields {
  const v = (k: string) => normalizeText(form[k] ?? '');
  const fields: RecordFields = { company: v('company'), contact: v('contact'), titlePhone: v('titlePhone'), headcount: v('headcount'), itStatus: v('itStatus') };
  if (v('grade')) fields.grade = v('grade');
  const tooLong = recordFieldTooLong(fields, ctx.policy.textLimits);
  if (tooLong) throw new UserError(tooLong, RECORD_EXAMPLE, 'record.too-long');
  return fields;
}

/** What the customer record form may carry. */
const RECORD_CARD = { values: noValues, inputs: RECORD_FORM_INPUTS, example: RECORD_EXAMPLE };

/** 客户 (H-2, H-3); a new A/B lead is sent to the team's salespeople (lead-notices). */
export function leadCommands(ctx: ServiceContext): CommandSpec[] {
  /** Stores records from the text or the form (the same path for both) and replies. */
  async function fileRecords(turn: TurnContext, records: RecordFields[]): Promise<AddRecordsResult> {
    const r = await addCustomerRecords(ctx, { agent: turn.actor, records, sentAt: turn.at, sourceEvent: turn.event.dedupKey });
    // The stored company (a resend by phone may leave it out), as the agent sees their own records.
    const stored = await listRecords(ctx, { viewer: turn.actor, agent: turn.actor, date: r.workDate });
    turn.reply(textReply(recordsText(r, new Map(stored.map((v) => [v.id, v.company])))));
    await leadNotices(ctx, turn, r);
    return r;
  }

  return [
    {
      name: '客户',
      aliases: ['lead', '客户记录'],
      roles: ['agent'],
      summary: '客户记录（H-3），可多行或从 Excel 粘贴，只发「客户」打开表单',
      examples: [RECORD_EXAMPLE, '客户 公司=华为 联系人=张经理 职务=IT经理 电话=13800000000 人数=200 信息化=已上ERP 等级=A'],
      async run(turn, rest) {
        if (rest === '') {
          turn.reply(cardReply(customerRecordFormCard()));
          return;
        }
        const parsed = parseRecords(rest, ctx.policy);
        if (!parsed.ok) throw parseRefusal(parsed.error, RECORD_EXAMPLE, 'record.parse');
        await fileRecords(turn, parsed.value.map((p) => p.fields));
      },
      actions: {
        async [LEAD_SUBMIT](turn, event) {
          const r = await fileRecords(turn, [formRecord(ctx, readCard(event, RECORD_CARD).form)]);
          turn.respond({ toast: { kind: 'success', text: `已记录 C${r.records[0].id}` } });
        },
      },
    },
  ];
}
