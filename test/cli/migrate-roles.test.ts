/**
 * The least-privilege set-up of docs/operations.md, run as written: the
 * superuser's block makes the owner and application roles and the database,
 * `luoshi migrate` as the owner makes the schema and the job queue, the grants
 * block gives the application role its rights, and then the scheduled work
 * runs as the application role, which has no right to change the schema.
 * Role and database names get a random suffix (roles are shared by every
 * database of the server, and other tests use the documented names).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/jobs/scheduler.js';
import type { TickResult } from '../../src/jobs/tick.js';
import { openDatabase } from '../../src/startup/open.js';
import { openStore } from '../../src/store/connection.js';
import { SchemaNotReadyError } from '../../src/store/migrate.js';
import { runCli } from '../helpers/cli.js';
import { dropPostgresDatabase, hasPostgres, postgresServerUrl, withPgClient } from '../helpers/databases.js';
import { docsSqlBlock } from '../helpers/paths.js';
import { startServe } from '../helpers/serve.js';

const ADMIN_PASSWORD = 'Adm1n-Roles-Passw0rd!';
const env = { LUOSHI_ADMIN_USERNAME: 'admin', LUOSHI_ADMIN_PASSWORD: ADMIN_PASSWORD };

function urlFor(server: string, user: string, password: string, database: string): string {
  const u = new URL(server);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  u.pathname = `/${database}`;
  return u.toString();
}

describe.skipIf(!hasPostgres())('the documented PostgreSQL roles: luoshi migrate as the owner, the scheduled work as the application role', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `luoshi_owner_${suffix}`;
  const appRole = `luoshi_app_${suffix}`;
  const database = `t_${suffix}`;
  const rename = (text: string): string =>
    text
      .replace(/\bluoshi_owner\b/g, owner)
      .replace(/\bluoshi_app\b/g, appRole)
      .replace(/\bluoshi\b/g, database);
  let server: string;
  let superuserUrl: string;
  let ownerUrl: string;
  let appUrl: string;

  beforeAll(async () => {
    server = postgresServerUrl() ?? '';
    const [before = '', after = ''] = rename(docsSqlBlock('roles')).split(new RegExp(`^\\\\c ${database}$`, 'm'));
    // psql's \c switches database: the statements before it run on the server, those after it in the new database.
    await withPgClient(server, async (c) => {
      for (const statement of before.split(';').map((s) => s.trim())) if (statement) await c.query(statement);
    });
    superuserUrl = urlFor(server, 'postgres', '', database);
    await withPgClient(superuserUrl, (c) => c.query(after));
    ownerUrl = urlFor(server, owner, '请换成属主密码', database);
    appUrl = urlFor(server, appRole, '请换成程序密码', database);
  }, 60_000);

  afterAll(async () => {
    if (superuserUrl !== undefined) await dropPostgresDatabase(superuserUrl);
    if (server) await withPgClient(server, (c) => c.query(`DROP ROLE IF EXISTS ${appRole}, ${owner}`));
  }, 60_000);

  it('before luoshi migrate, the application role is told to have the owner run it', async () => {
    const tick = runCli(['tick', '--db', appUrl], { env });
    expect(tick.stderr).toBe('luoshi: 数据库尚未初始化：请以属主角色运行 luoshi migrate\n');
    expect(tick.status).toBe(1);
    // The job queue likewise: pg-boss would have to create its schema, which the role may not.
    const store = openStore(appUrl);
    try {
      const scheduler = createScheduler({ store, url: appUrl, governmentId: 1, tick: () => Promise.resolve() });
      await expect(scheduler.start()).rejects.toThrow(new SchemaNotReadyError('数据库尚未初始化：请以属主角色运行 luoshi migrate（定时作业队列尚未建立）'));
    } finally {
      await store.close();
    }
  }, 120_000);

  it('luoshi migrate as the owner creates the schema and the job queue, and a second run changes nothing', async () => {
    const first = runCli(['migrate', '--db', ownerUrl], { env });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^已完成 \d+ 项数据库迁移：2026-11-28-001-initial、.*\n定时作业队列已就绪（pgboss 模式）\n$/);
    expect(first.status).toBe(0);
    const again = runCli(['migrate', '--db', ownerUrl], { env });
    expect(again.stdout).toMatch(/^数据库结构已是最新（共 \d+ 项迁移）\n定时作业队列已就绪（pgboss 模式）\n$/);
    expect(again.status).toBe(0);
    await withPgClient(ownerUrl, (c) => c.query(rename(docsSqlBlock('grants'))));
    const owners = await withPgClient(superuserUrl, (c) =>
      c.query<{ owner: string }>(
        `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'pgboss')`,
      ),
    );
    expect(owners.rows).toEqual([{ owner }]);
  }, 240_000);

  it('leaves the application role no right to change the schema', async () => {
    const rights = await withPgClient(superuserUrl, (c) =>
      c.query(
        `select has_database_privilege($1, current_database(), 'CREATE') as db_create,
                has_database_privilege($1, current_database(), 'TEMP') as db_temp,
                has_schema_privilege($1, 'public', 'CREATE') as public_create,
                has_schema_privilege($1, 'pgboss', 'CREATE') as pgboss_create,
                (select count(*)::int from pg_class where relowner = (select oid from pg_roles where rolname = $1)) as owned`,
        [appRole],
      ),
    );
    expect(rights.rows).toEqual([{ db_create: false, db_temp: false, public_create: false, pgboss_create: false, owned: 0 }]);
  });

  it('runs the scheduled work through pg-boss as the application role', async () => {
    const { store, governmentId } = await openDatabase(appUrl, { adminPassword: ADMIN_PASSWORD, notice: () => undefined });
    const results: TickResult[] = [];
    const errors: unknown[] = [];
    const scheduler = createScheduler({
      store,
      url: appUrl,
      governmentId,
      pollingIntervalSeconds: 0.5,
      onResult: (r) => results.push(r),
      onError: (e) => errors.push(e),
    });
    try {
      await scheduler.start();
      const deadline = Date.now() + 20_000;
      while (results.length === 0 && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await scheduler.stop();
      await store.close();
    }
    expect(errors.map(String)).toEqual([]);
    expect(results).toHaveLength(1);
    expect(results[0]?.errors).toEqual([]);
    const jobs = await withPgClient(superuserUrl, (c) =>
      c.query<{ state: string }>('select state from pgboss.job where name = $1', [`luoshi-supervision-${governmentId}`]),
    );
    expect(jobs.rows).toEqual([{ state: 'completed' }]);
  }, 60_000);

  it('serves and ticks from the command line as the application role', async () => {
    const served = await startServe(appUrl, { env: { ...env, LOG_LEVEL: 'error' } });
    try {
      const health = await fetch(`${served.base}/api/health`);
      expect(health.status).toBe(200);
      // The tick at start goes through the queue (polled every 2 s); a refused statement would be logged as a failure.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(served.stderr()).toBe('');
      expect(served.stdout()).not.toMatch(/permission denied|督办作业失败/);
    } finally {
      await served.stop();
    }
    const tick = runCli(['tick', '--db', appUrl], { env });
    expect(tick.stderr).toBe('');
    expect(tick.status).toBe(0);
  }, 240_000);
});
