import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Onboarding (issue 17): `binding_requests` (绑定, an unknown chat account asks to be bound to an
 * employee; the admins decide) and employees.mobile (digits only; `org sync` matches by it).
 */
export class BindingRequests1765800000000 implements MigrationInterface {
  name = 'BindingRequests1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'binding_requests',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'platform', type: 'varchar', length: '16', isNullable: false },
          { name: 'external_id', type: 'varchar', length: '128', isNullable: false },
          { name: 'display_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'employee_id', type: 'int', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'requested_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'decided_by', type: 'int', isNullable: true },
          { name: 'decided_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'decision_note', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3, isNullable: false },
          { name: 'updated_at', type: 'datetime', precision: 3, isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_binding_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ix_binding_employee', columnNames: ['employee_id', 'platform'] }),
        ],
      }),
    );
    await q.addColumn('employees', new TableColumn({ name: 'mobile', type: 'varchar', length: '16', isNullable: true }));
    // Binary collation so account ids compare exactly as on SQLite.
    if (q.connection.options.type === 'mysql') await q.query('ALTER TABLE `binding_requests` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('employees', 'mobile');
    await q.dropTable('binding_requests');
  }
}
