import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** A chat account (Feishu open_id, WeCom userid, wechaty contact id) bound to an employee. */
@Entity('platform_identities')
@Unique('uq_identity_external', ['platform', 'externalId'])
@Unique('uq_identity_employee', ['employeeId', 'platform'])
export class PlatformIdentity {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(16) platform: string;
  @KeyColumn(128) externalId: string;
  @Column({ type: 'int' }) employeeId: number;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
