import type { UserError } from './errors';
import type { IncomingEvent } from './incoming-event';
import { maskPhones } from './mask';

/** The reply to an account no employee is bound to (docs/commands.md). */
export const UNKNOWN_USER_TEXT = '你好！你的账号还没有登记为公司员工。如果你是公司员工，请发“绑定 工号”（例如：绑定 E023），管理员批准后即可使用；否则请联系管理员把你加入组织。';

/** The reply when something unexpected failed and nothing was stored. */
export const TRY_AGAIN_TEXT = '抱歉，刚才处理出错了，这条消息没有被记录。请稍后再发一次；如果一直不行，请联系管理员。';

/** A user error as a reply: the message, and one correct example when there is one. */
export function userErrorText(e: UserError): string {
  return e.example ? `${e.message}\n正确示例：${e.example}` : e.message;
}

/** The reply to a message longer than the policy allows (textLimits.message): nothing of it was read. */
export function messageTooLongText(max: number, count: number): string {
  return `这条消息太长：最多 ${max} 个字，你发了 ${count} 个字。请分成几条发送。`;
}

/** How many characters of a message an apology or an alert quotes. */
const QUOTE_CHARS = 20;

/** The first characters of a message, on one line, phones masked; a card click is named as such. */
export function quoteEvent(event: IncomingEvent): string {
  if (event.type !== 'message') return '一次按钮操作';
  const text = event.text.replace(/\s+/g, ' ').trim();
  if (!text) return '一条消息（图片或文件）';
  const chars = Array.from(text);
  const head = chars.slice(0, QUOTE_CHARS).join('');
  return `“${maskPhones(head)}${chars.length > QUOTE_CHARS ? '…' : ''}”`;
}

/** The reply to a message whose turn ran past its time budget and was undone (chat.turnBudgetSeconds). */
export function overBudgetText(event: IncomingEvent): string {
  return `抱歉，你发的${quoteEvent(event)}处理超时，已经撤销，没有记录任何内容。请稍后再发一次；如果一直不行，请联系管理员。`;
}

/** The admins' notice of a failed turn; sent once a day per kind, so it says that later ones are only logged. */
export function turnAlertText(kind: 'over-budget' | 'failed', event: IncomingEvent, budgetMs: number): string {
  const what = kind === 'over-budget' ? `处理超过 ${budgetMs / 1000} 秒，已撤销` : '处理出错，已撤销';
  return `提醒：一条消息${what}，并已告知发送人（${event.platform}，事件 ${event.dedupKey}，${quoteEvent(event)}）。今天再有同类情况只记日志、不再提醒；请查看日志中的这个事件号。`;
}
