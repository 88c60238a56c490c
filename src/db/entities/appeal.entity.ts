import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TextColumn } from './columns';
import { DecidedRequest } from './decided-request';

/**
 * A 申诉 (S) of one ledger entry by the person it is about. `openEntryId` is the entry while the
 * appeal is pending and null once decided: the unique key allows one open appeal per entry.
 */
@Entity('appeals')
@Unique('uq_appeal_open', ['openEntryId'])
@Index('ix_appeal_entry', ['entryId'])
@Index('ix_appeal_status', ['status'])
export class Appeal extends DecidedRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @Column({ type: 'int' }) entryId: number;
  @Column({ type: 'int', nullable: true }) openEntryId: number | null;
  @TextColumn() reason: string;
  /** The entry an approval added to reverse the appealed one. */
  @Column({ type: 'int', nullable: true }) reversalId: number | null;
}
