import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { isSqlite } from './data-source';

/**
 * Reads a row (by id, or by the conditions of `where`) for update: `SELECT … FOR UPDATE` on
 * MySQL (the latest committed version, not this transaction's snapshot, locked until the
 * transaction ends, so read-merge-write never loses a concurrent change and a loser of a race
 * sees what won); a plain read on SQLite, whose transactions already run one at a time.
 */
export async function lockedRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, idOrWhere: number | FindOptionsWhere<T>): Promise<T> {
  const repo = em.getRepository(entity);
  const where = (typeof idOrWhere === 'number' ? { id: idOrWhere } : idOrWhere) as FindOptionsWhere<T>;
  if (isSqlite(em.connection)) return repo.findOneOrFail({ where });
  return repo.findOneOrFail({ where, lock: { mode: 'pessimistic_write' } });
}
