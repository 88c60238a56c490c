import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { FileDownload, FileDownloads, FileLink, FileLinks } from '../core/file-links';
import type { FileRef } from '../core/reply-intent';
import { chatFileByLink, setChatFileLink } from './stores/chat-file-store';
import { singleStatement } from './transaction';

/** A token: 32 random bytes, base64url (43 characters); nothing else is ever accepted. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 of a token, hex: what the database keeps, so a copy of it opens nothing. */
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Download links of files in chat_files (the web chat's `导出`): a random token per link, its
 * hash stored on the file with the expiry; `open` tells a live link from an expired (410) or
 * unknown (404) one.
 */
export class DatabaseFileLinks implements FileLinks, FileDownloads {
  constructor(
    private readonly ds: DataSource,
    /** PUBLIC_URL, without a trailing slash. */
    private readonly publicUrl: string,
    /** How long a link works (policy files.linkMinutes). */
    private readonly validMs: number,
  ) {}

  async issue(file: FileRef, now: Date): Promise<FileLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.validMs);
    const stored = await singleStatement(this.ds, (tx) => setChatFileLink(tx, file.id, hashOf(token), expiresAt));
    if (!stored) throw new Error(`chat file ${file.id} is gone`);
    return { url: `${this.publicUrl}/files/${token}`, expiresAt };
  }

  async open(token: string, now: Date): Promise<FileDownload> {
    if (!TOKEN.test(token)) return { status: 'unknown' };
    const file = await singleStatement(this.ds, (tx) => chatFileByLink(tx, hashOf(token)));
    if (!file || !file.linkExpiresAt) return { status: 'unknown' };
    if (file.linkExpiresAt.getTime() <= now.getTime()) return { status: 'expired' };
    return { status: 'ok', name: file.fileName, mediaType: file.mediaType, content: Buffer.from(file.content) };
  }
}
