import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** Characters the file_name column holds (VARCHAR(255); utf8mb4 counts characters). */
export const ATTACHMENT_NAME_CHARS = 255;
/** Characters the mime_type column holds. */
export const ATTACHMENT_TYPE_CHARS = 100;

/** A copy of a file sent in chat (a sick note, H-14) and the platform's key for it. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @KeyColumn(16) platform: string;
  @KeyColumn(255) platformKey: string;
  @KeyColumn(ATTACHMENT_NAME_CHARS, { nullable: true }) fileName: string | null;
  @KeyColumn(ATTACHMENT_TYPE_CHARS, { nullable: true }) mimeType: string | null;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'blob' }) content: Buffer;
  @InstantColumn() createdAt: Date;
}
