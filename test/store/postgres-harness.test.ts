/**
 * The test database harness itself: the PostgreSQL server from the global
 * setup, fresh databases on it, and fresh SQLite paths.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  databaseKinds,
  describeEachDatabase,
  dropPostgresDatabase,
  freshPostgresDatabase,
  freshSqlitePath,
  hasPostgres,
  removeSqlitePath,
  withPgClient,
} from '../helpers/databases.js';

const noPostgres = !hasPostgres();

async function show(client: pg.Client, setting: string): Promise<string> {
  const r = await client.query<Record<string, string>>(`show ${setting}`);
  return r.rows[0]?.[setting] ?? '';
}

async function databaseExists(name: string): Promise<boolean> {
  const server = inject('pgUrl');
  if (server === null) throw new Error('no server');
  return withPgClient(server, async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

describe('PostgreSQL harness', () => {
  const made: string[] = [];
  const fresh = async (): Promise<string> => {
    const url = await freshPostgresDatabase();
    if (url === null) throw new Error('no server');
    made.push(url);
    return url;
  };
  afterEach(async () => {
    for (const url of made.splice(0)) await dropPostgresDatabase(url);
  });

  it.skipIf(noPostgres)('gives a new, empty UTF-8 database that answers queries', async () => {
    const url = await fresh();
    expect(url).toMatch(/^postgres:\/\/[^/]+\/t_[0-9a-f]{16}$/);
    await withPgClient(url, async (c) => {
      expect((await c.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const name = (await c.query<{ db: string }>('select current_database() as db')).rows[0]?.db;
      expect(url.endsWith(`/${name}`)).toBe(true);
      expect(await show(c, 'server_encoding')).toBe('UTF8');
      const tables = await c.query("select 1 from pg_tables where schemaname = 'public'");
      expect(tables.rowCount).toBe(0);
      const r = await c.query<{ text: string }>('select $1::text as text', ['落实 · 政府工作报告']);
      expect(r.rows[0]?.text).toBe('落实 · 政府工作报告');
    });
  });

  it.skipIf(noPostgres || !inject('pgStartedByHarness'))('runs the harness server with test-only settings', async () => {
    const url = await fresh();
    await withPgClient(url, async (c) => {
      expect(await show(c, 'fsync')).toBe('off');
      expect(await show(c, 'synchronous_commit')).toBe('off');
      expect(await show(c, 'full_page_writes')).toBe('off');
      expect(await show(c, 'listen_addresses')).toBe('127.0.0.1');
    });
    expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it.skipIf(noPostgres)('passes the server URL to child processes through LUOSHI_TEST_PG', () => {
    expect(process.env.LUOSHI_TEST_PG).toBe(inject('pgUrl'));
  });

  it.skipIf(noPostgres)('keeps databases apart and drops them even with open connections', async () => {
    const a = await fresh();
    const b = await fresh();
    expect(a).not.toBe(b);
    await withPgClient(a, (c) => c.query('create table only_in_a (id int primary key)'));
    await withPgClient(b, async (c) => {
      expect((await c.query("select 1 from pg_tables where tablename = 'only_in_a'")).rowCount).toBe(0);
    });

    const open = new pg.Client({ connectionString: a, connectionTimeoutMillis: 10_000 });
    open.on('error', () => {}); // its connection is terminated by the drop
    await open.connect();
    const name = new URL(a).pathname.slice(1);
    expect(await databaseExists(name)).toBe(true);
    made.splice(made.indexOf(a), 1);
    await dropPostgresDatabase(a);
    expect(await databaseExists(name)).toBe(false);
    await open.end().catch(() => {});
  });
});

describe('SQLite paths', () => {
  it('gives a new file path in a new empty directory, and removes it', () => {
    const a = freshSqlitePath();
    const b = freshSqlitePath();
    expect(dirname(a)).not.toBe(dirname(b));
    expect(existsSync(a)).toBe(false);
    expect(readdirSync(dirname(a))).toEqual([]);
    const db = new SQLite(a);
    db.exec('create table t (x text)');
    db.prepare('insert into t values (?)').run('督查');
    expect(db.prepare('select x from t').pluck().get()).toBe('督查');
    db.close();
    expect(existsSync(a)).toBe(true);
    removeSqlitePath(a);
    removeSqlitePath(b);
    expect(existsSync(dirname(a))).toBe(false);
    expect(existsSync(dirname(b))).toBe(false);
  });
});

describe('describeEachDatabase', () => {
  it('covers SQLite and PostgreSQL', () => {
    expect(databaseKinds).toEqual(['sqlite', 'postgres']);
  });
});

describeEachDatabase('a fresh database', (getUrl, kind) => {
  it('is empty and writable', async () => {
    const url = getUrl();
    if (kind === 'sqlite') {
      expect(url).not.toMatch(/^[a-z]+:\/\//);
      const db = new SQLite(url);
      try {
        expect(db.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get()).toBe(0);
        db.exec('create table t (x int)');
        db.prepare('insert into t values (?)').run(42);
        expect(db.prepare('select x from t').pluck().get()).toBe(42);
      } finally {
        db.close();
      }
    } else {
      expect(url).toMatch(/^postgres:\/\//);
      await withPgClient(url, async (c) => {
        expect((await c.query("select 1 from pg_tables where schemaname = 'public'")).rowCount).toBe(0);
        await c.query('create table t (x int)');
        await c.query('insert into t values ($1)', [42]);
        expect((await c.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 42 }]);
      });
    }
  });

  it('keeps what the previous test wrote (one database per block)', async () => {
    const url = getUrl();
    if (kind === 'sqlite') {
      const db = new SQLite(url, { readonly: true });
      try {
        expect(db.prepare('select x from t').pluck().get()).toBe(42);
      } finally {
        db.close();
      }
    } else {
      await withPgClient(url, async (c) => {
        expect((await c.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 42 }]);
      });
    }
  });
});
