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

/** What each automatic ledger code is called (H-11, H-12, H-13). */
export const CODE_NAMES: Record<string, string> = {
  late: '迟到',
  'late-half': '迟到过久（按半天旷工）',
  early: '早退',
  'early-half': '早退过久（按半天旷工）',
  'missing-in': '缺上班打卡',
  'missing-out': '缺下班打卡',
  'absent-half': '半天旷工',
  'half-capped': '半天内多次违规（按半天封顶）',
  'absent-day': '旷工一天',
  'meeting-late': '例会迟到',
  'meeting-absent': '例会缺席',
  'summary-missing': '周报未交',
  deduct: '扣分',
  award: '加分',
};

/** A ledger code in the users' words ('misconduct:值日' → 值日). */
export function codeName(code: string): string {
  return CODE_NAMES[code] ?? code.replace(/^misconduct:/, '');
}

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
