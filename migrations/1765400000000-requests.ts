import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex, TableUnique } from 'typeorm';

// Issue 16: 补卡 (B requests), 申诉 (S requests) and 代理 (delegations). Self-contained like
// every landed migration: it shares no helper.

const id = (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const date = (name: string): TableColumnOptions => str(name, 10);
/** What every request has: status, when asked, who decided, when and why. */
const decision = (): TableColumnOptions[] => [
  str('status', 16), instant('requested_at'), int('decided_by', true), instant('decided_at', true), text('decision_note', true),
  instant('created_at'), instant('updated_at'),
];

/**
 * - `correction_requests`: a 补卡 for one punch (in or out) of one day at a stated minute;
 *   approved, it becomes a punch with `punches.source` 'correction' and `punches.correction_id`.
 * - `appeals`: a 申诉 of one ledger entry; `open_entry_id` holds the entry while the appeal is
 *   pending and null once decided, so a unique key allows one open appeal per entry (NULLs
 *   never collide on either database).
 * - `delegations`: a supervisor's 代理, dates inclusive; `cancelled_at` once ended by 代理 取消
 *   or replaced.
 */
export class Requests1765400000000 implements MigrationInterface {
  name = 'Requests1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const tables = [
      new Table({
        name: 'correction_requests',
        columns: [id(), int('employee_id'), date('work_date'), str('kind', 3), int('minute'), text('reason'), ...decision(), int('punch_id', true)],
        indices: [new TableIndex({ name: 'ix_correction_employee', columnNames: ['employee_id', 'work_date'] }), new TableIndex({ name: 'ix_correction_status', columnNames: ['status'] })],
      }),
      new Table({
        name: 'appeals',
        columns: [id(), int('employee_id'), int('entry_id'), int('open_entry_id', true), text('reason'), ...decision(), int('reversal_id', true)],
        uniques: [new TableUnique({ name: 'uq_appeal_open', columnNames: ['open_entry_id'] })],
        indices: [new TableIndex({ name: 'ix_appeal_entry', columnNames: ['entry_id'] }), new TableIndex({ name: 'ix_appeal_status', columnNames: ['status'] })],
      }),
      new Table({
        name: 'delegations',
        columns: [id(), int('supervisor_id'), int('delegate_id'), date('start_date'), date('end_date'), instant('created_at'), instant('cancelled_at', true)],
        indices: [new TableIndex({ name: 'ix_delegation_supervisor', columnNames: ['supervisor_id', 'end_date'] }), new TableIndex({ name: 'ix_delegation_delegate', columnNames: ['delegate_id', 'end_date'] })],
      }),
    ];
    for (const t of tables) {
      await q.createTable(t);
      // utf8mb4 for Chinese text, binary collation so keys compare exactly as on SQLite.
      if (mysql) await q.query(`ALTER TABLE \`${t.name}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    }
    await q.addColumn('punches', new TableColumn({ name: 'source', type: 'varchar', length: '16', isNullable: true }));
    await q.addColumn('punches', new TableColumn({ name: 'correction_id', type: 'integer', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('punches', 'correction_id');
    await q.dropColumn('punches', 'source');
    for (const name of ['delegations', 'appeals', 'correction_requests']) await q.dropTable(name);
  }
}
