import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { isSqlite } from './data-source';

/**
 * Reads a row by id for update: `SELECT … FOR UPDATE` on MySQL (the latest committed version,
 * locked until the transaction ends, so read-merge-write never loses a concurrent change); a
 * plain read on SQLite, whose transactions already run one at a time.
 */
export async function lockedRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, id: number): Promise<T> {
  const repo = em.getRepository(entity);
  const where = { id } as unknown as Parameters<typeof repo.findOneOrFail>[0]['where'];
  if (isSqlite(em.connection)) return repo.findOneOrFail({ where });
  return repo.findOneOrFail({ where, lock: { mode: 'pessimistic_write' } });
}
