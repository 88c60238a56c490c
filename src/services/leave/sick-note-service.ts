import { IsNull } from 'typeorm';
import { Attachment, Employee, LeaveRequest } from '../../db/entities';
import { inTransaction } from '../../db/transaction';
import type { ServiceContext } from '../service-context';

/** A file received in chat, already fetched from the platform. */
export interface ReceivedFile {
  platform: string;
  platformKey: string;
  fileName?: string;
  mimeType?: string;
  content: Buffer;
}

/**
 * Attaches a received file as the sick note of the sender's latest pending sick-leave request
 * that has none (H-14), keeping a copy with the platform's key. Returns null, storing nothing,
 * when there is no such request.
 */
export async function attachSickNote(
  ctx: ServiceContext,
  args: { employee: Employee; file: ReceivedFile; at: Date },
): Promise<{ request: LeaveRequest; attachment: Attachment } | null> {
  return inTransaction(ctx.ds, async (em) => {
    const request = await em.findOne(LeaveRequest, {
      where: { employeeId: args.employee.id, kind: 'sick', status: 'pending', attachmentId: IsNull() },
      order: { id: 'DESC' },
    });
    if (!request) return null;
    const attachment = await em.save(
      em.create(Attachment, {
        employeeId: args.employee.id,
        platform: args.file.platform,
        platformKey: args.file.platformKey,
        fileName: args.file.fileName ?? null,
        mimeType: args.file.mimeType ?? null,
        size: args.file.content.length,
        content: args.file.content,
        createdAt: args.at,
      }),
    );
    await em.update(LeaveRequest, { id: request.id }, { attachmentId: attachment.id, updatedAt: args.at });
    return { request: await em.findOneByOrFail(LeaveRequest, { id: request.id }), attachment };
  });
}
