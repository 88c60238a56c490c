import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { FenColumn, InstantColumn, JsonColumn, KeyColumn } from './columns';

/** One line of a payslip, for the itemised view. */
export interface PayslipItem {
  label: string;
  fen: number;
  detail?: string;
}

/** A month's pay slip (H-8), in fen; a re-close writes the next revision, never edits one. */
@Entity('payslips')
@Unique('uq_payslip_revision', ['employeeId', 'month', 'revision'])
@Index('ix_payslip_month', ['month'])
export class Payslip {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @KeyColumn(7) month: string;
  @Column({ type: 'int', default: 1 }) revision: number;
  @FenColumn() baseFen: number;
  @Column({ type: 'int', default: 0 }) validCalls: number;
  @FenColumn() callPayFen: number;
  @Column({ type: 'int', default: 0 }) aLeads: number;
  @Column({ type: 'int', default: 0 }) bLeads: number;
  @FenColumn() leadBonusFen: number;
  @FenColumn() collectedFen: number;
  @FenColumn() commissionFen: number;
  @Column({ type: 'int' }) score: number;
  @FenColumn() scoreBonusFen: number;
  @FenColumn() finesFen: number;
  @FenColumn() totalFen: number;
  @JsonColumn() items: PayslipItem[];
  @InstantColumn() createdAt: Date;
  /** The close (month_closes) that wrote this revision; null for slips written before closes were recorded. */
  @Column({ type: 'int', nullable: true }) closeId: number | null;
}
