import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/** pending → approved | rejected. */
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** A 补卡 request (B): one punch of one day at a stated time, decided like leave (H-14). */
@Entity('correction_requests')
@Index('ix_correction_employee', ['employeeId', 'workDate'])
@Index('ix_correction_status', ['status'])
export class CorrectionRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  /** 'in' (上班) | 'out' (下班). */
  @KeyColumn(3) kind: string;
  /** The stated time, minutes after midnight in the company's zone. */
  @Column({ type: 'int' }) minute: number;
  @TextColumn() reason: string;
  @KeyColumn(16) status: RequestStatus;
  @InstantColumn() requestedAt: Date;
  @Column({ type: 'int', nullable: true }) decidedBy: number | null;
  @InstantColumn({ nullable: true }) decidedAt: Date | null;
  @TextColumn({ nullable: true }) decisionNote: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
  /** The punch an approval recorded. */
  @Column({ type: 'int', nullable: true }) punchId: number | null;
}
