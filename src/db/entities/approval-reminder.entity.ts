import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/**
 * One reminder of a pending request (催办): which request (its letter L/B/S/U and id), which
 * step (`decider`: re-sent to the decider; `escalate`: to the admins; `eve`: a leave still
 * pending the evening before its first day), when, to how many people. The unique key makes
 * each step once per request, whichever replica or run sends it.
 */
@Entity('approval_reminders')
@Unique('uq_approval_reminder', ['requestKind', 'requestId', 'step'])
export class ApprovalReminder {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(1) requestKind: string;
  @Column({ type: 'int' }) requestId: number;
  @KeyColumn(16) step: string;
  @InstantColumn() sentAt: Date;
  @Column({ type: 'int' }) recipients: number;
}
