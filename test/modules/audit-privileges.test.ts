/**
 * The PostgreSQL privilege model of docs/operations.md, proven: the grants
 * block of that page, run as written, leaves the application role able to run
 * Luoshi and append to the audit log, and unable to change it, even with the
 * append-only trigger disabled by a superuser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { appendAudit } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { prepareJobQueue } from '../../src/jobs/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { runCli } from '../helpers/cli.js';
import { dropPostgresDatabase, freshPostgresDatabase, hasPostgres, postgresServerUrl, withPgClient } from '../helpers/databases.js';
import { docsSqlBlock } from '../helpers/paths.js';

const ROLE = 'luoshi_app';
const ROLE_PASSWORD = 'app-role-test-password';
// Anchored as the doors open it (LUOSHI_AUDIT_DIR of the test run), so that `luoshi audit verify` finds its checkpoints.
const quiet = { adminUsername: 'admin', adminPassword: 'Adm1n-Test-Passw0rd', notice: () => undefined, audit: loadConfig(process.env).audit };

const withUser = (url: string, user: string, password: string): string => {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
};

describe.skipIf(!hasPostgres())('PostgreSQL privileges of the application role', () => {
  let ownerUrl: string;
  let appUrl: string;
  let createdRole = false;
  let app: OpenedDatabase;

  beforeAll(async () => {
    const url = await freshPostgresDatabase();
    if (url === null) throw new Error('no database');
    ownerUrl = url;
    // The test's superuser plays the owner: it creates the tables and the job queue (as luoshi migrate does), then runs
    // the documented grants.
    const owner = await openDatabase(ownerUrl, quiet);
    await prepareJobQueue(ownerUrl, owner.governmentId);
    await owner.store.db
      .transaction()
      .execute((trx) => appendAudit(trx, systemActor(owner.governmentId), { action: 'plan.import', objectType: 'plan', objectId: 1 }));
    await owner.store.close();
    await withPgClient(ownerUrl, async (c) => {
      const exists = (await c.query('select 1 from pg_roles where rolname = $1', [ROLE])).rowCount === 1;
      if (!exists) {
        await c.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE_PASSWORD}'`);
        createdRole = true;
      }
      await c.query(docsSqlBlock('grants'));
    });
    appUrl = withUser(ownerUrl, ROLE, ROLE_PASSWORD);
    app = await openDatabase(appUrl, quiet);
  }, 60_000);

  afterAll(async () => {
    await app?.store.close();
    if (ownerUrl !== undefined) await dropPostgresDatabase(ownerUrl);
    const server = postgresServerUrl();
    if (createdRole && server !== null) await withPgClient(server, (c) => c.query(`DROP ROLE IF EXISTS ${ROLE}`));
  }, 60_000);

  it('runs Luoshi: opens the database, writes data and appends audit rows', async () => {
    const actor = systemActor(app.governmentId, 'test-operator');
    await app.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ display_name: '系统管理员' }).where('username', '=', 'admin').execute();
      await appendAudit(trx, actor, { action: 'user.update', objectType: 'user', objectId: 1, after: { display_name: '系统管理员' } });
    });
    expect(await verifyChain(app.store.db)).toEqual({ rows: 3, broken: null });
  });

  it('cannot update, delete or truncate audit rows', async () => {
    const denied = /permission denied for table audit_log/;
    await expect(app.store.db.updateTable('audit_log').set({ ip: '10.0.0.1' }).execute()).rejects.toThrow(denied);
    await expect(app.store.db.deleteFrom('audit_log').execute()).rejects.toThrow(denied);
    await expect(sql`truncate audit_log`.execute(app.store.db)).rejects.toThrow(denied);
  });

  it('cannot disable the trigger, and is still refused when a superuser has disabled it', async () => {
    await expect(sql`alter table audit_log disable trigger user`.execute(app.store.db)).rejects.toThrow(/must be owner/);
    await withPgClient(ownerUrl, (c) => c.query('ALTER TABLE audit_log DISABLE TRIGGER USER'));
    try {
      await withPgClient(appUrl, async (c) => {
        await expect(c.query("UPDATE audit_log SET after = '{}' WHERE seq = 2")).rejects.toThrow(/permission denied for table audit_log/);
        await expect(c.query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/permission denied for table audit_log/);
      });
    } finally {
      await withPgClient(ownerUrl, (c) => c.query('ALTER TABLE audit_log ENABLE TRIGGER USER'));
    }
    expect((await verifyChain(app.store.db)).broken).toBeNull();
  });

  it('cannot change the schema or its migration record', async () => {
    await expect(sql`insert into luoshi_migrations (name, timestamp) values ('forged', 'x')`.execute(app.store.db)).rejects.toThrow(/permission denied/);
    await expect(sql`drop table sessions`.execute(app.store.db)).rejects.toThrow(/must be owner/);
  });

  it('can verify the log and take a backup from the command line', () => {
    const verify = runCli(['audit', 'verify', '--db', appUrl]);
    expect(verify.stdout).toMatch(/^审计日志完整：共 3 条记录，哈希链校验通过\n/);
    expect(verify.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-'));
    try {
      const backup = runCli(['backup', join(dir, 'b.jsonl.gz'), '--db', appUrl]);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two commands, each starting from source: slow on a busy machine.
  }, 120_000);
});
