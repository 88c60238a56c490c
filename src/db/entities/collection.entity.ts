import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FenColumn, InstantColumn, KeyColumn, TextColumn, WorkDateColumn } from './columns';

/** A payment collected (回款) from an agent's closed deal, for the commission (H-8). */
@Entity('collections')
@Index('ix_collection_month', ['agentId', 'month'])
export class Collection {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) agentId: number;
  @FenColumn() amountFen: number;
  @TextColumn() customer: string;
  @WorkDateColumn() recordedOn: string;
  @KeyColumn(7) month: string;
  @Column({ type: 'int' }) recordedBy: number;
  @InstantColumn() createdAt: Date;
}
