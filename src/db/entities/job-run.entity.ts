import { Entity, PrimaryGeneratedColumn, Unique, Column } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn } from './columns';

/** One run of a job for one business period (slot); the unique key makes it fire once. */
@Entity('job_runs')
@Unique('uq_job_slot', ['job', 'slot'])
export class JobRun {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(32) job: string;
  /** The period: a day 'YYYY-MM-DD', a week's Monday, a month 'YYYY-MM', or a half hour 'YYYY-MM-DDTHH:MM'. */
  @KeyColumn(16) slot: string;
  /** 'running' | 'done' | 'failed'. */
  @KeyColumn(16) status: string;
  @KeyColumn(64) runner: string;
  @Column({ type: 'int', default: 1 }) runs: number;
  @InstantColumn() startedAt: Date;
  @InstantColumn({ nullable: true }) finishedAt: Date | null;
  @TextColumn({ nullable: true }) outcome: string | null;
}
