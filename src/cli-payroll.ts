import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { UserError } from './core/errors';
import { writePrivateStream } from './db/private-files';
import { closeSummaryFlags, exportPayroll, openPayrollXlsx, payrollCsvHeader, payrollCsvLines, type PayrollSink, type PayrollXlsxWriter } from './services/payroll';
import type { ServiceContext } from './services/service-context';

/** Where the payroll command writes: the CSV to `write` (stdout), messages to `err`. */
interface PayrollIo {
  write: (data: string) => void;
  err: (text: string) => void;
}

/** Writes `text` to `out`, waiting while its buffer is full. */
async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** The CSV a page at a time through `write`; the BOM and header before the first page. */
function csvSink(write: (text: string) => Promise<void> | void): PayrollSink {
  let started = false;
  return async (rows) => {
    const head = started ? '' : payrollCsvHeader();
    started = true;
    await write(head + payrollCsvLines(rows));
  };
}

/**
 * `bot payroll export --month YYYY-MM [--format csv|xlsx] [--out FILE] [--draft]`: the stored
 * pay slips of a closed month as docs/architecture.md's CSV (stdout without --out) or xlsx (needs
 * --out), read and written a page at a time. A file appears only once complete, owner-only.
 */
export async function runPayrollExport(
  ctx: ServiceContext,
  opts: { month?: string; format?: string; out?: string; draft?: boolean; now: Date },
  io: PayrollIo,
): Promise<number> {
  const format = opts.format ?? 'csv';
  const usage = (msg: string) => {
    io.err(`bot: ${msg}\nUsage: bot payroll export --month YYYY-MM [--format csv|xlsx] [--out FILE] [--draft]`);
    return 2;
  };
  const month = opts.month;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return usage('--month YYYY-MM is required');
  if (format !== 'csv' && format !== 'xlsx') return usage('--format must be csv or xlsx');
  if (format === 'xlsx' && !opts.out) return usage('xlsx needs --out FILE');
  const args = { draft: opts.draft, now: opts.now, actor: 'cli' };
  try {
    if (!opts.out) {
      const sink = csvSink(io.write);
      const { rows, draft } = await exportPayroll(ctx, month, args, sink);
      if (!rows) await sink([]);
      if (draft) io.err('DRAFT: the month is not closed; the figures may still change.');
      return 0;
    }
    let result = { rows: 0, draft: false };
    await writePrivateStream(opts.out, async (out) => {
      if (format === 'csv') {
        const sink = csvSink((text) => put(out, text));
        result = await exportPayroll(ctx, month, args, sink);
        if (!result.rows) await sink([]);
        return;
      }
      // Opened at the first page: a refused export writes nothing.
      let xlsx: PayrollXlsxWriter | undefined;
      const open = async () => (xlsx ??= await openPayrollXlsx(out, month, { flags: await closeSummaryFlags(ctx, month) }));
      result = await exportPayroll(ctx, month, args, async (rows) => (await open()).write(rows));
      await (await open()).end();
    });
    io.err(`${opts.out}: ${result.rows} rows${result.draft ? ' (DRAFT: the month is not closed)' : ''}`);
    return 0;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.err(
      e.code === 'payroll.not-closed'
        ? `bot: ${month} is not closed, so it has no payroll yet: close it first (\`bot job run close-month --date ${month}-01\`, or 结算 in the chat), or add --draft for figures that may still change.`
        : `bot: refused: ${e.message}`,
    );
    return 1;
  }
}
