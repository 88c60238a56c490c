import type { FileRef } from '../../core/reply-intent';
import { UserError } from '../../core/errors';
import { insertChatFile } from '../../db/stores/chat-file-store';
import { inTransaction } from '../../db/transaction';
import { formatMonthWithYear } from '../../domain/date-format';
import type { ServiceContext } from '../service-context';
import { isMonthClosed } from './month-close-service';
import { payrollCsv, payrollRows } from './payroll-export';
import { closeSummaryFlags } from './payroll-flags';
import { payrollXlsxWithSummary } from './payroll-xlsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv';

/** A month's payroll as two stored files, ready to send, and what they hold. */
export interface PayrollFiles {
  xlsx: FileRef;
  csv: FileRef;
  rows: number;
  /** The sum of the slips' totals, in fen. */
  totalFen: number;
  /** Rows per flag of the close summary (合计为负 …). */
  flagged: Record<string, number>;
}

/**
 * The payroll of a closed `month` for the chat (`导出`): the xlsx (Chinese column names, totals
 * row, flags) and the contract CSV, byte for byte what `bot payroll export --month` writes,
 * stored in chat_files so the outbox can send them after the turn commits. A month not closed
 * is refused with what to do. Read in the caller's transaction; the export is audited (H-20)
 * under the admin's id.
 */
export async function payrollFilesForChat(ctx: ServiceContext, month: string, opts: { now: Date; actorId: number }): Promise<PayrollFiles> {
  return inTransaction(ctx.ds, async (tx) => {
    if (!(await isMonthClosed(tx, month))) {
      const m = Number(month.slice(5, 7));
      throw new UserError(`${formatMonthWithYear(month)}还没有结算，不能导出工资表。请先发送「结算 ${m}月」结算该月，再发送「导出 ${m}月」。`, undefined, 'export.not-closed');
    }
    const { rows } = await payrollRows(ctx, month, { now: opts.now, actor: 'chat', actorId: opts.actorId });
    const { content: xlsx, summary } = await payrollXlsxWithSummary(rows, month, { flags: await closeSummaryFlags(ctx, month) });
    const csv = Buffer.from(payrollCsv(rows), 'utf8');
    const store = async (name: string, mediaType: string, content: Buffer): Promise<FileRef> => {
      const id = await insertChatFile(tx, { fileName: name, mediaType, size: content.length, content, employeeId: opts.actorId, createdAt: opts.now });
      return { id, name, mediaType, size: content.length };
    };
    return {
      xlsx: await store(`工资表-${month}.xlsx`, XLSX_TYPE, xlsx),
      csv: await store(`payroll-${month}.csv`, CSV_TYPE, csv),
      rows: rows.length,
      totalFen: rows.reduce((sum, r) => sum + Math.round(Number(r.total) * 100), 0),
      flagged: summary.flagged,
    };
  });
}
