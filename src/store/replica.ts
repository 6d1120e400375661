/**
 * The read replica: a PostgreSQL streaming-replication standby (LUOSHI_DB_READ) that serves the reads which may be a
 * moment behind the primary (the ledger workbook, the audit CSV, the dashboards; docs/deploy.md). Kysely asks this pool
 * for a connection; it lends one of the standby's, or, while the standby cannot be reached, one of the primary's: a
 * read never fails because the standby is down. After a failed connect the primary serves for a while before the
 * standby is tried again, so that requests do not each wait for a dead host; each switch is told once.
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { isDatabaseUnavailable } from './unavailable.js';

/** How long reads stay on the primary after the standby failed to connect. */
export const REPLICA_RETRY_MS = 30_000;

export interface ReplicaPoolOptions {
  /** Told when reads move to the primary and when they come back to the standby. */
  warn: (line: string) => void;
  now?: () => number;
  retryMs?: number;
}

export function replicaPool(standby: pg.Pool, primary: pg.Pool, options: ReplicaPoolOptions): PostgresPool {
  const now = options.now ?? Date.now;
  const retryMs = options.retryMs ?? REPLICA_RETRY_MS;
  /** While now() is before this, reads go to the primary; 0: the standby is believed up. */
  let downUntil = 0;
  let down = false;
  return {
    async connect(): Promise<PostgresPoolClient> {
      if (now() >= downUntil) {
        try {
          const client = await standby.connect();
          if (down) {
            down = false;
            options.warn('只读备库已恢复连接，只读查询重新由备库承担');
          }
          return client;
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          downUntil = now() + retryMs;
          if (!down) options.warn(`只读备库无法连接，只读查询暂由主库承担：${err instanceof Error ? err.message : String(err)}`);
          down = true;
        }
      }
      return primary.connect();
    },
    // The primary's pool is ended by the primary's own Kysely instance.
    end: () => standby.end(),
  };
}
