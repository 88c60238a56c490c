import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The holiday calendar entered in chat (`节假日`): days off, workdays, clears and year confirmations, append-only. */
export class CalendarEntries1764806400000 implements MigrationInterface {
  name = 'CalendarEntries1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_entries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'year', type: 'integer', isNullable: false },
          { name: 'date', type: 'varchar', length: '10', isNullable: true },
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'name', type: 'varchar', length: '64', isNullable: true },
          { name: 'recorded_by', type: 'integer', isNullable: false },
          { name: 'recorded_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ix_calendar_year', columnNames: ['year'] })],
      }),
    );
    // utf8mb4 for the Chinese names, binary collation so keys compare exactly as on SQLite.
    if (q.connection.options.type === 'mysql') await q.query('ALTER TABLE `calendar_entries` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_entries');
  }
}
