/** The unit of work: one transaction for a change, and the clock services read the time from. */
import { PostgresAdapter, SqliteAdapter } from 'kysely';
import { groupCommit } from './group-commit.js';
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
 * the change with others. On SQLite a new transaction may be shared with the
 * writes arriving at the same time (group-commit.ts): the work then runs in
 * its own savepoint, and its result comes once the shared commit has returned.
 */
export async function atomically<T>(db: Tx, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  // SQLite: the writes arriving together share one commit, each in its own savepoint (group-commit.ts, ADR 0032).
  if (db.getExecutor().adapter instanceof SqliteAdapter) return groupCommit(db, 'sqlite', work, notifyCommitted);
  let opened: Tx | undefined;
  const result = await db.transaction().execute((trx) => {
    opened = trx;
    return work(trx);
  });
  if (opened !== undefined) notifyCommitted(opened);
  return result;
}

function notifyCommitted(trx: Tx): void {
  for (const listener of commitListeners) listener(trx);
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
  // PostgreSQL: the government's writers queue on its lock anyway, so those arriving together share one
  // transaction and one WAL flush, the lock taken once before them (group-commit.ts, ADR 0032).
  if (!db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter) {
    return groupCommit(db, `government ${governmentId}`, work, notifyCommitted, (trx) => lockForChange(trx, governmentId));
  }
  return atomically(db, async (trx) => {
    await lockForChange(trx, governmentId);
    return work(trx);
  });
}
