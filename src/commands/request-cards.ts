import type { NeutralCard } from '../core/neutral-card';
import { formatZonedDateTime } from '../domain/date-format';
import type { PunchView } from '../services/approvals';
import { correctionKindName } from '../services/corrections';
import { entryName, pointsAndFine, ruleText } from './score-cards';

/** What the 补卡 and 申诉 cards and notices share. */

const VERDICT: Record<string, string> = { approved: '批准', rejected: '驳回', cancelled: '撤回' };

/** The closing line of a decided request: 已由王强于 12月3日 10:05 批准：原因. */
export function decidedFooter(r: { status: string; decidedAt: Date | null; updatedAt: Date; decisionNote: string | null }, deciderName: string | undefined, timeZone: string, today: string): string {
  const by = r.status === 'cancelled' ? '申请人' : deciderName ?? '审批人';
  const note = r.decisionNote ? `：${r.decisionNote}` : '';
  return `已由${by}于 ${formatZonedDateTime(r.decidedAt ?? r.updatedAt, timeZone, today)} ${VERDICT[r.status] ?? r.status}${note}`;
}

/** A card settled by its decision: the footer instead of the buttons. */
export function settled(card: NeutralCard, status: string, footer: string): NeutralCard {
  return { ...card, tone: status === 'approved' ? 'success' : 'warning', buttons: undefined, footer };
}

/** A day's punches in a line: 上班 09:12、下班 18:05（补卡 B3）; 无 when there is none. */
export function punchesText(punches: PunchView[]): string {
  if (!punches.length) return '无';
  return punches.map((p) => `${correctionKindName(p.kind)} ${p.time}${p.correctionId ? `（补卡 B${p.correctionId}）` : ''}`).join('、');
}

/** A ledger entry in a few words: 迟到（H-11）−2 分，罚款 10 元（P12）. */
export function entryText(e: { id: number; code: string; reason: string | null; rule: string; points: number; fineFen: number }): string {
  return `${entryName(e.code, e.reason)}${ruleText(e.rule)} ${pointsAndFine(e.points, e.fineFen)}（P${e.id}）`;
}

/** What a re-judging changed, for the person: entries reversed and added, and the points and fine back. */
export function changeLines(reversed: Array<Parameters<typeof entryText>[0]>, added: Array<Parameters<typeof entryText>[0]>): string[] {
  if (!reversed.length && !added.length) return ['当天的积分和罚款没有变化。'];
  const lines = [...reversed.map((e) => `已撤销：${entryText(e)}`), ...added.map((e) => `新增：${entryText(e)}`)];
  const points = added.reduce((s, e) => s + e.points, 0) - reversed.reduce((s, e) => s + e.points, 0);
  const fine = reversed.reduce((s, e) => s + e.fineFen, 0) - added.reduce((s, e) => s + e.fineFen, 0);
  lines.push(`合计：${pointsAndFine(points, -fine)}。`);
  return lines;
}
