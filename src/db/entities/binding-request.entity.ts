import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { KeyColumn } from './columns';
import { DecidedRequest } from './decided-request';

/** A 绑定 request (U): an unknown chat account asks to be bound to an employee; the admins decide. */
@Entity('binding_requests')
@Index('ix_binding_status', ['status'])
@Index('ix_binding_employee', ['employeeId', 'platform'])
export class BindingRequest extends DecidedRequest {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(16) platform: string;
  @KeyColumn(128) externalId: string;
  /** The platform's display name of the account, when the event carried one. */
  @KeyColumn(64, { nullable: true }) displayName: string | null;
  @Column({ type: 'int' }) employeeId: number;
}
