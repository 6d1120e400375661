/**
 * store.replica: the primary's own db without a standby; with one that cannot be reached, reads go to the primary
 * (told once), the standby tried again after a while and used as soon as it answers. The streaming standby itself is
 * in test/deploy/two-servers.test.ts.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/connection.js';
import { replicaPool } from '../../src/store/replica.js';
import { freePort } from '../../tools/pg-cluster.js';
import { dropPostgresDatabase, freshPostgresDatabase, freshSqlitePath, hasPostgres, removeSqlitePath } from '../helpers/databases.js';

/** A pool whose connect() answers from a script: a client named by the pool, or a connection error. */
function fakePool(name: string, up: () => boolean): pg.Pool & { connects: number } {
  const pool = {
    connects: 0,
    connect: async () => {
      pool.connects++;
      if (!up()) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      return { name, query: async () => ({ rows: [] }), release: () => undefined };
    },
    end: async () => undefined,
  };
  return pool as unknown as pg.Pool & { connects: number };
}

describe('replicaPool', () => {
  it('lends the standby, the primary while the standby is down, and the standby again once it answers', async () => {
    let standbyUp = true;
    let clock = 0;
    const warnings: string[] = [];
    const standby = fakePool('standby', () => standbyUp);
    const primary = fakePool('primary', () => true);
    const pool = replicaPool(standby, primary, { warn: (line) => warnings.push(line), now: () => clock, retryMs: 1000 });
    const from = async (): Promise<string> => ((await pool.connect()) as unknown as { name: string }).name;

    expect(await from()).toBe('standby');
    standbyUp = false;
    expect(await from()).toBe('primary');
    expect(warnings).toEqual([expect.stringMatching(/^只读备库无法连接，只读查询暂由主库承担：/)]);
    // Within the wait the standby is not asked again: no request waits on a dead host.
    const asked = standby.connects;
    clock = 999;
    expect(await from()).toBe('primary');
    expect(standby.connects).toBe(asked);
    // After it, asked again; still down: no second warning.
    clock = 1000;
    expect(await from()).toBe('primary');
    expect(standby.connects).toBe(asked + 1);
    expect(warnings).toHaveLength(1);
    standbyUp = true;
    clock = 2000;
    expect(await from()).toBe('standby');
    expect(warnings).toEqual([expect.any(String), '只读备库已恢复连接，只读查询重新由备库承担']);
  });

  it('passes on an error that is not the standby being unreachable', async () => {
    const standby = fakePool('standby', () => true);
    (standby as unknown as { connect: () => Promise<never> }).connect = async () => {
      throw Object.assign(new Error('password authentication failed for user "luoshi_app"'), { code: '28P01' });
    };
    const pool = replicaPool(
      standby,
      fakePool('primary', () => true),
      { warn: () => undefined },
    );
    await expect(pool.connect()).rejects.toThrow(/password authentication failed/);
  });
});

describe('store.replica', () => {
  it('is the db itself without a standby, and on SQLite', async () => {
    const path = freshSqlitePath();
    const warnings: string[] = [];
    const store = openStore(path, { dbRead: 'postgres://127.0.0.1:1/luoshi', warn: (line) => warnings.push(line) });
    try {
      expect(store.replica).toBe(store.db);
      expect(warnings).toEqual(['只读备库（LUOSHI_DB_READ）只用于 PostgreSQL 主库，SQLite 数据库不使用它']);
    } finally {
      await store.close();
      removeSqlitePath(path);
    }
  });

  describe.skipIf(!hasPostgres())('PostgreSQL with a standby that cannot be reached', () => {
    let url = '';
    let store: Store;
    const warnings: string[] = [];
    beforeAll(async () => {
      url = (await freshPostgresDatabase()) ?? '';
      const dead = `postgres://postgres@127.0.0.1:${await freePort()}/luoshi`;
      store = openStore(url, { dbRead: dead, warn: (line) => warnings.push(line) });
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      if (url) await dropPostgresDatabase(url);
    }, 60_000);

    it('reads from the primary and says so once', async () => {
      expect(store.replica).not.toBe(store.db);
      for (let i = 0; i < 3; i++) {
        const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(store.replica);
        expect(rows[0]?.db).toBe(new URL(url).pathname.slice(1));
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^只读备库无法连接，只读查询暂由主库承担：.*ECONNREFUSED/);
    });
  });
});
