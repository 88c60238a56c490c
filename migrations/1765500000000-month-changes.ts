import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Closed months that change (issue 16). `month_changes` holds each change that touched a month
 * already closed (a late approval, an appeal, a 撤销, a late 回款): whose pay slip, which month
 * and day, what happened and when. The slip shows 待重新结算 while a change is open; the next
 * close of the month (a re-close) resolves the changes made before it started.
 */
export class MonthChanges1765500000000 implements MigrationInterface {
  name = 'MonthChanges1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'month_changes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'employee_id', type: 'int', isNullable: false },
          { name: 'month', type: 'varchar', length: '7', isNullable: false },
          { name: 'work_date', type: 'varchar', length: '10', isNullable: false },
          { name: 'what', type: 'varchar', length: '500', isNullable: false },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'resolved_by', type: 'int', isNullable: true },
          { name: 'resolved_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_month_change_month', columnNames: ['month', 'resolved_at'] }),
          new TableIndex({ name: 'ix_month_change_employee', columnNames: ['employee_id', 'month'] }),
        ],
      }),
    );
    // Binary collation so keys compare exactly as on SQLite.
    if (mysql) await q.query('ALTER TABLE `month_changes` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('month_changes');
  }
}
