import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * The statement builder of the stores (src/db/stores): the chat hot path's reads and writes
 * without the query builder. selectWhere and insertOne build each statement's SQL once per
 * shape from the entity metadata; a statement written by hand is a {@link Statement}
 * constant. Values go through the driver's own conversions (the ones repositories use,
 * transformers included), so a row comes back as find() would return it. Measured on MariaDB:
 * about 40 µs of CPU per statement, against 125–160 µs for find()/insert(); a clock-in runs
 * about ten of them. Only src/db uses this module.
 */

/** A bound other than equality, for {@link selectWhere}. */
export class Bound {
  private constructor(
    readonly op: '<=' | '>=' | 'IN',
    readonly value: unknown,
  ) {}
  static atMost(value: unknown): Bound {
    return new Bound('<=', value);
  }
  static atLeast(value: unknown): Bound {
    return new Bound('>=', value);
  }
  /** One of `values` (at least one): a set of employees or sources read in one statement. */
  static oneOf(values: readonly unknown[]): Bound {
    if (values.length === 0) throw new Error('Bound.oneOf: no values');
    return new Bound('IN', values);
  }
}

/** The operator of a condition and, for IN, how many values: part of a statement's shape. */
function shapeOf(v: unknown): string {
  if (!(v instanceof Bound)) return '=';
  return v.op === 'IN' ? `IN${(v.value as unknown[]).length}` : v.op;
}

/** The placeholders of a condition. */
function placeholders(v: unknown): string {
  return v instanceof Bound && v.op === 'IN' ? `IN (${(v.value as unknown[]).map(() => '?').join(', ')})` : `${v instanceof Bound ? v.op : '='} ?`;
}

/** Equality (or a {@link Bound}) per property; every condition must hold. */
export type LeanWhere<T> = { [K in keyof T]?: T[K] | Bound };

/**
 * The SQL of selectWhere and insertOne, per entity, keyed by the statement's shape (the
 * conditions' properties and operators, or the inserted columns, in order): the key is the
 * shape itself, so two different statements can never share an entry.
 */
const shapeCache = new WeakMap<EntityMetadata, Map<string, string>>();

function shapeSql(metadata: EntityMetadata, shape: string, build: () => string): string {
  let forEntity = shapeCache.get(metadata);
  if (!forEntity) shapeCache.set(metadata, (forEntity = new Map()));
  let sql = forEntity.get(shape);
  if (sql === undefined) forEntity.set(shape, (sql = build()));
  return sql;
}

/** The column of `property`; throws for a property the entity does not have. */
export function column(metadata: EntityMetadata, property: string): ColumnMetadata {
  const col = metadata.findColumnWithPropertyName(property);
  if (!col) throw new Error(`${metadata.name} has no column ${property}`);
  return col;
}

/** Entities whose rows are plain columns; anything else find() maps in ways hydrate() does not. */
const plainEntities = new WeakSet<EntityMetadata>();

function assertPlain(metadata: EntityMetadata): void {
  if (plainEntities.has(metadata)) return;
  const odd = metadata.relations.length || metadata.embeddeds.length || metadata.columns.some((c) => c.isVirtual || !c.isSelect);
  if (odd) throw new Error(`lean queries support entities of plain columns only; ${metadata.name} has relations, embeddeds or hidden columns`);
  plainEntities.add(metadata);
}

/** Quoted table and column names of entities, for a statement written by hand. */
export interface SqlNames {
  table(entity: EntityTarget<ObjectLiteral>): string;
  column(entity: EntityTarget<ObjectLiteral>, property: string): string;
}

function sqlNames(ds: DataSource): SqlNames {
  const q = (name: string) => ds.driver.escape(name);
  return {
    table: (entity) => q(ds.getMetadata(entity).tableName),
    column: (entity, property) => q(column(ds.getMetadata(entity), property).databaseName),
  };
}

/**
 * A statement written by hand, kept as a module-level constant of the store that runs it. Its
 * SQL is built from the entity metadata the first time it runs on a DataSource (the quoting is
 * the driver's) and cached on the statement object itself: there is no name to share, so a
 * second statement can never be handed the first one's SQL.
 */
export class Statement {
  private readonly built = new WeakMap<DataSource, string>();

  constructor(private readonly build: (names: SqlNames) => string) {}

  /** The SQL for the DataSource of `em`, built once. */
  sql(em: EntityManager): string {
    const ds = em.dataSource;
    let sql = this.built.get(ds);
    if (sql === undefined) this.built.set(ds, (sql = this.build(sqlNames(ds))));
    return sql;
  }

  /** Runs the statement with `params` in `em`'s transaction; the driver's raw rows. */
  run<R = Record<string, unknown>>(em: EntityManager, params: unknown[]): Promise<R[]> {
    return em.query(this.sql(em), params);
  }
}

/** A raw row (keyed by database column names) as the entity find() would return. */
export function hydrate<T extends ObjectLiteral>(em: EntityManager, metadata: EntityMetadata, row: Record<string, unknown>): T {
  assertPlain(metadata);
  const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
  for (const col of metadata.columns) {
    col.setEntityValue(entity, em.dataSource.driver.prepareHydratedValue(row[col.databaseName] ?? null, col));
  }
  return entity;
}

/** `SELECT * … WHERE` the conditions of `where`, in primary key order. */
export async function selectWhere<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, where: LeanWhere<T>): Promise<T[]> {
  const metadata = em.dataSource.getMetadata(entity);
  const q = (name: string) => em.dataSource.driver.escape(name);
  const props = Object.keys(where) as Array<keyof T & string>;
  if (!props.length) throw new Error(`selectWhere(${metadata.name}): no condition`);
  // As find() does: `= NULL` would silently match nothing.
  const missing = props.find((p) => where[p] === null || where[p] === undefined);
  if (missing) throw new Error(`selectWhere(${metadata.name}): ${missing} is ${String(where[missing])}`);
  const sql = shapeSql(metadata, `select:${props.map((p) => `${p}${shapeOf(where[p])}`).join(',')}`, () => {
    const conditions = props.map((p) => `${q(column(metadata, p).databaseName)} ${placeholders(where[p])}`).join(' AND ');
    const order = metadata.primaryColumns.map((c) => q(c.databaseName)).join(', ');
    return `SELECT * FROM ${q(metadata.tableName)} WHERE ${conditions} ORDER BY ${order}`;
  });
  const params = props.flatMap((p) => {
    const v = where[p];
    const col = column(metadata, p);
    const values = v instanceof Bound ? (v.op === 'IN' ? (v.value as unknown[]) : [v.value]) : [v];
    return values.map((x) => em.dataSource.driver.preparePersistentValue(x, col));
  });
  const rows: Array<Record<string, unknown>> = await em.query(sql, params);
  return rows.map((r) => hydrate<T>(em, metadata, r));
}

/**
 * Inserts one row and returns its generated id, in one statement (insert()/save() also read
 * the row back for its defaults). Columns not given take their database defaults.
 */
export async function insertOne<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, values: Partial<T>): Promise<number> {
  const metadata = em.dataSource.getMetadata(entity);
  const q = (name: string) => em.dataSource.driver.escape(name);
  const props = Object.keys(values).filter((p) => values[p] !== undefined);
  if (!props.length) throw new Error(`insertOne(${metadata.name}): no values`);
  const sql = shapeSql(metadata, `insert:${props.join(',')}`, () => {
    const names = props.map((p) => q(column(metadata, p).databaseName)).join(', ');
    return `INSERT INTO ${q(metadata.tableName)} (${names}) VALUES (${props.map(() => '?').join(', ')})`;
  });
  const params = props.map((p) => em.dataSource.driver.preparePersistentValue(values[p], column(metadata, p)));
  // mysql2 answers a ResultSetHeader, better-sqlite3 (through TypeORM) the last row id.
  const raw = (await em.query(sql, params)) as number | bigint | { insertId?: number };
  return typeof raw === 'object' && raw !== null ? Number(raw.insertId) : Number(raw);
}

/** Rows per multi-row statement: well inside SQLite's 32,766 parameters and MySQL's packet size. */
export const MAX_ROWS_PER_INSERT = 500;

/** The columns of `rows` (every row must give the same ones) and the rows' values, converted by the driver. */
function rowValues<T extends ObjectLiteral>(em: EntityManager, metadata: EntityMetadata, rows: Array<Partial<T>>): { props: string[]; params: unknown[] } {
  const props = Object.keys(rows[0]).filter((p) => rows[0][p] !== undefined);
  const params: unknown[] = [];
  for (const row of rows) {
    const given = Object.keys(row).filter((p) => row[p] !== undefined);
    if (given.length !== props.length || given.some((p, i) => p !== props[i])) throw new Error(`${metadata.name}: every row of a multi-row insert gives the same columns`);
    for (const p of props) params.push(em.dataSource.driver.preparePersistentValue(row[p], column(metadata, p)));
  }
  return { props, params };
}

/**
 * Inserts `rows` in multi-row statements of at most {@link MAX_ROWS_PER_INSERT} rows, nothing
 * read back; the ids follow the rows' order. With `upsertOn` (the columns of a unique key) a row
 * whose key exists replaces that row's other columns instead (ON DUPLICATE KEY UPDATE on MySQL,
 * ON CONFLICT … DO UPDATE on SQLite). The SQL is built once per shape (columns, rows, key).
 */
export async function insertMany<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: Array<Partial<T>>, upsertOn?: Array<keyof T & string>): Promise<void> {
  const metadata = em.dataSource.getMetadata(entity);
  const q = (name: string) => em.dataSource.driver.escape(name);
  const sqlite = em.dataSource.options.type === 'better-sqlite3';
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    const slice = rows.slice(i, i + MAX_ROWS_PER_INSERT);
    const { props, params } = rowValues(em, metadata, slice);
    const sql = shapeSql(metadata, `insertMany:${props.join(',')}:${slice.length}:${upsertOn?.join(',') ?? ''}`, () => {
      const names = props.map((p) => q(column(metadata, p).databaseName));
      const tuple = `(${props.map(() => '?').join(', ')})`;
      let text = `INSERT INTO ${q(metadata.tableName)} (${names.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`;
      if (upsertOn) {
        const key = upsertOn.map((p) => q(column(metadata, p).databaseName));
        const rest = names.filter((n) => !key.includes(n));
        text += sqlite
          ? ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${rest.map((n) => `${n} = excluded.${n}`).join(', ')}`
          : ` ON DUPLICATE KEY UPDATE ${rest.map((n) => `${n} = VALUES(${n})`).join(', ')}`;
      }
      return text;
    });
    await em.query(sql, params);
  }
}
