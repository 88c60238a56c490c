import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// Self-contained on purpose: a landed migration never changes, so it shares no helper.

/** Every money column (fen) that was INT, with whether it may be NULL. */
const MONEY: Array<{ table: string; column: string; nullable: boolean }> = [
  { table: 'employees', column: 'base_salary_fen', nullable: true },
  { table: 'point_entries', column: 'fine_fen', nullable: false },
  { table: 'collections', column: 'amount_fen', nullable: false },
  ...['base_fen', 'call_pay_fen', 'lead_bonus_fen', 'collected_fen', 'commission_fen', 'score_bonus_fen', 'fines_fen', 'total_fen'].map((column) => ({ table: 'payslips', column, nullable: false })),
];

/**
 * Money in BIGINT fen: an INT column overflowed at 21,474,836.47 yuan on MySQL ("Out of range"),
 * so one large 回款 got a generic error and two of them stopped the month close for everyone.
 * Also collections become reversible (撤销 R17): a reversal row references the row it reverses,
 * unique so it happens once.
 *
 * MySQL: `MODIFY` in place keeps every row. QueryRunner.changeColumn is not used for this on
 * purpose: on a type change it drops the column and adds it again, losing the amounts.
 * SQLite: nothing to widen; an INTEGER column already holds 64-bit integers whatever its
 * declared type, and rebuilding the tables would only risk their data and keys.
 */
export class MoneyBigint1764720000000 implements MigrationInterface {
  name = 'MoneyBigint1764720000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') await this.retype(q, 'BIGINT');
    await q.addColumns('collections', [
      new TableColumn({ name: 'reverses_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'reason', type: 'text', isNullable: true }),
    ]);
    await q.createIndex('collections', new TableIndex({ name: 'uq_collection_reverses', columnNames: ['reverses_id'], isUnique: true }));
  }

  /** Back to INT: refused by MySQL (strict mode) while any amount is beyond the INT range. */
  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('collections', 'uq_collection_reverses');
    await q.dropColumns('collections', ['reverses_id', 'reason']);
    if (q.connection.options.type === 'mysql') await this.retype(q, 'INT');
  }

  private async retype(q: QueryRunner, type: 'BIGINT' | 'INT'): Promise<void> {
    const byTable = new Map<string, string[]>();
    for (const m of MONEY) {
      const clause = `MODIFY \`${m.column}\` ${type} ${m.nullable ? 'NULL' : 'NOT NULL DEFAULT 0'}`;
      byTable.set(m.table, [...(byTable.get(m.table) ?? []), clause]);
    }
    // One ALTER per table: MySQL rebuilds a table once per statement.
    for (const [table, clauses] of byTable) await q.query(`ALTER TABLE \`${table}\` ${clauses.join(', ')}`);
  }
}
