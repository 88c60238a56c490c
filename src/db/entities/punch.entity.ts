import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn, WorkDateColumn } from './columns';

/** A clock-in or clock-out (H-11) at the time the platform stamped on the message. */
@Entity('punches')
@Index('ix_punch_day', ['employeeId', 'workDate'])
export class Punch {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  @InstantColumn() at: Date;
  /** 'in' | 'out'. */
  @KeyColumn(3) kind: string;
  @KeyColumn(191, { nullable: true }) sourceEvent: string | null;
  @InstantColumn() createdAt: Date;
  /** null: punched in chat; 'correction': recorded by an approved 补卡. */
  @KeyColumn(16, { nullable: true }) source?: string | null;
  /** The 补卡 request (B id) that recorded it. */
  @Column({ type: 'int', nullable: true }) correctionId?: number | null;
}
