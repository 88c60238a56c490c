import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The day digest (issue 16): after a day's close each person is told their new ledger entries
 * of that day once. `told_entries` holds one row per entry (or reversal) already told, keyed
 * by the entry's id, so a re-run tells only what is new (a short update) and never the whole
 * list again. The ledger stays append-only: delivery state does not belong in it. The digest
 * reads a day's entries of everyone in one statement, by `point_entries.work_date`.
 */
export class ToldEntries1765300000000 implements MigrationInterface {
  name = 'ToldEntries1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'told_entries',
        columns: [
          { name: 'entry_id', type: 'integer', isPrimary: true },
          { name: 'employee_id', type: 'integer', isNullable: false },
          { name: 'work_date', type: 'varchar', length: '10', isNullable: false },
          { name: 'told_at', type: 'datetime', precision: 3, isNullable: false },
        ],
      }),
    );
    if (q.connection.options.type === 'mysql') await q.query('ALTER TABLE `told_entries` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
    await q.createIndex('point_entries', new TableIndex({ name: 'ix_point_work_date', columnNames: ['work_date'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('point_entries', 'ix_point_work_date');
    await q.dropTable('told_entries');
  }
}
