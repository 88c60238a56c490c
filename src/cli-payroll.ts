import { UserError } from './core/errors';
import { writePrivateFile } from './db/private-files';
import { payrollCsv, payrollRows, payrollXlsx } from './services/payroll';
import type { ServiceContext } from './services/service-context';

/** Where the payroll command writes: the CSV to `write` (stdout), messages to `err`. */
interface PayrollIo {
  write: (data: string) => void;
  err: (text: string) => void;
}

/**
 * `bot payroll export --month YYYY-MM [--format csv|xlsx] [--out FILE] [--draft]`: the stored
 * pay slips of a closed month as docs/architecture.md's CSV (stdout without --out) or xlsx (needs --out).
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
  if (!opts.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) return usage('--month YYYY-MM is required');
  if (format !== 'csv' && format !== 'xlsx') return usage('--format must be csv or xlsx');
  if (format === 'xlsx' && !opts.out) return usage('xlsx needs --out FILE');
  try {
    const { rows, draft } = await payrollRows(ctx, opts.month, { draft: opts.draft, now: opts.now, actor: 'cli' });
    const data = format === 'csv' ? payrollCsv(rows) : await payrollXlsx(rows, opts.month);
    if (opts.out) {
      writePrivateFile(opts.out, data);
      io.err(`${opts.out}: ${rows.length} rows${draft ? ' (DRAFT: the month is not closed)' : ''}`);
    } else {
      io.write(data as string);
      if (draft) io.err('DRAFT: the month is not closed; the figures may still change.');
    }
    return 0;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.err(e.message);
    return 1;
  }
}
