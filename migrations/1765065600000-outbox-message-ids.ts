import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Outbox rows keep every message id a send made (a card to several recipients is several
 * messages), so an update reaches each copy and not only the first.
 */
export class OutboxMessageIds1765065600000 implements MigrationInterface {
  name = 'OutboxMessageIds1765065600000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    // Why mediumtext on MySQL: a thousand ids overflow TEXT's 64 KB.
    await q.addColumn('outbox', new TableColumn({ name: 'message_ids', type: mysql ? 'mediumtext' : 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('outbox', 'message_ids');
  }
}
