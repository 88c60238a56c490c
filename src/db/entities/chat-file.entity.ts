import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/**
 * A file the bot sends in chat (the payroll of `导出`): its bytes, kept until the outbox has
 * sent it, and for the web chat the SHA-256 of its download link's token and when it expires.
 */
@Entity('chat_files')
export class ChatFile {
  @PrimaryGeneratedColumn() id: number;
  @KeyColumn(255) fileName: string;
  @KeyColumn(100) mediaType: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'blob' }) content: Buffer;
  /** Who asked for it (null: a job). */
  @Column({ type: 'int', nullable: true }) employeeId: number | null;
  @KeyColumn(64, { nullable: true }) linkHash: string | null;
  @InstantColumn({ nullable: true }) linkExpiresAt: Date | null;
  @InstantColumn() createdAt: Date;
}
