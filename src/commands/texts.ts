import { UserError } from '../core/errors';
import { formatYuan } from '../domain/money';

/** Points with their sign: −2, +5, 0. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0';
}

/** A fine for people: '罚款 10 元', '' when there is none. */
export function fineText(fineFen: number): string {
  if (fineFen === 0) return '';
  return fineFen > 0 ? `罚款 ${yuan(fineFen)} 元` : `退还罚款 ${yuan(-fineFen)} 元`;
}

/** Fen as yuan for people: 1000 → '10', 6897 → '68.97'. */
export function yuan(fen: number): string {
  const s = formatYuan(fen);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

export { CODE_NAMES, codeName } from '../domain/ledger-codes';

/** The reply to text that is no command. */
export const UNKNOWN_COMMAND = '没看懂这条消息。发送「帮助」查看你能用的命令和示例。';

/** The reply to a file sent with nothing to attach it to. */
export const FILE_WITHOUT_REQUEST = '收到文件，但你没有待补病假条的病假申请，所以没有保存。请先发送请假申请，例如：请假 病假 明天 全天 发烧';

/**
 * A grammar parser's refusal as a UserError: the parser's own trailing '，例：…' is dropped, since
 * the dispatcher shows `example` under the message anyway.
 */
export function parseRefusal(error: string, example: string, code: string): UserError {
  return new UserError(error.replace(/[，,]?\s*例[：:].*$/s, ''), example, code);
}
