import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FenColumn, InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/**
 * The points ledger: append-only. An automatic entry is unique on (code, source, generation):
 * at most one live entry per rule and fact; after it is reversed, a re-judging that needs it
 * again writes generation + 1. A reversal is a new entry, unique on the entry it reverses.
 * Both keys work without partial indexes (MySQL has none; NULLs never collide in a unique key).
 */
@Entity('point_entries')
@Unique('uq_point_live', ['code', 'sourceType', 'sourceId', 'generation'])
@Unique('uq_point_reverses', ['reversesId'])
@Index('ix_point_month', ['employeeId', 'month'])
@Index('ix_point_source', ['sourceType', 'sourceId'])
@Index('ix_point_work_date', ['workDate'])
export class PointEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  /** 'YYYY-MM': the month of the fact that caused it. */
  @KeyColumn(7) month: string;
  @WorkDateColumn() workDate: string;
  @Column({ type: 'int' }) points: number;
  /** Fine in fen; positive means deducted, a reversal carries the negative. */
  @FenColumn() fineFen: number;
  /** The handbook rule, e.g. 'H-11'. */
  @KeyColumn(8) rule: string;
  /** What happened, e.g. 'late', 'absent-day', 'misconduct:值日', 'award'. */
  @KeyColumn(64) code: string;
  /** The fact that caused it: 'punch' | 'day' | 'week' | 'manual' | 'reversal' | … */
  @KeyColumn(16) sourceType: string;
  @KeyColumn(96) sourceId: string;
  @Column({ type: 'int', default: 0 }) generation: number;
  @TextColumn({ nullable: true }) reason: string | null;
  /** Who entered it; null for the bot's own judgement. */
  @Column({ type: 'int', nullable: true }) createdBy: number | null;
  @Column({ type: 'int', nullable: true }) reversesId: number | null;
  @InstantColumn() createdAt: Date;
}
