/** The unit of work: one transaction for a change, and the clock services read the time from. */
import { lockForChange } from './locks.js';
import type { Tx } from './tx.js';

/** Where services read the time; tests pass a clock they can move. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * Runs the work in the caller's transaction when given one, else in a new one.
 * The account services hash passwords (tens of milliseconds, 19 MiB) before
 * they write, and that must not happen while SQLite's single write lock is
 * held; so their edge may pass the plain database and the service opens the
 * short transaction for the writes itself, or pass a transaction to combine
 * the change with others.
 */
export async function atomically<T>(db: Tx, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  let opened: Tx | undefined;
  const result = await db.transaction().execute((trx) => {
    opened = trx;
    return work(trx);
  });
  if (opened !== undefined) for (const listener of commitListeners) listener(opened);
  return result;
}

const commitListeners = new Set<(trx: Tx) => void>();

/**
 * Calls the listener after each transaction `atomically` opened has
 * committed, with that transaction (now finished: to tell which one, not to
 * query). The audit anchor checkpoints the log's end this way, after the
 * commit and outside the request's path. Returns the unsubscribe.
 */
export function onCommit(listener: (trx: Tx) => void): () => void {
  commitListeners.add(listener);
  return () => commitListeners.delete(listener);
}

/**
 * A change to one government's data: `atomically`, with the government's
 * writers queued at the start on PostgreSQL (locks.ts), so that two changes
 * never each hold a row the other waits for.
 */
export function changing<T>(db: Tx, governmentId: number, work: (trx: Tx) => Promise<T>): Promise<T> {
  return atomically(db, async (trx) => {
    await lockForChange(trx, governmentId);
    return work(trx);
  });
}
