import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, TextColumn, WorkDateColumn } from './columns';

/** The weekly work summary 周总结 (H-7), keyed by the week's Monday. */
@Entity('weekly_summaries')
@Unique('uq_summary_week', ['employeeId', 'week'])
export class WeeklySummary {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  /** Monday of the ISO week, 'YYYY-MM-DD'. */
  @WorkDateColumn() week: string;
  @TextColumn() text: string;
  @InstantColumn() sentAt: Date;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
