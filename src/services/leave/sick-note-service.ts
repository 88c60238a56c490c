import type { Attachment, Employee, LeaveRequest } from '../../db/entities';
import { ATTACHMENT_NAME_CHARS, ATTACHMENT_TYPE_CHARS } from '../../db/entities/attachment.entity';
import { attachToLeave, insertAttachment, latestSickLeaveAwaitingNote, leaveRequest } from '../../db/stores/leave-store';
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
 * A platform's file name as its column takes it. The name is the platform's label for a file the
 * user did not type here, and refusing a sick note for it would help nobody: a name longer than
 * the column keeps its start and its extension, with … between (the file itself is kept whole).
 */
export function storedFileName(name: string | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length <= ATTACHMENT_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && [...name.slice(dot)].length <= 16 ? [...name.slice(dot)] : [];
  return `${chars.slice(0, ATTACHMENT_NAME_CHARS - ext.length - 1).join('')}…${ext.join('')}`;
}

/** A platform's content type as its column takes it; one too long to be a real type is dropped. */
function storedMimeType(type: string | undefined): string | null {
  return type && [...type].length <= ATTACHMENT_TYPE_CHARS ? type : null;
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
  return inTransaction(ctx.ds, async (tx) => {
    const request = await latestSickLeaveAwaitingNote(tx, args.employee.id);
    if (!request) return null;
    const attachment = await insertAttachment(tx, {
      employeeId: args.employee.id,
      platform: args.file.platform,
      platformKey: args.file.platformKey,
      fileName: storedFileName(args.file.fileName),
      mimeType: storedMimeType(args.file.mimeType),
      size: args.file.content.length,
      content: args.file.content,
      createdAt: args.at,
    });
    await attachToLeave(tx, request.id, attachment.id, args.at);
    return { request: await leaveRequest(tx, request.id), attachment };
  });
}
