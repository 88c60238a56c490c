import type { FileRef } from './reply-intent';

/** A download link the bot issued for a file: its URL and when it stops working. */
export interface FileLink {
  url: string;
  expiresAt: Date;
}

/**
 * Download links for files sent where a platform cannot carry the file itself (the web chat):
 * `issue` makes a new link with a random token (only its hash is stored) that works until its
 * expiry; the database implements it (src/db/file-links.ts).
 */
export interface FileLinks {
  issue(file: FileRef, now: Date): Promise<FileLink>;
}

/** What a download link leads to now. */
export type FileDownload =
  | { status: 'ok'; name: string; mediaType: string; content: Buffer }
  | { status: 'expired' }
  | { status: 'unknown' };

/** Opens a download link's token (GET /files/TOKEN); the database implements it. */
export interface FileDownloads {
  open(token: string, now: Date): Promise<FileDownload>;
}
