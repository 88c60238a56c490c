import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/** A customer record 《客户记录日报表》 (H-3), its grade and qualification (H-4). */
@Entity('customer_records')
@Unique('uq_record_phone', ['agentId', 'workDate', 'phone'])
@Index('ix_record_leads', ['agentId', 'qualifiedAt', 'complete', 'grade'])
@Index('ix_record_valid_calls', ['agentId', 'complete', 'workDate'])
@Index('ix_record_phone_day', ['phone', 'workDate'])
export class CustomerRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) agentId: number;
  @WorkDateColumn() workDate: string;
  @KeyColumn(128) company: string;
  @KeyColumn(64) contact: string;
  /** The third field, 部门职务电话, as typed. */
  @KeyColumn(255) titlePhone: string;
  /** The phone number found in titlePhone (digits only); the record's identity for the day. */
  @KeyColumn(20, { nullable: true }) phone: string | null;
  @KeyColumn(32) headcount: string;
  @KeyColumn(255) itStatus: string;
  /** 'A' | 'B' | 'C' (none = C). */
  @KeyColumn(1) grade: string;
  /** All five H-3 fields present: a valid call. */
  @Column({ type: 'boolean' }) complete: boolean;
  @Column({ type: 'int', nullable: true }) visitedBy: number | null;
  @Column({ type: 'int', nullable: true }) qualifiedBy: number | null;
  @InstantColumn({ nullable: true }) qualifiedAt: Date | null;
  @TextColumn({ nullable: true }) qualificationNote: string | null;
  @InstantColumn() sentAt: Date;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
