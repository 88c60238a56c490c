import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../../src/db/data-source';
import { writePrivateStream } from '../../../src/db/private-files';

const mode = (file: string): number => statSync(file).mode & 0o777;

/** The SQLite database and payroll files hold pay and customer data: owner-only (H-20). */
describe('files the bot creates are readable by their owner only', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'private-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a new SQLite database: its folder 0700, the file and its WAL 0600', async () => {
    const file = path.join(dir, 'data', 'bot.sqlite');
    const ds = createDataSource(`sqlite:${file}`);
    await ds.initialize();
    try {
      await ds.runMigrations();
      expect(mode(path.dirname(file))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await ds.destroy();
    }
  });

  test('an existing database readable by others is narrowed to 0600; an existing folder is left alone', async () => {
    const file = path.join(dir, 'bot.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    chmodSync(dir, 0o755);
    const ds = createDataSource(`sqlite:${file}`);
    await ds.initialize();
    await ds.destroy();
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
  });

  test('a payroll file is written 0600, also over an existing 0644 file; a failed one leaves no file', async () => {
    const file = path.join(dir, 'payroll.csv');
    await writePrivateStream(file, async (out) => {
      out.write('a');
    });
    expect(mode(file)).toBe(0o600);
    chmodSync(file, 0o644);
    await writePrivateStream(file, async (out) => {
      out.end('b');
    });
    expect([mode(file), readFileSync(file, 'utf8')]).toEqual([0o600, 'b']);
    const failed = await writePrivateStream(path.join(dir, 'half.csv'), async (out) => {
      out.write('half of it');
      throw new Error('the database went away');
    }).then(() => null, (e: Error) => e.message);
    expect(failed).toBe('the database went away');
    expect(readdirSync(dir)).toEqual(['payroll.csv']);
  });
});
