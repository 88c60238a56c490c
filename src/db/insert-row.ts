import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Inserts one row and returns its generated id, in one statement: TypeORM's insert()/save()
 * read the row back for its default columns, a second round trip on the hot path of every
 * chat event. SQLite's driver returns the last id itself, mysql2 an insertId.
 */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, values: QueryDeepPartialEntity<T>): Promise<number> {
  const result = await em.createQueryBuilder().insert().into(entity).values(values).updateEntity(false).execute();
  const raw = result.raw as number | { insertId?: number };
  return typeof raw === 'number' ? raw : Number(raw.insertId);
}
