import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn, WorkDateColumn } from './columns';

/** The judged state of one employee's workday: derived, and re-derived when facts change. */
@Entity('attendance_days')
@Unique('uq_attendance_day', ['employeeId', 'workDate'])
export class AttendanceDay {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  @KeyColumn(32) status: string;
  @Column({ type: 'int', default: 0 }) lateMinutes: number;
  @Column({ type: 'int', default: 0 }) earlyMinutes: number;
  /** Judged on a provisional calendar (weekends plus the statutory days: the year's arrangement was not official yet). */
  @Column({ type: 'boolean', default: false }) provisional: boolean;
  @InstantColumn() judgedAt: Date;
}
