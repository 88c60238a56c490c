import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, JsonColumn, KeyColumn } from './columns';

/** Where a team's broadcasts go on each platform (all optional). */
export interface TeamChats {
  feishu?: string;
  wecom?: string;
  wechaty?: string;
}

/** A team (组): its supervisor and broadcast chats. */
@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(64, { unique: true }) name: string;
  @Column({ type: 'int', nullable: true }) supervisorId: number | null;
  @JsonColumn({ nullable: true }) chats: TeamChats | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
