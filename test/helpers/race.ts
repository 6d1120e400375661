/**
 * Requests that meet for real. On PostgreSQL a third connection takes a lock
 * (a row the requests need), the requests are sent, and the lock is let go
 * only once every request waits for a lock (or, when they share one group
 * commit, once the first waits and the others have queued behind it): the
 * worst case of requests arriving together. SQLite takes one writer at a time; there the requests
 * simply run.
 */
import pg from 'pg';
import type { DatabaseKind } from './databases.js';

export interface Hold {
  /** The statement that takes the lock, inside the holder's transaction. */
  sql: string;
  params: unknown[];
}

/** How long the other requests are given to queue behind the first one waiting at the lock. */
const QUEUE_MS = 500;

export async function together<T>(kind: DatabaseKind, url: string, hold: Hold, send: () => Promise<T>[]): Promise<T[]> {
  if (kind === 'sqlite') return Promise.all(send());
  const holder = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 20_000 });
  // Ended by the server (the test's database dropped under it): the error is the query's, not the process's.
  holder.on('error', () => undefined);
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query(hold.sql, hold.params);
    const requests = send();
    // The activity view is a snapshot kept for the rest of the holder's transaction unless cleared.
    const waiting = async (): Promise<number> => {
      await holder.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await holder.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      return Number(rows[0]?.n ?? 0);
    };
    // A government's writers arriving together share one transaction (group commit, ADR 0032): then the first
    // waits at the lock and the others wait in the process behind it. They have met once every request waits at the
    // lock, or once one does and the others have had time to queue behind it.
    const deadline = Date.now() + 10_000;
    let firstWait: number | undefined;
    for (;;) {
      const n = await waiting();
      if (n >= requests.length) break;
      if (n >= 1) firstWait ??= Date.now();
      if (firstWait !== undefined && Date.now() - firstWait > QUEUE_MS) break;
      if (Date.now() > deadline) throw new Error('the requests never met at the lock');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await holder.query('COMMIT');
    return await Promise.all(requests);
  } finally {
    await holder.end();
  }
}
