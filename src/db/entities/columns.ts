import { Column, ColumnOptions } from 'typeorm';

/** An instant: UTC, millisecond precision (DATETIME(3) on MySQL, ISO text on SQLite). */
export const InstantColumn = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });

/** A date of work, 'YYYY-MM-DD' in the policy's time zone, stored as text on both drivers. */
export const WorkDateColumn = (opts: ColumnOptions = {}) => Column({ type: 'varchar', length: 10, ...opts });

/** Money in integer fen (分). */
export const FenColumn = (opts: ColumnOptions = {}) => Column({ type: 'int', default: 0, ...opts });

/** A short identifier or code. */
export const KeyColumn = (length: number, opts: ColumnOptions = {}) => Column({ type: 'varchar', length, ...opts });

/** Free text (Chinese included). */
export const TextColumn = (opts: ColumnOptions = {}) => Column({ type: 'text', ...opts });

/** A JSON value kept as text, identical on both drivers. */
export const JsonColumn = (opts: ColumnOptions = {}) => Column({ type: 'simple-json', ...opts });
