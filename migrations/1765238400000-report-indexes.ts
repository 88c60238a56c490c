import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * A month's valid calls and qualified leads read from the index alone, in tight ranges (issue
 * 15; a forced re-close at 10,000 employees on MariaDB spent most of its database CPU here):
 * - leads: (agent_id, qualified_at, complete, grade) replaces (agent_id, qualified_at), so a
 *   chunk's qualified records are no longer each read from the table;
 * - valid calls: (agent_id, complete, work_date) replaces (agent_id, work_date, complete), so
 *   each agent's range holds only complete records of the dates asked for (about a quarter
 *   less CPU to count them than with `complete` checked on every record of the month).
 */
export class ReportIndexes1765238400000 implements MigrationInterface {
  name = 'ReportIndexes1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_leads', columnNames: ['agent_id', 'qualified_at', 'complete', 'grade'] }));
    await q.dropIndex('customer_records', 'ix_record_agent_qualified');
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_valid_calls', columnNames: ['agent_id', 'complete', 'work_date'] }));
    await q.dropIndex('customer_records', 'ix_record_calls');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_calls', columnNames: ['agent_id', 'work_date', 'complete'] }));
    await q.dropIndex('customer_records', 'ix_record_valid_calls');
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_agent_qualified', columnNames: ['agent_id', 'qualified_at'] }));
    await q.dropIndex('customer_records', 'ix_record_leads');
  }
}
