import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, JsonColumn, KeyColumn } from './columns';

/** Who did what, when: imports, exports of customer data (H-20), re-closes. */
@Entity('audit_log')
@Index('ix_audit_at', ['at'])
@Index('ix_audit_actor_at', ['actorId', 'at'])
@Index('ix_audit_action_at', ['action', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn() id: number;
  /** The employee who acted; null for the system or the CLI. */
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  /** Free label of a non-employee actor, e.g. 'cli'. */
  @KeyColumn(64, { nullable: true }) actor: string | null;
  @KeyColumn(64) action: string;
  @KeyColumn(32, { nullable: true }) subjectType: string | null;
  @KeyColumn(64, { nullable: true }) subjectId: string | null;
  @JsonColumn({ nullable: true }) details: unknown;
  @InstantColumn() at: Date;
}
