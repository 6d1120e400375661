/**
 * `luoshi audit verify` on both databases: a log written by the application
 * passes; the same log altered behind the application's back (triggers
 * dropped or disabled, as an attacker with file or superuser access would)
 * fails and names the first row that does not hold. Rows deleted from the
 * end leave the chain whole, so the end is held against the signed
 * checkpoints written beside the database (ADR 0015): truncation, a missing
 * checkpoint file and a forged checkpoint fail too.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { appendAudit, rowDigest } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { anchorPaths, type AnchorPaths } from '../../src/modules/audit/audit-anchor.js';
import { openDatabase } from '../../src/startup/open.js';
import { atomically } from '../../src/store/unit-of-work.js';
import { runCli } from '../helpers/cli.js';
import { databaseKinds, dropDatabase, freshDatabase, hasPostgres, type DatabaseKind } from '../helpers/databases.js';

const ADMIN_ENV = { LUOSHI_ADMIN_PASSWORD: 'Adm1n-Test-Passw0rd' };
/** The anchor as the commands find it: beside a SQLite file, in LUOSHI_AUDIT_DIR (test/setup/files.ts) for PostgreSQL. */
const AUDIT = { dir: process.env.LUOSHI_AUDIT_DIR };
/** Rows in the seeded log: the first administrator's and the appended ones. */
const ROWS = 15;

interface AuditIds {
  /** Ids of the audit rows in order of seq (one government). */
  ids: number[];
}

/** A database opened by Luoshi with its anchor (first administrator, one audit row) plus fourteen rows written by appendAudit. */
async function seed(url: string): Promise<AuditIds> {
  const { store, governmentId } = await openDatabase(url, { adminPassword: ADMIN_ENV.LUOSHI_ADMIN_PASSWORD, notice: () => undefined, audit: AUDIT });
  try {
    const actor = systemActor(governmentId, 'test-operator');
    for (let n = 1; n < ROWS; n++) {
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
  describe.skipIf(kind === 'postgres' && !hasPostgres())(`luoshi audit verify [${kind}]`, { timeout: 150_000 }, () => {
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

    it('passes on a log written by the application, in one line; --verbose adds the checkpoint it held the log against', () => {
      const r = verify(url);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`审计日志完整：共 ${ROWS} 条记录，哈希链校验通过\n`);
      expect(r.status).toBe(0);
      const v = runCli(['audit', 'verify', '--verbose', '--db', url], { env: ADMIN_ENV });
      expect(v.stdout).toMatch(new RegExp(`^审计日志完整：共 ${ROWS} 条记录，哈希链校验通过\n检查点校验通过：记录数与最新检查点（[^）]+）相符`));
      expect(v.status).toBe(0);
    });

    for (const deleted of [1, 10, ROWS]) {
      it(`fails when the newest ${deleted === ROWS ? 'rows, all of them,' : `${deleted} row${deleted > 1 ? 's' : ''}`} are deleted behind the application's back`, async () => {
        await tamper(kind, url, async (a) => {
          await a.run('DELETE FROM audit_log WHERE seq > ?', ROWS - deleted);
        });
        const r = verify(url);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`审计日志校验未通过：审计记录被截断：检查点记录 ${ROWS} 条，库中仅 ${ROWS - deleted} 条`);
        expect(r.status).toBe(1);
      });
    }

    it('fails when the newest row is replaced by another that chains to the same predecessor', async () => {
      await tamper(kind, url, async (a) => {
        const [last] = await a.run(`SELECT ${CONTENT} FROM audit_log WHERE seq = ?`, ROWS);
        if (last === undefined) throw new Error('row not found');
        await a.run('DELETE FROM audit_log WHERE seq = ?', ROWS);
        const forged: Record<string, unknown> = { ...last, after: JSON.stringify({ n: 0 }) };
        forged.hash = rowDigest(forged as unknown as Parameters<typeof rowDigest>[0]);
        await a.run(`INSERT INTO audit_log (${CONTENT}) VALUES (${Array(15).fill('?').join(', ')})`, ...Object.values(forged));
      });
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`审计记录与检查点不符：序号 ${ROWS} 的记录已不是检查点时的那一条`);
    });

    it('passes with rows appended after the latest checkpoint, and checkpoints a committed change without waiting for close', async () => {
      const { store, governmentId } = await openDatabase(url, { notice: () => undefined, audit: AUDIT });
      const paths = anchorPaths(url, AUDIT) as AnchorPaths;
      try {
        const actor = systemActor(governmentId, 'test-operator');
        await atomically(store.db, (trx) => appendAudit(trx, actor, { action: 'task.update', objectType: 'task', objectId: 99 }));
        await expect.poll(() => readFileSync(paths.checkpoints, 'utf8'), { timeout: 5000 }).toContain(`"seq":${ROWS + 1},`);
      } finally {
        await store.close();
      }
      // Written by a process without the anchor (the checkpoint lags behind): still whole.
      const plain = await openDatabase(url, { notice: () => undefined });
      try {
        await atomically(plain.store.db, (trx) =>
          appendAudit(trx, systemActor(plain.governmentId, 't'), { action: 'task.update', objectType: 'task', objectId: 1 }),
        );
      } finally {
        await plain.store.close();
      }
      const r = verify(url);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`共 ${ROWS + 2} 条记录`);
      expect(r.status).toBe(0);
    });

    it('fails when the checkpoint file is gone while rows remain, until the log is anchored again', () => {
      const paths = anchorPaths(url, AUDIT) as AnchorPaths;
      rmSync(paths.checkpoints);
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`缺少检查点：检查点文件 ${paths.checkpoints} 不存在`);
      // A command that writes does not quietly start the file again: the finding stays.
      expect(runCli(['tick', '--db', url], { env: ADMIN_ENV }).stderr).toContain('审计检查点文件');
      expect(verify(url).status).toBe(1);
      const anchored = runCli(['audit', 'anchor', '--db', url], { env: ADMIN_ENV });
      expect(anchored.stdout).toContain('已重新锚定审计日志');
      expect(anchored.status).toBe(0);
      expect(verify(url).status).toBe(0);
    });

    it('fails on a checkpoint whose signature does not hold', () => {
      const paths = anchorPaths(url, AUDIT) as AnchorPaths;
      const lines = readFileSync(paths.checkpoints, 'utf8').trimEnd().split('\n');
      // Whoever lacks the key cannot lower the checkpointed count to match a truncated log.
      const last = JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
      appendFileSync(paths.checkpoints, `${JSON.stringify({ ...last, seq: 1 })}\n`);
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`检查点签名无效：${paths.checkpoints} 第 ${lines.length + 1} 行`);
      // Nor can they start a new era with an anchor line of their own.
      writeFileSync(
        paths.checkpoints,
        `${lines.join('\n')}\n${JSON.stringify({ v: 1, kind: 'anchor', reason: 'reanchored', at: 'x', mac: '0'.repeat(64) })}\n`,
      );
      expect(verify(url).stderr).toContain('检查点签名无效');
    });

    it('fails when the key is gone', () => {
      const paths = anchorPaths(url, AUDIT) as AnchorPaths;
      rmSync(paths.keyFile);
      const r = verify(url);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('缺少检查点：检查点密钥');
    });

    it('refuses an insert that would replace an audit row', async () => {
      if (kind === 'sqlite') {
        const db = new SQLite(url);
        try {
          const insert = (verb: string, withId: boolean): unknown =>
            db
              .prepare(`${verb} INTO audit_log (${withId ? 'id, ' : ''}${CONTENT}) SELECT ${withId ? 'id, ' : ''}${CONTENT} FROM audit_log WHERE seq = 2`)
              .run();
          expect(() => insert('INSERT OR REPLACE', true)).toThrow(/append-only/);
          expect(() => insert('INSERT OR REPLACE', false)).toThrow(/append-only/);
          expect(() => insert('REPLACE', true)).toThrow(/append-only/);
        } finally {
          db.close();
        }
      } else {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await expect(
            client.query(
              `INSERT INTO audit_log (id, ${CONTENT}) SELECT id, ${CONTENT} FROM audit_log WHERE seq = 2 ON CONFLICT (id) DO UPDATE SET after = '{}'`,
            ),
          ).rejects.toThrow(/append-only/);
          await expect(client.query('TRUNCATE audit_log CASCADE')).rejects.toThrow(/append-only/);
        } finally {
          await client.end();
        }
      }
      expect(verify(url).status).toBe(0);
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
        expect(await verifyChain(store.db)).toEqual({ rows: ROWS, broken: null });
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
