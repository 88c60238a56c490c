import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/**
 * One run of closing a month (H-8): the first close, or an admin's forced re-close. Its pay
 * slips are committed a chunk of employees at a time, each slip naming the run that wrote it
 * (payslips.close_id); `finishedAt` is set once every employee has been handled. A month is
 * closed once a run of it has finished; a run left unfinished (a crash) is resumed by the next.
 */
@Entity('month_closes')
@Index('ix_month_close', ['month'])
export class MonthClose {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(7) month: string;
  @InstantColumn() startedAt: Date;
  @InstantColumn({ nullable: true }) finishedAt: Date | null;
}
