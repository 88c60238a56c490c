import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { KeyColumn, TextColumn, WorkDateColumn } from './columns';
import { DecidedRequest } from './decided-request';

export type { RequestStatus } from './decided-request';

/** A 补卡 request (B): one punch of one day at a stated time, decided like leave (H-14). */
@Entity('correction_requests')
@Index('ix_correction_employee', ['employeeId', 'workDate'])
@Index('ix_correction_status', ['status'])
export class CorrectionRequest extends DecidedRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  /** 'in' (上班) | 'out' (下班). */
  @KeyColumn(3) kind: string;
  /** The stated time, minutes after midnight in the company's zone. */
  @Column({ type: 'int' }) minute: number;
  @TextColumn() reason: string;
  /** The punch an approval recorded. */
  @Column({ type: 'int', nullable: true }) punchId: number | null;
}
