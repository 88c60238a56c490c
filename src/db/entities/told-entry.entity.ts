import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn, WorkDateColumn } from './columns';

/**
 * A ledger entry (or reversal) already told to its person in the day digest: the digest tells
 * each entry once, so a re-run after re-judging sends only what was added or reversed since.
 */
@Entity('told_entries')
export class ToldEntry {
  @PrimaryColumn({ type: 'int' }) entryId: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  @InstantColumn() toldAt: Date;
}
