import type { CommandSpec } from '../core/command-spec';
import { UserError } from '../core/errors';
import { cardReply, textReply, type ReplyIntent } from '../core/reply-intent';
import type { TurnContext } from '../core/turn-context';
import { formatDate, formatMonthWithYear } from '../domain/date-format';
import type { EmployeeRecord } from '../domain/employee-record';
import { limitText } from '../domain/grammar/free-text';
import { takeLeadingId } from '../domain/grammar/misc';
import { takeLeadingPerson } from '../domain/grammar/people';
import { formatYuan } from '../domain/money';
import { employeeById, findPeople } from '../services/people';
import {
  leadView, leadVisitors, pendingLeads, qualifyLead, QUALIFY_EXAMPLE, QUALIFY_FOR_EXAMPLE, type LeadView,
} from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { cardId, readCard } from './card-input';
import { CHECK_FIELDS, CHECK_INPUTS, leadCard, leadCardKey, QUALIFY_ACTION_ID, VISITOR_INPUT } from './lead-cards';
import { resolvePerson } from './people';
import { todayOf } from './score-commands';
import { parseRefusal } from './texts';
import { z } from 'zod';

/** The 确认 button's values and form: the record's id, the three checks, the visitor a supervisor chose. */
const QUALIFY_CARD = {
  values: z.object({ id: cardId }).strict(),
  inputs: [...CHECK_INPUTS, { name: VISITOR_INPUT, label: '拜访业务员', kind: 'text' as const }],
  example: QUALIFY_EXAMPLE,
};

/** The lead card for `viewer`: a supervisor's form also asks which salesperson visited. */
export async function leadCardFor(ctx: ServiceContext, viewer: EmployeeRecord, lead: LeadView, today: string) {
  const visitors = viewer.role === 'salesperson' ? undefined : await leadVisitors(ctx, lead.agent, today);
  const qualifiedBy = lead.qualifiedBy ? await employeeById(ctx, lead.qualifiedBy) : null;
  const visitedBy = lead.visitedBy ? await employeeById(ctx, lead.visitedBy) : null;
  return leadCard(lead, { today, timeZone: ctx.policy.timezone, visitors, qualifiedBy, visitedBy });
}

/** 待确认 and 确认 (H-4): the team's A/B leads to visit, and their qualification by text or by the card's form. */
export function leadQueueCommands(ctx: ServiceContext): CommandSpec[] {
  /** The salesperson named after the id (`确认 C310 @李四 …`), and the note after them. */
  async function visitorAndNote(turn: TurnContext, text: string): Promise<{ visitor: EmployeeRecord | null; note: string }> {
    const mentions = turn.event.type === 'message' ? turn.event.mentions : [];
    // A salesperson confirms as themselves: a bare word after the id is the note, not a name.
    const taken = takeLeadingPerson(text, mentions, { bareName: turn.actor.role !== 'salesperson' });
    if (!taken.ok) throw parseRefusal(taken.error, QUALIFY_FOR_EXAMPLE, 'person.parse');
    const ref = taken.value.person;
    if (!ref) return { visitor: null, note: text };
    // A bare word nobody is called (已拜访) is the start of the note; the service then asks for the visitor.
    if (ref.kind === 'name' && !text.startsWith('@') && (await findPeople(ctx, ref, turn.event.platform)).length === 0) return { visitor: null, note: text };
    return { visitor: await resolvePerson(ctx, turn, ref, QUALIFY_FOR_EXAMPLE), note: taken.value.rest };
  }

  /** Qualifies the lead (the same path for the text and the form), tells the agent, settles every copy of its card. */
  async function qualify(turn: TurnContext, recordId: number, visitor: EmployeeRecord | null, typed: string): Promise<void> {
    const example = turn.actor.role === 'salesperson' ? QUALIFY_EXAMPLE : QUALIFY_FOR_EXAMPLE;
    const note = limitText(typed, { label: '确认说明', max: ctx.policy.textLimits.note });
    if (!note.ok) throw new UserError(note.error, example, 'lead.note');
    const record = await qualifyLead(ctx, { actor: turn.actor, recordId, visitedBy: visitor, note: note.value, at: turn.at });
    const agent = await employeeById(ctx, record.agentId);
    const grade = record.grade as 'A' | 'B';
    const today = todayOf(ctx, turn);
    const month = today.slice(0, 7);
    const bonus = `${formatYuan(ctx.policy.pay.leadBonusFen[grade])} 元`;
    const visitedBy = visitor ?? turn.actor;
    const agentName = agent?.name ?? '该销售员';
    // Settled copies keep no phone: the visit is done, and a copy may have been forwarded (H-20).
    const settled = await leadView(ctx, null, record.id);
    const update: ReplyIntent | null = settled ? { kind: 'update', cardKey: leadCardKey(record.id), card: await leadCardFor(ctx, turn.actor, settled, today) } : null;
    if (update) turn.reply(update);
    turn.reply(textReply([
      `C${record.id} ${record.company}（${grade} 类，${agentName} ${formatDate(record.workDate, today)} 的客户）已确认，拜访人：${visitedBy.name}。`,
      `从现在起计入${agentName} ${formatMonthWithYear(month)}的工资：${grade} 类客户 +${bonus}（H-4、H-8）。`,
    ].join('\n')));
    if (agent) {
      const notice = `你 ${formatDate(record.workDate, today)} 的客户 C${record.id} ${record.company}（${grade} 类）已由${visitedBy.name}确认，计入 ${formatMonthWithYear(month)}工资 +${bonus}（H-4）。`;
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: agent.id }, body: { kind: 'text', text: notice } });
    }
    if (turn.event.type === 'card-action') turn.respond({ toast: { kind: 'success', text: `已确认 C${record.id}` }, ...(update?.kind === 'update' ? { card: update.card } : {}) });
  }

  return [
    {
      name: '待确认',
      aliases: ['leads', '待拜访'],
      roles: ['salesperson', 'supervisor'],
      summary: '本组还没确认的 A/B 类客户，最早的在前，每个带「确认」按钮（H-4）',
      examples: ['待确认'],
      async run(turn) {
        const { leads, total } = await pendingLeads(ctx, turn.actor);
        if (!total) return turn.reply(textReply('本组没有待确认的 A/B 类客户。'));
        const more = total > leads.length ? `，先列出最早的 ${leads.length} 个；确认后再发「待确认」看后面的` : '';
        turn.reply(textReply(`本组待确认的 A/B 类客户共 ${total} 个（最早的在前${more}）。拜访、档案完整、签字后点「确认」，或发送「${QUALIFY_EXAMPLE}」。`));
        const today = todayOf(ctx, turn);
        for (const lead of leads) turn.reply(cardReply(await leadCardFor(ctx, turn.actor, lead, today), leadCardKey(lead.id)));
      },
    },
    {
      name: '确认',
      aliases: ['qualify'],
      roles: ['salesperson', 'supervisor', 'admin'],
      summary: '确认 A/B 类客户已拜访、档案完整、已签字（H-4），三项都写明才能确认，确认后才计工资',
      examples: [QUALIFY_EXAMPLE, QUALIFY_FOR_EXAMPLE],
      async run(turn, rest) {
        const example = turn.actor.role === 'salesperson' ? QUALIFY_EXAMPLE : QUALIFY_FOR_EXAMPLE;
        const id = takeLeadingId(rest, 'C');
        if (!id.ok) throw parseRefusal(id.error, example, 'lead.parse');
        const { visitor, note } = await visitorAndNote(turn, id.value.rest);
        await qualify(turn, id.value.id, visitor, note);
      },
      actions: {
        async [QUALIFY_ACTION_ID](turn, event) {
          const { values, form } = readCard(event, QUALIFY_CARD);
          // A platform whose cards take no inputs (a WeCom button card) sends the click alone: say what to type.
          if (!CHECK_FIELDS.some((f) => Object.hasOwn(form, f.name))) {
            const typed = turn.actor.role === 'salesperson' ? `确认 C${values.id} 已拜访 档案完整 已签字` : `确认 C${values.id} @业务员 已拜访 档案完整 已签字`;
            throw new UserError('这里的卡片不能勾选。请在拜访、档案完整、签字三项都做到后，发送下面这条消息确认（H-4）。', typed, 'lead.form-missing');
          }
          const ticked = CHECK_FIELDS.filter((f) => form[f.name] === '是').map((f) => f.check);
          const chosen = form[VISITOR_INPUT] ? cardId.safeParse(form[VISITOR_INPUT]) : null;
          if (chosen && !chosen.success) throw new UserError('「拜访业务员」选得不对，没有处理。', QUALIFY_FOR_EXAMPLE, 'card.input');
          const visitor = chosen ? await employeeById(ctx, chosen.data) : null;
          if (chosen && !visitor) throw new UserError('没有这位业务员，没有处理。', QUALIFY_FOR_EXAMPLE, 'card.input');
          await qualify(turn, values.id, visitor, ticked.join(' '));
        },
      },
    },
  ];
}
