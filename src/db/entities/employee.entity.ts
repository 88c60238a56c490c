import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../domain/roles';
import { FenColumn, InstantColumn, KeyColumn, WorkDateColumn } from './columns';

/** An employee: agent, supervisor, salesperson or admin. */
@Entity('employees')
export class Employee {
  @PrimaryGeneratedColumn() id: number;
  /** The employee number (工号), unique and how people are named in files. */
  @KeyColumn(32, { unique: true }) no: string;
  @KeyColumn(64) name: string;
  @KeyColumn(16) role: Role;
  @Column({ type: 'int', nullable: true }) teamId: number | null;
  /** Monthly base in fen; null means the policy's base. */
  @FenColumn({ nullable: true, default: undefined }) baseSalaryFen: number | null;
  @WorkDateColumn({ nullable: true }) startDate: string | null;
  @WorkDateColumn({ nullable: true }) endDate: string | null;
  /** Digits only (domain/mobile.ts), from the org file: `org sync` matches directories by it. */
  @KeyColumn(16, { nullable: true }) mobile?: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
