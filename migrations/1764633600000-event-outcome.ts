import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A claimed event remembers what became of it: handled, refused (the user's mistake), failed
 * (an error, rolled back) or over-budget (the turn ran out of time and was rolled back). A
 * platform retry of any of them is a duplicate; the column lets an operator list the failures.
 */
export class EventOutcome1764633600000 implements MigrationInterface {
  name = 'EventOutcome1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('processed_events', new TableColumn({ name: 'outcome', type: 'varchar', length: '16', isNullable: false, default: "'handled'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('processed_events', 'outcome');
  }
}
