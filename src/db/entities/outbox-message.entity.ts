import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, JsonColumn, KeyColumn, TextColumn } from './columns';

/** 'pending' → 'sent' | 'failed' (gave up after the last try). */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A reply or notice owed to a platform, written in the same transaction as its cause. */
@Entity('outbox')
@Unique('uq_outbox_dedup', ['dedupKey'])
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_outbox_card', ['cardKey'])
export class OutboxMessage {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(16) platform: string;
  /** The neutral intent the platform adapter renders. */
  @JsonColumn() payload: unknown;
  /** Optional key that makes a notice unique (one reminder per team and day). */
  @KeyColumn(191, { nullable: true }) dedupKey: string | null;
  @KeyColumn(16) status: OutboxStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @InstantColumn() nextAttemptAt: Date;
  @TextColumn({ nullable: true }) lastError: string | null;
  @KeyColumn(64, { nullable: true }) claimedBy: string | null;
  @InstantColumn({ nullable: true }) claimedUntil: Date | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn({ nullable: true }) sentAt: Date | null;
  /** The logical card this row carries ('leave:42'): an update goes to every message sent under it. */
  @KeyColumn(64, { nullable: true }) cardKey: string | null;
  /** The platform's id of the message once sent (the first, when the send made several). */
  @KeyColumn(191, { nullable: true }) messageId: string | null;
  /** Every message the send made that shows the card (one per recipient): an update reaches each. */
  @JsonColumn({ nullable: true }) messageIds: string[] | null;
}
