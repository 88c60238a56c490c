import { Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** The dedup claim of an incoming platform event (docs/architecture.md: the platform's own key). */
@Entity('processed_events')
@Unique('uq_event_key', ['platform', 'dedupKey'])
export class ProcessedEvent {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(16) platform: string;
  @KeyColumn(191) dedupKey: string;
  /** When the platform says it happened. */
  @InstantColumn() eventAt: Date;
  @InstantColumn() receivedAt: Date;
  /** What became of it: handled | refused | failed | over-budget (core's EventOutcome). */
  @KeyColumn(16, { default: 'handled' }) outcome: string;
}
