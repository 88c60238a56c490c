import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { InstantColumn, KeyColumn, WorkDateColumn } from './columns';

/** A 签到 at the daily meeting (H-5, H-12); the first one of the day counts. */
@Entity('meeting_checkins')
@Unique('uq_checkin_day', ['employeeId', 'workDate'])
export class MeetingCheckin {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @WorkDateColumn() workDate: string;
  @InstantColumn() at: Date;
  @KeyColumn(191, { nullable: true }) sourceEvent: string | null;
  @InstantColumn() createdAt: Date;
}
