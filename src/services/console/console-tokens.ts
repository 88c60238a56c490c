import { createHash, randomBytes } from 'node:crypto';

/** A token: 32 random bytes, base64url (43 characters); nothing else is ever looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new random token. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Whether `text` has a token's shape (anything else is unknown without a query). */
export const isToken = (text: string): boolean => TOKEN.test(text);

/** The SHA-256 of a token, hex: what the database keeps, so a copy of it opens nothing. */
export const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
