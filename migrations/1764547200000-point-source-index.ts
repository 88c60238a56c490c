import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Re-judging reads a fact's entries by (source_type, source_id): the live key starts with code, so it could not serve that. */
export class PointSourceIndex1764547200000 implements MigrationInterface {
  name = 'PointSourceIndex1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('point_entries', new TableIndex({ name: 'ix_point_source', columnNames: ['source_type', 'source_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('point_entries', 'ix_point_source');
  }
}
