/**
 * PostgreSQL ends the store's connections (a restart, a failover, an
 * administrator's pg_terminate_backend): whether a connection sits idle in the
 * pool or is lent out to a transaction, its loss fails at most the work on it,
 * as an error that answers 503, and never the process (an unheard 'error'
 * event would fail this run); the next query gets a new connection.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.js';
import { isDatabaseUnavailable } from '../../src/store/unavailable.js';
import { dropPostgresDatabase, freshPostgresDatabase, hasPostgres } from '../helpers/databases.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function terminate(url: string, which: 'all' | number): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and ($1::int is null or pid = $1::int)) t`,
      [which === 'all' ? null : which],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe.skipIf(!hasPostgres())('the store when PostgreSQL ends its connections', () => {
  let url: string;
  let store: Store;

  beforeAll(async () => {
    url = (await freshPostgresDatabase()) ?? '';
    store = openStore(url);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    if (url) await dropPostgresDatabase(url);
  }, 60_000);

  it('replaces the idle connections the server ended', async () => {
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
    expect(await terminate(url, 'all')).toBeGreaterThanOrEqual(3);
    await sleep(200);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('fails only the transaction whose connection was ended while lent out', async () => {
    let failure: unknown;
    try {
      await store.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        expect(await terminate(url, rows[0]?.pid ?? 0)).toBe(1);
        // The connection's 'error' event arrives now, while the transaction holds it.
        await sleep(300);
        await sql`select 1`.execute(trx);
      });
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeDefined();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
