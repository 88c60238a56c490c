/**
 * The migration of the report indexes (issue 15): a month's valid calls and qualified leads are
 * counted from the index alone. The indexes the migrations leave on customer_records are the
 * ones the entity declares, column for column, on both databases, and undoing the migration
 * brings back the ones before it.
 */
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ReportIndexes1765238400000 } from '../../../migrations/1765238400000-report-indexes';
import { CustomerRecord } from '../../../src/db/entities';
import { describeEachDb } from '../../helpers/test-db';

/** The non-unique indexes of customer_records in the database: name → columns, in order. */
async function indexes(ds: DataSource): Promise<Record<string, string[]>> {
  const qr = ds.createQueryRunner();
  try {
    const table = await qr.getTable('customer_records');
    return Object.fromEntries((table?.indices ?? []).filter((i) => !i.isUnique).map((i) => [i.name, i.columnNames]));
  } finally {
    await qr.release();
  }
}

describeEachDb('migration ReportIndexes1765238400000', (db) => {
  test('customer_records holds the indexes the entity declares, and down restores the ones before', async () => {
    const ds = db();
    const declared = Object.fromEntries(
      ds.getMetadata(CustomerRecord).indices.filter((i) => !i.isUnique).map((i) => [i.name, i.columns.map((c) => c.databaseName)]),
    );
    expect(declared).toEqual({
      ix_record_leads: ['agent_id', 'qualified_at', 'complete', 'grade'],
      ix_record_valid_calls: ['agent_id', 'complete', 'work_date'],
      // RecordPhoneIndex1765700000000 (issue 17): possible duplicate leads, looked up by phone and day.
      ix_record_phone_day: ['phone', 'work_date'],
    });
    expect(await indexes(ds)).toEqual(declared);
    // Back to the schema before it: undo it and every migration after it.
    for (let n = MIGRATIONS.length - MIGRATIONS.indexOf(ReportIndexes1765238400000); n > 0; n--) await ds.undoLastMigration();
    expect(await indexes(ds)).toEqual({ ix_record_agent_qualified: ['agent_id', 'qualified_at'], ix_record_calls: ['agent_id', 'work_date', 'complete'] });
    await ds.runMigrations();
    expect(await indexes(ds)).toEqual(declared);
  });
});
