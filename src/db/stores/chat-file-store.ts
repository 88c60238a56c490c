import { ChatFile } from '../entities';
import type { Tx } from './tx';

/** Files the bot sends in chat (chat_files): stored with a reply, read by the outbox and the download route. */

/** Stores a file to send; returns its id. */
export async function insertChatFile(tx: Tx, file: Omit<ChatFile, 'id' | 'linkHash' | 'linkExpiresAt'>): Promise<number> {
  const result = await tx.insert(ChatFile, { ...file, linkHash: null, linkExpiresAt: null });
  return Number(result.identifiers[0].id);
}

/** A stored file's bytes, or null when it is gone. */
export async function chatFileContent(tx: Tx, id: number): Promise<Buffer | null> {
  const row = await tx.findOne(ChatFile, { where: { id }, select: { id: true, content: true } });
  return row ? Buffer.from(row.content) : null;
}

/** Gives a file its download link (the token's SHA-256), replacing any earlier one. */
export async function setChatFileLink(tx: Tx, id: number, linkHash: string, expiresAt: Date): Promise<boolean> {
  const result = await tx.update(ChatFile, { id }, { linkHash, linkExpiresAt: expiresAt });
  return (result.affected ?? 0) > 0;
}

/** The file a download link's token hash names, with its bytes, or null. */
export function chatFileByLink(tx: Tx, linkHash: string): Promise<ChatFile | null> {
  return tx.findOne(ChatFile, { where: { linkHash } });
}
