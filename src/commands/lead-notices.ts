import type { TurnContext } from '../core/turn-context';
import { formatDate } from '../domain/date-format';
import { duplicateLeads, leadView, leadVisitors, maskNumber, type AddRecordsResult, type DuplicateLead } from '../services/reports';
import type { ServiceContext } from '../services/service-context';
import { leadCardKey } from './lead-cards';
import { leadCardFor } from './lead-queue-commands';
import { todayOf } from './score-commands';

/** The possible-duplicate notice: both records and agents named, the phone masked (the supervisor decides, H-20). */
function duplicateText(d: DuplicateLead, agentName: string, today: string): string {
  const r = d.record;
  const others = d.others.map((o) => `C${o.record.id} ${o.record.company}（${o.agent.name} ${formatDate(o.record.workDate, today)} 记录，${o.record.grade} 类）`);
  return [
    `可能重复的客户：电话 ${maskNumber(r.phone ?? '')} 由不同销售员记录。`,
    `新记录：C${r.id} ${r.company}（${agentName} ${formatDate(r.workDate, today)} 记录，${r.grade} 类）`,
    `之前的记录：${others.join('；')}`,
    '请核实是否为同一客户、该算谁的；系统没有删除或合并任何记录。',
  ].join('\n');
}

/**
 * After a 客户 message: each new A/B lead goes as a card to the team's salespeople (they must
 * visit it, H-4; they see the phone, H-20), or one line pointing to 待确认 when the message made
 * more than customerRecord.pendingListMax of them, and a lead whose phone another agent recorded within
 * the policy's window is told to the supervisors as a possible duplicate (nothing is dropped).
 */
export async function leadNotices(ctx: ServiceContext, turn: TurnContext, result: AddRecordsResult): Promise<void> {
  const today = todayOf(ctx, turn);
  const fresh = result.records.filter((r) => r.newLead);
  if (!fresh.length) return;
  const visitors = await leadVisitors(ctx, turn.actor, today);
  // A long paste sends one line instead of a card per lead: 待确认 lists them, oldest first.
  const bound = ctx.policy.customerRecord.pendingListMax;
  const cards = fresh.length <= bound ? fresh : [];
  if (!cards.length) {
    const text = `${turn.actor.name}新记录了 ${fresh.length} 个 A/B 类客户（${fresh.map((o) => `C${o.id}`).slice(0, bound).join('、')}…），请发送「待确认」查看并安排拜访（H-4）。`;
    for (const visitor of visitors) turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: visitor.id }, body: { kind: 'text', text } });
  }
  for (const outcome of cards) {
    for (const visitor of visitors) {
      const lead = await leadView(ctx, visitor, outcome.id);
      if (!lead) continue;
      const card = await leadCardFor(ctx, visitor, lead, today);
      turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: visitor.id }, body: { kind: 'card', card }, cardKey: leadCardKey(outcome.id) });
    }
  }
  for (const d of await duplicateLeads(ctx, turn.actor, fresh, result.workDate)) {
    const text = duplicateText(d, turn.actor.name, today);
    for (const to of d.tellTo) turn.reply({ kind: 'send', to: { kind: 'employee', employeeId: to.id }, body: { kind: 'text', text } });
  }
}
