/**
 * Answers that stay valid while the government's audit head is unchanged.
 * Every change to the ledger writes an audit row in its own transaction, so
 * a cached answer computed after reading the head is current as long as the
 * head has not moved: one indexed read instead of the queries behind it.
 * This holds across processes sharing the database, since the head is read
 * from the database each time.
 */
import type { Tx } from '../../store/tx.js';
import { auditHead } from './audit.repository.js';

export type HeadCached<T> = (db: Tx, governmentId: number, key: string, compute: () => Promise<T>) => Promise<T>;

/** A cache per database of at most `max` answers, the oldest dropped first. */
export function auditHeadCache<T>(max = 200): HeadCached<T> {
  const byDb = new WeakMap<object, Map<string, { head: string; value: T }>>();
  return async (db, governmentId, key, compute) => {
    const cache = byDb.get(db) ?? new Map<string, { head: string; value: T }>();
    byDb.set(db, cache);
    const full = `${governmentId}\u0000${key}`;
    // The head is read before computing: a change committed meanwhile moves it, and the next request recomputes.
    const head = await auditHead(db, governmentId);
    const hit = cache.get(full);
    if (hit && hit.head === head) return hit.value;
    const value = await compute();
    cache.delete(full);
    cache.set(full, { head, value });
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
