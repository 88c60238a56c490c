import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** A one-time sign-in link of `后台`: the SHA-256 of its token, for whom, until when, when it was used. */
@Entity('console_links')
export class ConsoleLink {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(64) tokenHash: string;
  @Column({ type: 'int' }) employeeId: number;
  @InstantColumn() createdAt: Date;
  @InstantColumn() expiresAt: Date;
  /** Set once, by the one redemption that won (a conditional UPDATE … WHERE used_at IS NULL). */
  @InstantColumn({ nullable: true }) usedAt: Date | null;
}

/** A web console session: the SHA-256 of its cookie's token, whose it is, its expiry and revocation. */
@Entity('console_sessions')
export class ConsoleSession {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(64) tokenHash: string;
  @Column({ type: 'int' }) employeeId: number;
  /** The link that opened it (unique: one session per link). */
  @Column({ type: 'int' }) linkId: number;
  @InstantColumn() createdAt: Date;
  @InstantColumn() expiresAt: Date;
  @InstantColumn() lastSeenAt: Date;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
  /** The admin who revoked it (or the employee, signing out). */
  @Column({ type: 'int', nullable: true }) revokedBy: number | null;
}
