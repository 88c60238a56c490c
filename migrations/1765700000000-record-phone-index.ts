import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Customer records by phone and work day (issue 17): a new A/B lead looks up the records of
 * the same phone by other agents within customerRecord.duplicateWindowDays, to flag a possible
 * duplicate lead to the supervisor. The unique key starts with the agent, so without this index
 * the lookup would read every record of the window.
 */
export class RecordPhoneIndex1765700000000 implements MigrationInterface {
  name = 'RecordPhoneIndex1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('customer_records', new TableIndex({ name: 'ix_record_phone_day', columnNames: ['phone', 'work_date'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('customer_records', 'ix_record_phone_day');
  }
}
