import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn, WorkDateColumn } from './columns';
import type { CalendarEntryKind } from '../../domain/calendar-entries';

/**
 * One `节假日` entry made in chat (H-1): a day off, a workday, a day cleared back to the other
 * sources, or a year confirmed. Append-only: the latest entry of a date wins, so the history
 * of who changed the calendar and when stays; the highest id is the calendar's version.
 */
@Entity('calendar_entries')
@Index('ix_calendar_year', ['year'])
export class CalendarEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) year: number;
  /** The day; null for a confirmation of `year`. */
  @WorkDateColumn({ nullable: true }) date: string | null;
  @KeyColumn(16) kind: CalendarEntryKind;
  @KeyColumn(64, { nullable: true }) name: string | null;
  /** The admin who entered it. */
  @Column({ type: 'int' }) recordedBy: number;
  @InstantColumn() recordedAt: Date;
}
