/**
 * Answers that stay valid while the government's audit head is unchanged.
 * Every change to the ledger writes an audit row in its own transaction, so
 * a cached answer computed after reading the head is current as long as the
 * head has not moved: one indexed read instead of the queries behind it.
 * This holds across processes sharing the database, since the head is read
 * from the database each time.
 *
 * Concurrent misses of one key at one head share one computation (the
 * promise in flight), so a burst of first requests after a change computes
 * the answer once. Memory is bounded by size: every cache of the process
 * draws on one budget of bytes (LUOSHI_CACHE_MB, 64 MB by default), the
 * least recently used answer of any cache dropped first; each cache also
 * keeps at most a number of answers.
 */
import type { Tx } from '../../store/tx.js';
import { auditHead } from './audit.repository.js';

export type HeadCached<T> = (db: Tx, governmentId: number, key: string, compute: () => Promise<T>) => Promise<T>;

export interface HeadCacheOptions<T> {
  /** At most this many answers per database (200). */
  maxEntries?: number;
  /** An answer's size in bytes, counted against the process's budget; by default a string's UTF-16 size, else its JSON's. */
  sizeOf?: (value: T) => number;
}

/** The process's budget for cached answers, in bytes. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry {
  head: string;
  value: unknown;
  bytes: number;
  /** The cache holding it and its key there, to drop it from when the budget is spent. */
  home: Map<string, Entry>;
  key: string;
}

/** Every cached answer of the process, least recently used first (a Set keeps insertion order). */
const lru = new Set<Entry>();
let budget = DEFAULT_CACHE_BYTES;
let used = 0;

/** Sets the process's budget (serve does, from LUOSHI_CACHE_MB); answers over it are dropped at once. */
export function setCacheBudget(bytes: number): void {
  budget = Math.max(0, bytes);
  trim();
}

/** What the caches hold now: answers and bytes (for tests and the benchmark's memory figures). */
export function cacheUsage(): { entries: number; bytes: number; budget: number } {
  return { entries: lru.size, bytes: used, budget };
}

function drop(entry: Entry): void {
  if (!lru.delete(entry)) return;
  used -= entry.bytes;
  if (entry.home.get(entry.key) === entry) entry.home.delete(entry.key);
}

function trim(): void {
  for (const oldest of lru) {
    if (used <= budget) return;
    drop(oldest);
  }
}

const defaultSize = (value: unknown): number => 2 * (typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0));

/** A cache per database of answers keyed by government and key, checked against the audit head. */
export function auditHeadCache<T>(options: number | HeadCacheOptions<T> = {}): HeadCached<T> {
  const { maxEntries = 200, sizeOf = defaultSize } = typeof options === 'number' ? { maxEntries: options } : options;
  const byDb = new WeakMap<object, { entries: Map<string, Entry>; pending: Map<string, { head: string; promise: Promise<T> }> }>();
  return async (db, governmentId, key, compute) => {
    let cache = byDb.get(db);
    if (!cache) {
      cache = { entries: new Map(), pending: new Map() };
      byDb.set(db, cache);
    }
    const { entries, pending } = cache;
    const full = `${governmentId}\u0000${key}`;
    // The head is read before computing: a change committed meanwhile moves it, and the next request recomputes.
    const head = await auditHead(db, governmentId);
    const hit = entries.get(full);
    if (hit && hit.head === head) {
      lru.delete(hit);
      lru.add(hit);
      return hit.value as T;
    }
    const inFlight = pending.get(full);
    if (inFlight && inFlight.head === head) return inFlight.promise;
    const promise = compute();
    pending.set(full, { head, promise });
    try {
      const value = await promise;
      const old = entries.get(full);
      if (old) drop(old);
      const entry: Entry = { head, value, bytes: sizeOf(value), home: entries, key: full };
      entries.set(full, entry);
      lru.add(entry);
      used += entry.bytes;
      if (entries.size > maxEntries) {
        const first = entries.values().next().value;
        if (first) drop(first);
      }
      trim();
      return value;
    } finally {
      if (pending.get(full)?.promise === promise) pending.delete(full);
    }
  };
}
