/**
 * `luoshi audit verify` on both databases: a log written by the application
 * passes; the same log altered behind the application's back (triggers
 * dropped or disabled, as an attacker with file or superuser access would)
 * fails and names the first row that does not hold.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { appendAudit } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { openDatabase } from '../../src/startup/open.js';
import { runCli } from '../helpers/cli.js';
import { databaseKinds, dropDatabase, freshDatabase, hasPostgres, type DatabaseKind } from '../helpers/databases.js';

const ADMIN_ENV = { LUOSHI_ADMIN_PASSWORD: 'Adm1n-Test-Passw0rd' };

interface AuditIds {
  /** Ids of the audit rows in order of seq (one government). */
  ids: number[];
}

/** A database opened by Luoshi (first administrator, one audit row) plus four audit rows written by appendAudit. */
async function seed(url: string): Promise<AuditIds> {
  const { store, governmentId } = await openDatabase(url, { adminPassword: ADMIN_ENV.LUOSHI_ADMIN_PASSWORD, notice: () => undefined });
  try {
    const actor = systemActor(governmentId, 'test-operator');
    for (const n of [1, 2, 3, 4]) {
      await store.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, actor, { action: 'task.update', objectType: 'task', objectId: n, before: { n }, after: { n: n + 1, 备注: '督办' } }),
        );
    }
    const rows = await store.db.selectFrom('audit_log').select('id').orderBy('seq').execute();
    return { ids: rows.map((r) => r.id) };
  } finally {
    await store.close();
  }
}

/** Direct access to the database file or server, bypassing the application. Placeholders are `?` on both. */
interface Attacker {
  run(statement: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function attacker(kind: DatabaseKind, url: string): Promise<Attacker> {
  if (kind === 'sqlite') {
    const db = new SQLite(url);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    return {
      run: (statement, ...params) => {
        const stmt = db.prepare(statement);
        return Promise.resolve(stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []));
      },
      close: () => Promise.resolve(void db.close()),
    };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  return {
    run: async (statement, ...params) => {
      let n = 0;
      return (
        await client.query(
          statement.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    },
    close: () => client.end(),
  };
}

async function tamper(kind: DatabaseKind, url: string, work: (a: Attacker) => Promise<void>): Promise<void> {
  const a = await attacker(kind, url);
  try {
    await work(a);
  } finally {
    await a.close();
  }
}

const verify = (url: string) => runCli(['audit', 'verify', '--db', url], { env: ADMIN_ENV });

const CONTENT =
  'government_id, seq, at, actor_user_id, actor_username, actor_unit_id, actor_role, ip, action, object_type, object_id, before, after, prev_hash, hash';

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !hasPostgres())(`luoshi audit verify [${kind}]`, () => {
    let url: string;
    let ids: number[];
    const id = (seq: number): number => ids[seq - 1] ?? Number.NaN;

    beforeEach(async () => {
      const fresh = await freshDatabase(kind);
      if (fresh === null) throw new Error('no database');
      url = fresh;
      ({ ids } = await seed(url));
    }, 60_000);
    afterEach(async () => {
      await dropDatabase(kind, url);
    }, 60_000);

    it('passes on a log written by the application', () => {
      const r = verify(url);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('审计日志完整：共 5 条记录，哈希链校验通过\n');
      expect(r.status).toBe(0);
    });

    it('names the row whose content was edited', async () => {
      await tamper(kind, url, async (a) => {
        await a.run(`UPDATE audit_log SET after = ? WHERE id = ?`, JSON.stringify({ n: 99, 备注: '已办结' }), id(3));
      });
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`审计记录 #${id(3)}（序号 3）的内容被改动过`);
      expect(r.stderr).toContain('edited');
    });

    it('names the missing seq when a row was deleted', async () => {
      await tamper(kind, url, async (a) => {
        await a.run('DELETE FROM audit_log WHERE id = ?', id(3));
      });
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`审计记录 #${id(4)} 之前缺少序号 3`);
      expect(r.stderr).toContain('missing');
    });

    it('fails when the contents of two rows are swapped', async () => {
      await tamper(kind, url, async (a) => {
        const [second, third] = await a.run(`SELECT ${CONTENT} FROM audit_log WHERE id IN (?, ?) ORDER BY id`, id(2), id(3));
        if (second === undefined || third === undefined) throw new Error('rows not found');
        await a.run('DELETE FROM audit_log WHERE id IN (?, ?)', id(2), id(3));
        const insert = `INSERT INTO audit_log (id, ${CONTENT}) VALUES (${Array(16).fill('?').join(', ')})`;
        await a.run(insert, id(2), ...Object.values(third));
        await a.run(insert, id(3), ...Object.values(second));
      });
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`#${id(2)}`);
      expect(r.stderr).toMatch(/审计日志校验未通过/);
    });

    it('refuses the application itself any update or delete of audit rows', async () => {
      const { store } = await openDatabase(url, { adminPassword: ADMIN_ENV.LUOSHI_ADMIN_PASSWORD });
      try {
        await expect(store.db.updateTable('audit_log').set({ after: '{}' }).where('id', '=', id(2)).execute()).rejects.toThrow(/append-only/);
        await expect(store.db.deleteFrom('audit_log').where('id', '=', id(5)).execute()).rejects.toThrow(/append-only/);
        expect(await verifyChain(store.db)).toEqual({ rows: 5, broken: null });
      } finally {
        await store.close();
      }
    });
  });
}

describe('luoshi audit verify: bad input', () => {
  it('refuses a SQLite file that does not exist, without creating it', () => {
    const r = runCli(['audit', 'verify', '--db', '/nonexistent-luoshi-dir/luoshi.db']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('luoshi: 数据库文件不存在：/nonexistent-luoshi-dir/luoshi.db\n');
  });

  it('exits with code 2 on an unknown flag', () => {
    expect(runCli(['audit', 'verify', '--nope']).status).toBe(2);
  });
});
