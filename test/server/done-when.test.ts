/**
 * The acceptance, step by step, on SQLite and on PostgreSQL: the seed
 * notice imported twice from the command line, the ledger read through the
 * API, the refusals, the sign-in lock, and the audit chain checked from the
 * command line (and caught out after a hand edit of the SQLite file).
 */
import SQLite from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { hasSeed, seedPath } from '../helpers/paths.js';
import { CHINESE, call, errorOf, signIn, type Session } from './api-fixture.js';

const ENV = { LUOSHI_GOVERNMENT: '临河区人民政府', LUOSHI_ADMIN_USERNAME: 'admin', LUOSHI_ADMIN_PASSWORD: 'Adm1n-Done-Passw0rd!' };
const LIAISON = { username: 'swj_lly', password: 'Lh-21-Strong!Pass9' };
const CLI_TIMEOUT = 120_000;

describeEachDatabase('done when', (getUrl, kind) => {
  let opened: OpenedDatabase | undefined;
  let app: App | undefined;
  const server = (): App => {
    if (!app) throw new Error('the app is not running');
    return app;
  };

  afterAll(async () => {
    await app?.close();
    await opened?.store.close();
  });

  it.runIf(hasSeed)(
    'luoshi import FILE --commit --db URL, run twice, leaves 39 tasks',
    async () => {
      const first = runCli(['import', seedPath, '--commit', '--db', getUrl()], { env: ENV });
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('39 项任务');
      const second = runCli(['import', seedPath, '--commit', '--db', getUrl()], { env: ENV });
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toBe('内容与已导入的版本相同，未做任何更改\n');

      opened = await openDatabase(getUrl(), {
        government: ENV.LUOSHI_GOVERNMENT,
        adminUsername: ENV.LUOSHI_ADMIN_USERNAME,
        adminPassword: ENV.LUOSHI_ADMIN_PASSWORD,
        notice: () => undefined,
        // Anchored as the server opens it, so that the command-line verify holds the log against its checkpoints.
        audit: loadConfig(process.env).audit,
      });
      const tasks = await opened.store.db.selectFrom('tasks').select('id').where('government_id', '=', opened.governmentId).execute();
      expect(tasks).toHaveLength(39);
      app = await buildApp({ store: opened.store, governmentId: opened.governmentId, files: testFiles(opened.store) });
      checkAnswersAgainstSchemas(app);
      await app.ready();
    },
    CLI_TIMEOUT,
  );

  it.runIf(hasSeed)('POST /api/session as admin, then GET /api/tasks returns the 39 tasks', async () => {
    const admin = await signIn(server(), 'admin', ENV.LUOSHI_ADMIN_PASSWORD);
    const res = await call(server(), admin, 'GET', '/api/tasks');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { id: number; text: string }[]; total: number }>();
    expect(body.total).toBe(39);
    expect(body.items).toHaveLength(39);
    expect(new Set(body.items.map((t) => t.id)).size).toBe(39);
  });

  it.runIf(hasSeed)('GET /api/tasks without a session is 401', async () => {
    const res = await call(server(), null, 'GET', '/api/tasks');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('unauthenticated');
    expect(errorOf(res).message).toMatch(CHINESE);
  });

  let liaison: Session;
  it.runIf(hasSeed)('a liaison of 区商务局 is refused the audit log (403)', async () => {
    if (!opened) throw new Error('the database is not open');
    await createUser(opened.store.db, systemActor(opened.governmentId, 'test-operator'), {
      username: LIAISON.username,
      role: 'liaison',
      unitName: '区商务局',
      password: LIAISON.password,
    });
    liaison = await signIn(server(), LIAISON.username, LIAISON.password);
    const res = await call(server(), liaison, 'GET', '/api/audit');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('forbidden');
    expect((await call(server(), liaison, 'GET', '/api/tasks')).statusCode, 'the ledger stays open to them').toBe(200);
  });

  it.runIf(hasSeed)('the sixth sign-in within 15 minutes after five failures is 429', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call(server(), null, 'POST', '/api/session', { username: LIAISON.username, password: 'Lh-21-Wrong!Pass99' });
      expect(res.statusCode).toBe(401);
    }
    const sixth = await call(server(), null, 'POST', '/api/session', { username: LIAISON.username, password: LIAISON.password });
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth).code).toBe('locked');
  });

  it.runIf(hasSeed)(
    `luoshi audit verify --db URL passes${kind === 'sqlite' ? ', and fails once a row of audit_log is edited by hand' : ''}`,
    async () => {
      await app?.close();
      app = undefined;
      await opened?.store.close();
      opened = undefined;

      const clean = runCli(['audit', 'verify', '--db', getUrl()], { env: ENV });
      expect(clean.stderr).toBe('');
      expect(clean.status).toBe(0);
      expect(clean.stdout).toMatch(/^审计日志完整：共 \d+ 条记录，哈希链校验通过\n$/);
      if (kind !== 'sqlite') return;

      const file = new SQLite(getUrl());
      try {
        file.exec('DROP TRIGGER audit_log_no_update');
        const row = file.prepare('SELECT id FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1').get() as { id: number } | undefined;
        if (!row) throw new Error('the audit log has fewer than two rows');
        const changed = file.prepare('UPDATE audit_log SET actor_username = ? WHERE id = ?').run('someone-else', row.id);
        expect(changed.changes).toBe(1);
      } finally {
        file.close();
      }
      const tampered = runCli(['audit', 'verify', '--db', getUrl()], { env: ENV });
      expect(tampered.status).not.toBe(0);
      expect(tampered.stdout).toBe('');
      expect(tampered.stderr).toMatch(/审计日志校验未通过/);
    },
    CLI_TIMEOUT,
  );
});
