import type { UserError } from './errors';

/** The reply to an account no employee is bound to (COMMANDS.md). */
export const UNKNOWN_USER_TEXT = '你好！你的账号还没有登记为公司员工，请联系管理员把你加入组织后再使用。';

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
