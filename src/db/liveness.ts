import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Whether the work of a transaction may still reach the database. */
export class Liveness {
  abandoned = false;
}

/** A point the work since can be undone back to (a savepoint), for a deadline's recovery. */
export interface TransactionScope {
  checkpoint(): Promise<void>;
}

/** What code running inside a transaction sees: its DataSource, manager, liveness and scope. */
export interface Ambient {
  ds: DataSource;
  em: EntityManager;
  live: Liveness;
  scope: TransactionScope;
}

/** The transaction the current async call chain runs in (see transaction.ts). */
export const ambient = new AsyncLocalStorage<Ambient>();

/**
 * Thrown instead of running a statement for work whose transaction was abandoned (its deadline
 * passed): the work may still be running, since JavaScript cannot stop it, but none of its
 * writes can land afterwards.
 */
export class AbandonedWorkError extends Error {
  readonly code = 'TX_ABANDONED';
  constructor() {
    super('this transaction was abandoned (its deadline passed); the statement was not run');
    this.name = 'AbandonedWorkError';
  }
}

type QueryFn = QueryRunner['query'];
const guarded = new WeakSet<QueryRunner>();
const watchers = new WeakMap<QueryRunner, (statement: Promise<unknown>) => void>();

/**
 * Makes `qr` refuse every statement issued from abandoned work (the async context of a
 * transaction whose deadline passed), whichever manager or repository it comes through. Once
 * per runner: better-sqlite3 has one runner for the whole DataSource, mysql2 one per connection use.
 */
export function guardRunner(qr: QueryRunner): QueryRunner {
  if (guarded.has(qr)) return qr;
  guarded.add(qr);
  const query = qr.query.bind(qr) as QueryFn;
  qr.query = ((...args: Parameters<QueryFn>) => {
    if (ambient.getStore()?.live.abandoned) return Promise.reject(new AbandonedWorkError());
    const statement = query(...args);
    watchers.get(qr)?.(statement);
    return statement;
  }) as QueryFn;
  return qr;
}

/** Calls `watch` with every statement `qr` runs from now on (the deadline's in-flight tracking). */
export function watchStatements(qr: QueryRunner, watch: ((statement: Promise<unknown>) => void) | undefined): void {
  if (watch) watchers.set(qr, watch);
  else watchers.delete(qr);
}
