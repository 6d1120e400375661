/**
 * Backup and restore across databases: a backup taken while another
 * connection writes is a snapshot of one moment, and restores row for row
 * into a fresh SQLite and a fresh PostgreSQL database with its audit chain
 * intact.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { appendAudit } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { insertUnit } from '../../src/modules/unit/unit.repository.js';
import { writeBackup } from '../../src/store/backup.js';
import { openStore, type Store } from '../../src/store/connection.js';
import { openDatabase } from '../../src/startup/open.js';
import { TABLES } from '../../src/store/tables.js';
import { runCli } from '../helpers/cli.js';
import { databaseKinds, dropDatabase, freshDatabase, hasPostgres, type DatabaseKind } from '../helpers/databases.js';
import { QUIET, dumpDatabase, dumpFile, rowCount, seedDatabase, writeUnitWithAudit, type Dump } from './backup-fixture.js';

const available = (kind: DatabaseKind): boolean => kind === 'sqlite' || hasPostgres();
const CLI_TIMEOUT = 120_000;

async function withStore<T>(url: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(url);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

for (const sourceKind of databaseKinds) {
  describe.skipIf(!available(sourceKind))(`backup of ${sourceKind}`, () => {
    const made: [DatabaseKind, string][] = [];
    const fresh = async (kind: DatabaseKind): Promise<string> => {
      const url = await freshDatabase(kind);
      if (url === null) throw new Error('no database');
      made.push([kind, url]);
      return url;
    };
    let dir: string;
    let file: string;
    let source: string;
    let governmentId: number;
    let before: Dump;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-'));
      file = join(dir, 'luoshi.jsonl.gz');
      source = await fresh(sourceKind);
      ({ governmentId } = await seedDatabase(source));
    }, 60_000);
    afterAll(async () => {
      for (const [kind, url] of made) await dropDatabase(kind, url);
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('holds every table of one moment while another connection keeps writing', async () => {
      await withStore(source, async (store) => {
        before = await dumpDatabase(store.db);
        for (const table of TABLES) expect(before[table].length, table).toBeGreaterThan(0);
        const writer = openStore(source);
        let writes = 0;
        try {
          // After every page the second connection commits a unit and its audit row; the backup waits for it.
          const summary = await writeBackup(store, file, { pageSize: 7, onProgress: () => writeUnitWithAudit(writer, governmentId, ++writes) });
          expect(summary.rows).toBe(rowCount(before));
          expect(summary.header).toMatchObject({
            format: 'luoshi-backup',
            version: 1,
            dialect: sourceKind,
            migrations: [
              '2026-11-28-001-initial',
              '2026-11-29-001-reporting',
              '2026-11-29-002-supervision',
              '2026-11-29-003-bulletins',
              '2026-12-07-001-role-grants',
              '2026-12-07-002-audit-anchor',
              '2026-12-07-003-point-in-time',
              '2026-12-07-005-target-changes',
              '2026-12-07-006-government-profile',
              '2026-12-07-007-plan-archive',
              '2026-12-07-008-government-tree',
              '2026-12-07-009-dashboard-aggregates',
            ],
          });
        } finally {
          await writer.close();
        }
        expect(writes).toBeGreaterThan(20);
        const inFile = await dumpFile(file);
        for (const table of TABLES) expect(inFile[table], table).toEqual(before[table]);
        const now = await dumpDatabase(store.db);
        expect(now.units.length).toBe(before.units.length + writes);
        expect(now.audit_log.length).toBe(before.audit_log.length + writes);
        expect(await verifyChain(store.db)).toEqual({ rows: now.audit_log.length, broken: null });
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    });

    for (const targetKind of databaseKinds) {
      it.skipIf(!available(targetKind))(
        `restores into a fresh ${targetKind} database, row for row`,
        async () => {
          const target = await fresh(targetKind);
          const r = runCli(['restore', file, '--db', target]);
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(r.stdout).toContain(`已恢复 ${rowCount(before)} 行`);
          expect(r.stdout).toContain(`审计日志完整：共 ${before.audit_log.length} 条记录，哈希链校验通过`);
          await withStore(target, async (store) => {
            const restored = await dumpDatabase(store.db);
            for (const table of TABLES) expect(restored[table], table).toEqual(before[table]);
            expect(await verifyChain(store.db)).toEqual({ rows: before.audit_log.length, broken: null });
            // New rows draw ids after the restored ones and extend the restored chain.
            await store.db.transaction().execute(async (trx) => {
              const id = await insertUnit(trx, governmentId, '恢复后新增单位', 'department', new Date().toISOString());
              expect(id).toBeGreaterThan(Math.max(...restored.units.map((u) => Number(u[0]))));
              await appendAudit(trx, systemActor(governmentId), { action: 'unit.create', objectType: 'unit', objectId: id });
            });
            expect((await verifyChain(store.db)).broken).toBeNull();
          });
        },
        CLI_TIMEOUT,
      );
    }

    it(
      'refuses a target that holds data unless --force, which replaces it',
      async () => {
        const target = await fresh(sourceKind);
        const opened = await openDatabase(target, QUIET);
        await opened.store.close();
        const held = await withStore(target, (s) => dumpDatabase(s.db));

        const refused = runCli(['restore', file, '--db', target]);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toBe('luoshi: 目标数据库已有数据（1 个用户、0 个计划，共 3 张表有数据）；恢复会清除这些数据，确需覆盖请加 --force\n');
        expect(await withStore(target, (s) => dumpDatabase(s.db))).toEqual(held);

        const forced = runCli(['restore', file, '--db', target, '--force']);
        expect(forced.stderr).toBe('');
        expect(forced.status).toBe(0);
        expect(forced.stdout).toContain('原有数据已清除');
        await withStore(target, async (store) => {
          const restored = await dumpDatabase(store.db);
          for (const table of TABLES) expect(restored[table], table).toEqual(before[table]);
          // The append-only triggers are back after the wipe.
          await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
        });
      },
      CLI_TIMEOUT,
    );
  });
}
