import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/**
 * A payment collected (回款) from an agent's closed deal, for the commission (H-8); its id is
 * the R id users see (R17). Append-only: 撤销 R17 writes a new row with the negative amount
 * that references R17 (unique, so a collection is reversed at most once; NULLs never clash).
 */
@Entity('collections')
@Index('ix_collection_month', ['agentId', 'month'])
@Index('uq_collection_reverses', ['reversesId'], { unique: true })
export class Collection {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) agentId: number;
  @FenColumn() amountFen: number;
  @TextColumn() customer: string;
  @WorkDateColumn() recordedOn: string;
  /** 'YYYY-MM' it counts in: the month recorded; a reversal's is the reversed row's. */
  @KeyColumn(7) month: string;
  @Column({ type: 'int' }) recordedBy: number;
  @InstantColumn() createdAt: Date;
  /** The collection this row reverses; null for a payment. */
  @Column({ type: 'int', nullable: true }) reversesId: number | null;
  /** Why it was reversed (a reversal only). */
  @TextColumn({ nullable: true }) reason: string | null;
}
