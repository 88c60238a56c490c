import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn, WorkDateColumn } from './columns';

/**
 * A change that touched a month already closed (a late approval, an appeal, a 撤销, a late
 * 回款): the employee's pay slip of `month` awaits a re-close (待重新结算) until a close of the
 * month that started after the change resolves it (`resolvedBy`: that run, month_closes.id).
 */
@Entity('month_changes')
@Index('ix_month_change_month', ['month', 'resolvedAt'])
@Index('ix_month_change_employee', ['employeeId', 'month'])
export class MonthChange {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @KeyColumn(7) month: string;
  /** The day of the fact that changed. */
  @WorkDateColumn() workDate: string;
  /** What happened, in the admins' words: 王强撤销了 P24（迟到 −2 分）. */
  @KeyColumn(500) what: string;
  @InstantColumn() createdAt: Date;
  @Column({ type: 'int', nullable: true }) resolvedBy: number | null;
  @InstantColumn({ nullable: true }) resolvedAt: Date | null;
}
