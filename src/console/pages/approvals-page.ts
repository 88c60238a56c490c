import { formatZonedDateTime } from '../../domain/date-format';
import { formatMinute } from '../../domain/dates';
import { codeName } from '../../domain/ledger-codes';
import { approvalList, type ApprovalItem } from '../../services/console';
import { describeSpan, kindName } from '../../services/leave';
import { PLATFORM_NAMES } from '../../services/org';
import { employeeById } from '../../services/people';
import { ConsoleError, type ConsoleDeps, type ConsolePageSpec, type Viewer } from '../console-page';
import { html, type SafeHtml } from '../html';
import { emptyState, todayOf, yuan } from './page-kit';

/** The 审批 page (docs/console.md, "Pages"): the pending requests the viewer decides, with the cards' facts. */

const STEP_NAMES: Record<string, string> = { decider: '再次提醒审批人', escalate: '升级提醒', eve: '请假前一晚提醒' };
const KIND_NAMES = { L: '请假', B: '补卡', S: '申诉', U: '绑定' } as const;

type Fact = [string, SafeHtml | string | number];

function facts(item: ApprovalItem, today: string): Fact[] {
  if (item.letter === 'L') {
    const r = item.leave.request;
    return [
      ['类型', kindName(r.kind)], ['时间', describeSpan(r, today)], ['原因', r.reason],
      ['本月', `积分 ${item.month.score}，已批准请假 ${item.month.approvedDays} 天`], ['病假条', r.kind === 'sick' ? (r.attachmentId ? '已上传' : '未上传') : '—'],
    ];
  }
  if (item.letter === 'B') {
    const { request: r, punches, approvedThisMonth } = item.correction;
    return [
      ['日期', r.workDate], ['补', `${r.kind === 'in' ? '上班' : '下班'}卡 ${formatMinute(r.minute)}`], ['原因', r.reason],
      ['当天打卡', punches.length ? punches.map((p) => `${p.kind === 'in' ? '上班' : '下班'} ${p.time}${p.correctionId ? `（补卡 B${p.correctionId}）` : ''}`).join('，') : '没有打卡'],
      ['本月已批准补卡', `${approvedThisMonth} 次`],
    ];
  }
  if (item.letter === 'S') {
    const { appeal, entry, maker, punches, checkin } = item.appeal;
    const out: Fact[] = [
      ['申诉的记录', `P${entry.id} ${entry.workDate} ${entry.rule} ${codeName(entry.code)}：${entry.points > 0 ? '+' : ''}${entry.points} 分，罚款 ${yuan(entry.fineFen)} 元`],
      ['记录依据', entry.reason ?? '—'], ['记录人', maker ? maker.name : '系统（自动判定）'], ['申诉理由', appeal.reason],
    ];
    if (punches) out.push(['当天打卡', punches.length ? punches.map((p) => `${p.kind === 'in' ? '上班' : '下班'} ${p.time}`).join('，') : '没有打卡']);
    if (entry.sourceType === 'day') out.push(['例会签到', checkin ?? '没有签到']);
    return out;
  }
  const b = item.binding;
  return [['账号', `${(PLATFORM_NAMES as Record<string, string>)[b.platform] ?? b.platform} ${b.displayName ?? ''}（${b.externalId}）`], ['要绑定的员工', `${item.requester.name}（${item.requester.no}）`]];
}

function reminders(item: ApprovalItem, deps: ConsoleDeps, today: string): SafeHtml {
  const deciders = html`<p>审批人：${item.deciders.length ? item.deciders.join('、') : '管理员'}</p>`;
  if (!item.reminders.length) return html`${deciders}<p>催办：还没有提醒过。</p>`;
  const tz = deps.ctx.policy.timezone;
  const to = (step: string) => (step === 'decider' && item.deciders.length ? `（${item.deciders.join('、')}）` : step === 'decider' ? '' : '（管理员）');
  return html`${deciders}<p>催办：</p><ul>${item.reminders.map((r) => html`<li>${STEP_NAMES[r.step] ?? r.step}${to(r.step)}：${formatZonedDateTime(r.sentAt, tz, today)}，发给 ${r.recipients} 人</li>`)}</ul>`;
}

function card(item: ApprovalItem, deps: ConsoleDeps, today: string): SafeHtml {
  const key = `${item.letter}${item.pending.id}`;
  const who = `${item.requester.name}（${item.requester.no}）`;
  const asked = formatZonedDateTime(item.pending.requestedAt, deps.ctx.policy.timezone, today);
  return html`<article class="request" aria-labelledby="req-${key}">
<h2 id="req-${key}">${KIND_NAMES[item.letter]} ${key} · ${who}</h2>
<p><small>${asked} 提交</small></p>
<dl>${facts(item, today).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${reminders(item, deps, today)}
<div class="decide"><button type="button" data-command="同意 ${key}">同意 ${key}</button>
<form data-command-prefix="驳回 ${key}" data-empty="请先填写驳回原因。"><label>驳回原因 <input type="text" name="text" required maxlength="200" autocomplete="off"></label> <button type="submit">驳回 ${key}</button></form></div>
</article>`;
}

async function render(deps: ConsoleDeps, viewer: Viewer) {
  const me = await employeeById(deps.ctx, viewer.employeeId);
  if (!me) throw new ConsoleError(403, '你的账号已不在员工名单中。请联系管理员。');
  const today = todayOf(deps);
  const { items, total } = await approvalList(deps.ctx, me, today);
  const intro = viewer.role === 'admin' ? '全公司待你审批的请假（L）、补卡（B）、申诉（S）和账号绑定（U），最早的在前。' : '你团队待你审批的请假（L）、补卡（B）和申诉（S），最早的在前。';
  const body = items.length
    ? html`<p>${intro}在这里同意或驳回，和在聊天里点卡片按钮一样，聊天里的卡片也会随之更新。</p>${total > items.length ? html`<p class="flag">共 ${total} 条，这里先列出最早的 ${items.length} 条；处理后刷新可看到后面的。</p>` : ''}${items.map((i) => card(i, deps, today))}`
    : emptyState('没有待审批的申请', '有人提交请假、补卡、申诉或绑定账号时，会出现在这里，聊天里也会收到审批卡片。');
  return { title: `审批（${total}）`, body };
}

/** 审批: pending L/B/S/U requests with 同意 and 驳回. */
export const approvalsPage: ConsolePageSpec = { path: '/admin/approvals', nav: '审批', render };
