/**
 * The month-end benchmark's database: a fresh one per run (MariaDB: the database of the URL
 * dropped and recreated; SQLite: a file in a new temporary folder), migrated; and the CPU time
 * the local MariaDB server has used, read from /proc, so a step's figures show the server's
 * share of the work beside the client's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { freshBenchDatabase } from './feishu-bench-db';

/** A fresh, migrated database of `kind`; MariaDB at `mysqlUrl`, SQLite in a new temporary folder. */
export async function freshMonthEndDatabase(kind: 'mysql' | 'sqlite', mysqlUrl: string): Promise<{ ds: DataSource; url: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'month-end-bench-'));
  if (kind === 'mysql') return { ds: await freshBenchDatabase(mysqlUrl), url: mysqlUrl, dir };
  const url = `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const ds = createDataSource(url);
  await ds.initialize();
  await ds.runMigrations();
  return { ds, url, dir };
}

let mysqldPid: number | null | undefined;

/** User + system CPU milliseconds of the local MariaDB/MySQL server, or null when there is none to read. */
export function mysqldCpuMs(): number | null {
  if (mysqldPid === undefined) {
    mysqldPid = null;
    for (const name of ['mariadbd', 'mysqld']) {
      try {
        mysqldPid = Number(execFileSync('pgrep', ['-x', '-o', name], { encoding: 'utf8' }).trim()) || null;
      } catch {
        // not running under this name
      }
      if (mysqldPid) break;
    }
  }
  if (!mysqldPid) return null;
  try {
    const stat = readFileSync(`/proc/${mysqldPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
