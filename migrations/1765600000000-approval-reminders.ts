import { MigrationInterface, QueryRunner, Table, TableColumn, TableUnique } from 'typeorm';

/**
 * Reminders of pending requests (issue 16): `approval_reminders` records each step sent once per
 * request; job_runs.slot grows to 16 characters for the approval-reminder job's half-hour slots
 * ('2026-12-07T10:30').
 */
/**
 * Sets job_runs.slot's length. On MySQL a MODIFY keeps the rows and the unique key (TypeORM's
 * changeColumn drops and re-adds a column whose length changes); SQLite rebuilds the table.
 */
async function widenSlot(q: QueryRunner, length: number): Promise<void> {
  if (q.connection.options.type === 'mysql') {
    await q.query(`ALTER TABLE \`job_runs\` MODIFY \`slot\` varchar(${length}) NOT NULL`);
  } else {
    await q.changeColumn('job_runs', 'slot', new TableColumn({ name: 'slot', type: 'varchar', length: String(length), isNullable: false }));
  }
}

export class ApprovalReminders1765600000000 implements MigrationInterface {
  name = 'ApprovalReminders1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'approval_reminders',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'request_kind', type: 'varchar', length: '1', isNullable: false },
          { name: 'request_id', type: 'int', isNullable: false },
          { name: 'step', type: 'varchar', length: '16', isNullable: false },
          { name: 'sent_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'recipients', type: 'int', isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_approval_reminder', columnNames: ['request_kind', 'request_id', 'step'] })],
      }),
    );
    await widenSlot(q, 16);
    // Binary collation so keys compare exactly as on SQLite.
    if (q.connection.options.type === 'mysql') await q.query('ALTER TABLE `approval_reminders` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(q: QueryRunner): Promise<void> {
    await widenSlot(q, 10);
    await q.dropTable('approval_reminders');
  }
}
