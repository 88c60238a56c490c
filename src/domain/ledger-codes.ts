/** The ledger's codes in the users' words: the chat's texts and the console's ledger share them. */

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
