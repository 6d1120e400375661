/**
 * Row locks on PostgreSQL, in one mode and one order. SQLite has one writer at
 * a time already, so every call is a no-op there.
 *
 * The mode is FOR NO KEY UPDATE everywhere. Every insert that refers to a row
 * (a foreign key) holds a KEY SHARE lock on it until commit; FOR UPDATE waits
 * for those, so two transactions that had each inserted a row referring to
 * the government and then asked FOR UPDATE on it deadlocked (40P01). NO KEY
 * UPDATE conflicts only with itself and stronger locks, which is all a queue
 * of writers needs.
 *
 * The order is the government first, then plans, then tasks, each by id. A
 * change to a government's data takes the government's lock before anything
 * else (`changing` in unit-of-work.ts), and the audit chain, which every change
 * ends by appending to, takes the same lock: so a government's writers queue
 * at their start and never hold one row while waiting for another.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from './tx.js';

const ORDER = ['plans', 'tasks'] as const;
type Lockable = (typeof ORDER)[number];

export interface LockRows {
  plans?: readonly number[];
  tasks?: readonly number[];
}

const onPostgres = (trx: Tx): boolean => trx.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The governments whose row each open transaction holds: a change takes the
 * lock at its start and every audit row it appends asks again, which needs no
 * second round trip. A transaction object is not reused after it ends.
 */
const held = new WeakMap<Tx, Set<number>>();

/** Locks the government's row, then the rows named, in the one order; held until the transaction ends. */
export async function lockForChange(trx: Tx, governmentId: number, rows: LockRows = {}): Promise<void> {
  if (!onPostgres(trx)) return;
  const governments = held.get(trx) ?? new Set<number>();
  if (!governments.has(governmentId)) {
    await sql`SELECT id FROM governments WHERE id = ${governmentId} FOR NO KEY UPDATE`.execute(trx);
    // Outside a transaction the lock ends with the statement: nothing is held to remember.
    if (trx.isTransaction) held.set(trx, governments.add(governmentId));
  }
  for (const table of ORDER) {
    const ids = [...new Set(rows[table] ?? [])].sort((a, b) => a - b);
    if (ids.length > 0) await lockIds(trx, table, ids);
  }
}

async function lockIds(trx: Tx, table: Lockable, ids: readonly number[]): Promise<void> {
  await sql`SELECT id FROM ${sql.table(table)} WHERE id IN (${sql.join(ids)}) ORDER BY id FOR NO KEY UPDATE`.execute(trx);
}
