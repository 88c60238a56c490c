import type { EntityManager } from 'typeorm';

/**
 * The one database handle services pass around: the transaction they work in (the callback
 * argument of inTransaction / writeTransaction in src/db/transaction.ts, or currentManager
 * outside one). Services only hand it to the store functions of this folder, which hold every
 * statement; they never query through it themselves.
 */
export type Tx = EntityManager;

/** Runs `work` under a savepoint of `tx`: a failure undoes only `work`'s writes, and the transaction goes on. */
export function savepoint<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return tx.transaction(work);
}
