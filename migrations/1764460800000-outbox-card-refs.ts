import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** Outbox rows remember the logical card they carry and the platform's message id once sent, so a card can be updated later. */
export class OutboxCardRefs1764460800000 implements MigrationInterface {
  name = 'OutboxCardRefs1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('outbox', [
      new TableColumn({ name: 'card_key', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'message_id', type: 'varchar', length: '191', isNullable: true }),
    ]);
    await q.createIndex('outbox', new TableIndex({ name: 'ix_outbox_card', columnNames: ['card_key'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('outbox', 'ix_outbox_card');
    await q.dropColumns('outbox', ['card_key', 'message_id']);
  }
}
