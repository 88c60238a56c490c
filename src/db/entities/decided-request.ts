import { Column } from 'typeorm';
import { InstantColumn, KeyColumn, TextColumn } from './columns';

/** pending → approved | rejected (| cancelled, a withdrawn leave). */
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** The columns every request decided in chat shares (补卡 B, 申诉 S, 绑定 U): its status, when it was asked, who decided, when and why. */
export abstract class DecidedRequest {
  @KeyColumn(16) status: RequestStatus;
  @InstantColumn() requestedAt: Date;
  @Column({ type: 'int', nullable: true }) decidedBy: number | null;
  @InstantColumn({ nullable: true }) decidedAt: Date | null;
  @TextColumn({ nullable: true }) decisionNote: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
