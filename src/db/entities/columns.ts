import { Column, ColumnOptions, ValueTransformer } from 'typeorm';
import { fenFromDb, fenToDb } from '../fen';

/** An instant: UTC, millisecond precision (DATETIME(3) on MySQL, ISO text on SQLite). */
export const InstantColumn = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });

/** A date of work, 'YYYY-MM-DD' in the policy's time zone, stored as text on both drivers. */
export const WorkDateColumn = (opts: ColumnOptions = {}) => Column({ type: 'varchar', length: 10, ...opts });

/** Converts fen between JS numbers and BIGINT: any driver shape read, and never an unsafe integer either way. */
const fenTransformer: ValueTransformer = { to: fenToDb, from: fenFromDb };

/**
 * Money in integer fen (分), BIGINT: an INT overflows at 21,474,836.47 yuan on MySQL. mysql2
 * answers a BIGINT past 2^53 as a string; the transformer converts, and refuses any value
 * that is not a safe integer (never rounded silently).
 */
export const FenColumn = (opts: ColumnOptions = {}) => Column({ type: 'bigint', default: 0, transformer: fenTransformer, ...opts });

/** A short identifier or code. */
export const KeyColumn = (length: number, opts: ColumnOptions = {}) => Column({ type: 'varchar', length, ...opts });

/** Free text (Chinese included). */
export const TextColumn = (opts: ColumnOptions = {}) => Column({ type: 'text', ...opts });

/** A JSON value kept as text, identical on both drivers. */
export const JsonColumn = (opts: ColumnOptions = {}) => Column({ type: 'simple-json', ...opts });
