import { IsNull, LessThan, MoreThan } from 'typeorm';
import { ConsoleLink, ConsoleSession } from '../entities';
import { insertOne } from '../lean-queries';
import type { Tx } from './tx';

/** The web console's one-time links (console_links) and sessions (console_sessions): token hashes only. */

/** Stores a new one-time link; returns its id. */
export function insertConsoleLink(tx: Tx, link: Omit<ConsoleLink, 'id' | 'usedAt'>): Promise<number> {
  return insertOne(tx, ConsoleLink, { ...link, usedAt: null });
}

/** The link a token hash names, or null. */
export function consoleLinkByHash(tx: Tx, tokenHash: string): Promise<ConsoleLink | null> {
  return tx.findOne(ConsoleLink, { where: { tokenHash } });
}

/**
 * Marks a link used, only if it is unused and not expired: one conditional UPDATE, so of two
 * redemptions at once exactly one changes the row (true) and the other sees it taken (false).
 */
export async function markConsoleLinkUsed(tx: Tx, id: number, now: Date): Promise<boolean> {
  const result = await tx.update(ConsoleLink, { id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
  return result.affected === 1;
}

/**
 * Deletes the links made before `before` (used or expired long since: the audit log keeps each
 * as console.link) and the sessions that ended before it (ix_console_link_created,
 * ix_console_session_expires).
 */
export async function deleteConsoleRecordsBefore(tx: Tx, before: Date): Promise<void> {
  await tx.delete(ConsoleLink, { createdAt: LessThan(before) });
  await tx.delete(ConsoleSession, { expiresAt: LessThan(before) });
}

/** Stores a new session; returns its id. */
export function insertConsoleSession(tx: Tx, session: Omit<ConsoleSession, 'id' | 'revokedAt' | 'revokedBy'>): Promise<number> {
  return insertOne(tx, ConsoleSession, { ...session, revokedAt: null, revokedBy: null });
}

/** The session a cookie's token hash names, or null. */
export function consoleSessionByHash(tx: Tx, tokenHash: string): Promise<ConsoleSession | null> {
  return tx.findOne(ConsoleSession, { where: { tokenHash } });
}

/** A session by id, or null. */
export function consoleSessionById(tx: Tx, id: number): Promise<ConsoleSession | null> {
  return tx.findOne(ConsoleSession, { where: { id } });
}

/** Notes when a session was last used. */
export async function touchConsoleSession(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.update(ConsoleSession, { id }, { lastSeenAt: at });
}

/** Sessions neither revoked nor expired at `now`, the most recently used first (at most `limit`). */
export function activeConsoleSessions(tx: Tx, now: Date, limit: number): Promise<ConsoleSession[]> {
  return tx.find(ConsoleSession, { where: { revokedAt: IsNull(), expiresAt: MoreThan(now) }, order: { lastSeenAt: 'DESC', id: 'DESC' }, take: limit });
}

/** Revokes a session unless it is revoked already; true when this call revoked it. */
export async function revokeConsoleSession(tx: Tx, id: number, by: number, at: Date): Promise<boolean> {
  const result = await tx.update(ConsoleSession, { id, revokedAt: IsNull() }, { revokedAt: at, revokedBy: by });
  return result.affected === 1;
}
