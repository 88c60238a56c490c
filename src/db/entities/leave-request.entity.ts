import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/** pending → approved | rejected | cancelled. */
export type LeaveStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** A leave request 请假 (H-14): from a start half-day to an end half-day. */
@Entity('leave_requests')
@Index('ix_leave_employee', ['employeeId', 'startDate'])
export class LeaveRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  /** 'personal' (事假) | 'sick' (病假). */
  @KeyColumn(16) kind: string;
  @WorkDateColumn() startDate: string;
  /** 'am' starts in the morning, 'pm' in the afternoon. */
  @KeyColumn(2) startHalf: string;
  @WorkDateColumn() endDate: string;
  /** 'am' ends at the morning end, 'pm' at the day's end. */
  @KeyColumn(2) endHalf: string;
  @TextColumn() reason: string;
  @KeyColumn(16) status: LeaveStatus;
  @Column({ type: 'int' }) filedBy: number;
  @InstantColumn() requestedAt: Date;
  @Column({ type: 'int', nullable: true }) decidedBy: number | null;
  @InstantColumn({ nullable: true }) decidedAt: Date | null;
  @TextColumn({ nullable: true }) decisionNote: string | null;
  @Column({ type: 'int', nullable: true }) attachmentId: number | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
