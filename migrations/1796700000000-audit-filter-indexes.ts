import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The console's 审计 page filters the audit log by person and by action, newest first, and lists
 * the actions there are: without these the log was read whole for each (docs/console.md).
 */
export class AuditFilterIndexes1796700000000 implements MigrationInterface {
  name = 'AuditFilterIndexes1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_actor_at', columnNames: ['actor_id', 'at'] }));
    await q.createIndex('audit_log', new TableIndex({ name: 'ix_audit_action_at', columnNames: ['action', 'at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('audit_log', 'ix_audit_action_at');
    await q.dropIndex('audit_log', 'ix_audit_actor_at');
  }
}
