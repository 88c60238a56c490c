import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/** The call report 《电话销售日报表》 (H-2): one per agent and day; a second replaces the first. */
@Entity('daily_reports')
@Unique('uq_report_day', ['employeeId', 'workDate'])
export class DailyReport {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  @Column({ type: 'int' }) calls: number;
  @TextColumn({ nullable: true }) note: string | null;
  @InstantColumn() sentAt: Date;
  @KeyColumn(191, { nullable: true }) sourceEvent: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
