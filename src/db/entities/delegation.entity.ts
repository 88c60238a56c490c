import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, WorkDateColumn } from './columns';

/** A supervisor's 代理: from `startDate` to `endDate` (inclusive) the delegate receives and may decide the team's approval cards. */
@Entity('delegations')
@Index('ix_delegation_supervisor', ['supervisorId', 'endDate'])
@Index('ix_delegation_delegate', ['delegateId', 'endDate'])
export class Delegation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) supervisorId: number;
  @Column({ type: 'int' }) delegateId: number;
  @WorkDateColumn() startDate: string;
  @WorkDateColumn() endDate: string;
  @InstantColumn() createdAt: Date;
  /** Set when 代理 取消 ended it or a new 代理 replaced it. */
  @InstantColumn({ nullable: true }) cancelledAt: Date | null;
}
