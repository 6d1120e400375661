/**
 * Fresh databases for tests that run against both SQLite and PostgreSQL.
 *
 * The PostgreSQL server comes from the global setup (test/setup/postgres.ts):
 * each call here creates a new, empty database on it. A SQLite "URL" is a file
 * path in a fresh temporary directory. The app treats a path (or sqlite: URL)
 * as SQLite and a postgres:// URL as PostgreSQL, so both work as LUOSHI_DB.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';

export const databaseKinds = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

const CONNECT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 20_000;

/** The PostgreSQL server URL provided by the global setup, or null when there is none. */
export function postgresServerUrl(): string | null {
  return inject('pgUrl') ?? null;
}

/** Whether a PostgreSQL server is available to this run. */
export function hasPostgres(): boolean {
  return postgresServerUrl() !== null;
}

/** Creates a new empty PostgreSQL database and returns its URL; null when no server is available. */
export async function freshPostgresDatabase(): Promise<string | null> {
  const server = postgresServerUrl();
  if (server === null) return null;
  const name = `t_${randomBytes(8).toString('hex')}`;
  await withAdminClient(server, async (client) => {
    // template0: always clean, never busy, and accepts an explicit encoding.
    await client.query(`create database ${name} template template0 encoding 'UTF8'`);
  });
  return databaseUrl(server, name);
}

/** Drops a database made by freshPostgresDatabase, ending its remaining connections first. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^t_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop a database not made by the tests: ${name}`);
  await withAdminClient(url, async (client) => {
    await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await client.query(`drop database if exists ${name}`);
  });
}

/** A path for a new SQLite database file, in a new empty temporary directory. */
export function freshSqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'luoshi-sqlite-')), 'test.db');
}

/** Removes the directory made by freshSqlitePath (with the -wal/-shm files beside the database). */
export function removeSqlitePath(path: string): void {
  const dir = dirname(path);
  if (!basename(dir).startsWith('luoshi-sqlite-')) throw new Error(`refusing to remove ${dir}`);
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh database of the given kind: its URL (file path for SQLite), or null when PostgreSQL is unavailable. */
export async function freshDatabase(kind: DatabaseKind): Promise<string | null> {
  return kind === 'sqlite' ? freshSqlitePath() : freshPostgresDatabase();
}

/** Removes a database made by freshDatabase. */
export async function dropDatabase(kind: DatabaseKind, url: string): Promise<void> {
  if (kind === 'sqlite') removeSqlitePath(url);
  else await dropPostgresDatabase(url);
}

/**
 * Runs `describe(name)` once per database kind, each with its own fresh
 * database created in beforeAll and removed in afterAll. `getUrl()` returns
 * that database's URL and may only be called inside hooks and tests. Without a
 * PostgreSQL server the PostgreSQL block is reported as skipped.
 */
export function describeEachDatabase(name: string, fn: (getUrl: () => string, kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds) {
    const title = `${name} [${kind}]`;
    if (kind === 'postgres' && !hasPostgres()) {
      describe.skip(title, () => fn(() => unavailable(title), kind));
      continue;
    }
    describe(title, () => {
      let url: string | null = null;
      beforeAll(async () => {
        url = await freshDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        if (url !== null) await dropDatabase(kind, url);
        url = null;
      }, 60_000);
      fn(() => url ?? unavailable(title), kind);
    });
  }
}

function unavailable(title: string): never {
  throw new Error(`${title}: no database (getUrl() called outside a hook or test, or the server is unavailable)`);
}

function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Runs `work` on one connection to the database at `url`, closed afterwards. The
 * client listens for 'error': a connection the server ends (a restart, a drop that
 * terminates backends) emits one, and unheard it would fail the run.
 */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work` connected to the server's `postgres` database (creating and dropping databases). */
const withAdminClient = <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => withPgClient(databaseUrl(url, 'postgres'), work);
