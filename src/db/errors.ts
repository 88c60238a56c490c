/**
 * True for a unique-key violation on either driver (SQLite's UNIQUE or PRIMARY KEY constraint,
 * MySQL's ER_DUP_ENTRY); a NOT NULL or CHECK failure is a bug, not a duplicate.
 */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code ?? '';
  return ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(code) || /UNIQUE constraint failed|Duplicate entry/.test(err.message ?? '');
}
