import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/**
 * Files the bot sends in chat (issue 17: `导出` sends the payroll as an xlsx and a CSV):
 * `chat_files` holds each file's bytes until the outbox has sent it, and for the web chat the
 * SHA-256 of its one download link's token and when that link expires (`GET /files/TOKEN`).
 */
export class ChatFiles1765770000000 implements MigrationInterface {
  name = 'ChatFiles1765770000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'chat_files',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'file_name', type: 'varchar', length: '255', isNullable: false },
          { name: 'media_type', type: 'varchar', length: '100', isNullable: false },
          { name: 'size', type: 'int', isNullable: false },
          // Why mediumblob: a BLOB holds 64 KB on MySQL; a payroll of 10,000 slips is about 1.5 MB.
          { name: 'content', type: mysql ? 'mediumblob' : 'blob', isNullable: false },
          { name: 'employee_id', type: 'int', isNullable: true },
          { name: 'link_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'link_expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_chat_file_link', columnNames: ['link_hash'] })],
        indices: [new TableIndex({ name: 'ix_chat_file_created', columnNames: ['created_at'] })],
      }),
    );
    // Binary collation so link hashes compare exactly as on SQLite.
    if (mysql) await q.query('ALTER TABLE `chat_files` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('chat_files');
  }
}
