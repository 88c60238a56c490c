import type { CommandSpec } from '../core/command-spec';
import type { MessageEvent } from '../core/incoming-event';
import type { NeutralCard } from '../core/neutral-card';
import { textReply, type ReplyIntent } from '../core/reply-intent';
import { ROLE_NAMES } from '../core/role-names';
import { formatZonedDateTime } from '../domain/date-format';
import { zonedMinute } from '../domain/dates';
import { ROLES } from '../domain/roles';
import { requestRecipients } from '../services/approvals';
import { BINDING_EXAMPLE, bindingView, decideBinding, PLATFORM_NAMES, requestBinding } from '../services/org';
import type { ServiceContext } from '../services/service-context';
import { decidedFooter, settled } from './request-cards';
import { decisionButtons, type RequestKind } from './request-kinds';
import { todayOf } from './score-commands';
import { welcomeText } from './welcome-text';

/** The logical key of a 绑定's approval cards. */
export const bindingCardKey = (id: number): string => `binding:${id}`;

/** The account in words: 飞书 张小明（ou_x）, or the id alone when the platform gave no name. */
function accountText(r: { platform: string; externalId: string; displayName: string | null }): string {
  const where = PLATFORM_NAMES[r.platform as keyof typeof PLATFORM_NAMES] ?? r.platform;
  return r.displayName ? `${where} ${r.displayName}（${r.externalId}）` : `${where} ${r.externalId}`;
}

/** 绑定 (U) as a request kind of 同意 / 驳回 / 审批: the admins decide; the asking account is told. */
export function bindingKind(all: () => CommandSpec[]): RequestKind {
  return {
    letter: 'U',
    noun: '绑定',
    cardKey: bindingCardKey,
    async card(ctx, today, id) {
      const v = await bindingView(ctx, id);
      if (!v) return null;
      const r = v.request;
      const card: NeutralCard = {
        title: `账号绑定审批 U${r.id}`,
        tone: 'info',
        fields: [
          { label: '申请账号', value: accountText(r) },
          { label: '要绑定的员工', value: `${v.employee.name}（${v.employee.no}，${ROLE_NAMES[v.employee.role]}）` },
          { label: '提交时间', value: formatZonedDateTime(r.requestedAt, ctx.policy.timezone, today) },
        ],
        buttons: decisionButtons('U', r.id, '如：不是本人账号'),
      };
      return r.status === 'pending' ? card : settled(card, r.status, decidedFooter(r, v.decider?.name, ctx.policy.timezone, today));
    },
    async decide(ctx, turn, id, approve, note) {
      const d = await decideBinding(ctx, { actor: turn.actor, requestId: id, approve, note, at: turn.at });
      const r = d.request;
      const what = `${accountText(r)} → ${d.employee.name}（${d.employee.no}）`;
      const tell = { kind: 'account' as const, platform: r.platform as MessageEvent['platform'], externalId: r.externalId };
      if (!approve) return { requester: d.employee, what, tell, requesterLines: ['如有疑问请联系管理员。'] };
      const started = d.employee.startDate === null || d.employee.startDate <= todayOf(ctx, turn);
      const extra: ReplyIntent[] = started ? [{ kind: 'send', to: tell, body: { kind: 'text', text: welcomeText(all(), d.employee) } }] : [];
      return { requester: d.employee, what, tell, requesterLines: ['现在可以使用了，发“帮助”查看你能用的命令。'], extra };
    },
  };
}

/** 绑定 from an unknown account: files the U-request and sends its card to the admins. */
export async function strangerBinding(ctx: ServiceContext, kind: RequestKind, event: MessageEvent, rest: string, now: Date): Promise<ReplyIntent[]> {
  const { request, employee } = await requestBinding(ctx, { platform: event.platform, externalId: event.senderId, displayName: event.senderName, no: rest, at: event.sentAt });
  const today = zonedMinute(now > event.sentAt ? now : event.sentAt, ctx.policy.timezone).date;
  const card = (await kind.card(ctx, today, request.id)) as NeutralCard;
  const admins = await requestRecipients(ctx, employee, { letter: 'U' }, today);
  const replies: ReplyIntent[] = admins.map((a) => ({ kind: 'send', to: { kind: 'employee', employeeId: a.id }, body: { kind: 'card', card }, cardKey: bindingCardKey(request.id) }));
  const who = admins.length ? '管理员' : '管理员（目前没有管理员，请联系公司）';
  replies.push(textReply(`已提交绑定申请 U${request.id}：把你的账号绑定为 ${employee.name}（${employee.no}），等待${who}审批，结果会通知你。`));
  return replies;
}

/** 绑定 from an account already bound: nothing to do. */
export function bindingCommands(): CommandSpec[] {
  return [
    {
      name: '绑定',
      aliases: ['bind'],
      roles: ROLES,
      summary: '新账号申请绑定工号（管理员审批）',
      unlisted: true,
      examples: [BINDING_EXAMPLE],
      async run(turn) {
        turn.reply(textReply(`你的账号已绑定为 ${turn.actor.name}（${turn.actor.no}），无需再绑定。发“帮助”查看你能用的命令。`));
      },
    },
  ];
}
