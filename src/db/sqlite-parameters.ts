import type { Driver, ObjectLiteral } from 'typeorm';

/** A safe integer as a BigInt (bound as INTEGER); arrays element by element; anything else as it is. */
function asInteger(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return Array.isArray(value) ? value.map(asInteger) : value;
}

/**
 * Makes TypeORM's SQLite driver bind integer parameters instead of writing them into the SQL
 * text. Its escapeQueryWithParameters turns a number into a literal (`WHERE "id" = 42`,
 * `VALUES (NULL, 42, ?)`), so every find, insert or update by id is a new statement: the
 * runner's statement cache (keyed on the text) misses and better-sqlite3 prepares it again, 13 %
 * of a close (issue 15). Integers go as BigInt: bound as INTEGER, exactly what the literal was
 * (a JS number binds as REAL, and 5 would become '5.0' in a text column). Other numbers keep
 * TypeORM's way. Statements written by hand (lean-queries.ts) bind with `?` already.
 */
export function bindIntegerParameters(driver: Driver): void {
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral) => {
    if (!parameters) return escape(sql, parameters);
    const bound: ObjectLiteral = {};
    for (const key of Object.keys(parameters)) bound[key] = asInteger(parameters[key]);
    return escape(sql, bound);
  };
}
