import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/**
 * The web console's sign-in (issue 18): `console_links` holds the one-time links `后台` sends
 * (the SHA-256 of each random token, its expiry, when it was used), `console_sessions` the
 * sessions they opened (the SHA-256 of the cookie's token, expiry, last seen, revocation).
 * Only hashes are stored, so a copy of the tables opens nothing; any replica serves them.
 */
export class ConsoleSessions1796400000000 implements MigrationInterface {
  name = 'ConsoleSessions1796400000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    const instant = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });
    await q.createTable(
      new Table({
        name: 'console_links',
        columns: [
          id,
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'employee_id', type: 'int', isNullable: false },
          instant('created_at'),
          instant('expires_at'),
          instant('used_at', true),
        ],
        uniques: [new TableUnique({ name: 'uq_console_link_hash', columnNames: ['token_hash'] })],
        indices: [new TableIndex({ name: 'ix_console_link_created', columnNames: ['created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'console_sessions',
        columns: [
          id,
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'employee_id', type: 'int', isNullable: false },
          { name: 'link_id', type: 'int', isNullable: false },
          instant('created_at'),
          instant('expires_at'),
          instant('last_seen_at'),
          instant('revoked_at', true),
          { name: 'revoked_by', type: 'int', isNullable: true },
        ],
        // One session per link: a second redemption that slipped past the link's conditional update still cannot open one.
        uniques: [new TableUnique({ name: 'uq_console_session_hash', columnNames: ['token_hash'] }), new TableUnique({ name: 'uq_console_session_link', columnNames: ['link_id'] })],
        indices: [new TableIndex({ name: 'ix_console_session_expires', columnNames: ['expires_at'] })],
      }),
    );
    // Binary collation so token hashes compare exactly as on SQLite.
    if (mysql) {
      await q.query('ALTER TABLE `console_links` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
      await q.query('ALTER TABLE `console_sessions` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('console_sessions');
    await q.dropTable('console_links');
  }
}
