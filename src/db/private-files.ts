import { chmodSync, closeSync, createWriteStream, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Owner read/write only: the database and the payroll hold pay and customer data (H-20). */
const PRIVATE_FILE = 0o600;
/** Owner only, for a folder the bot creates for its database. */
const PRIVATE_DIR = 0o700;

/** Narrows `file` to owner-only access when group or others may read it. */
function restrict(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE);
}

/**
 * Prepares a SQLite database file before the driver opens it: its folder is created owner-only
 * (an existing folder is left as it is: it may be the project's own), the file is created 0600
 * (SQLite gives its -wal and -shm files the database file's mode), and an existing database or
 * WAL file readable by others is narrowed to 0600.
 */
export function preparePrivateDatabaseFile(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) restrict(f);
}


/**
 * Writes a file (a payroll export) readable by its owner only, as a stream that `fill` writes
 * (and may end): into a temporary file beside it, renamed over `file` once complete, so a
 * failure half-way (a refusal, a lost database) leaves no file and no half of one.
 */
export async function writePrivateStream(file: string, fill: (out: Writable) => Promise<void>): Promise<void> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  // Opened here, not by the stream later: a refusal before the first write leaves nothing open.
  const out = createWriteStream(partial, { fd: openSync(partial, 'w', PRIVATE_FILE) });
  try {
    await fill(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    renameSync(partial, file);
  } catch (e) {
    out.on('error', () => undefined);
    out.destroy();
    rmSync(partial, { force: true });
    throw e;
  }
}
