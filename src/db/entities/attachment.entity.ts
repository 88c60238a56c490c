import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { InstantColumn, KeyColumn } from './columns';

/** A copy of a file sent in chat (a sick note, H-14) and the platform's key for it. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) employeeId: number;
  @KeyColumn(16) platform: string;
  @KeyColumn(255) platformKey: string;
  @KeyColumn(255, { nullable: true }) fileName: string | null;
  @KeyColumn(100, { nullable: true }) mimeType: string | null;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'blob' }) content: Buffer;
  @InstantColumn() createdAt: Date;
}
