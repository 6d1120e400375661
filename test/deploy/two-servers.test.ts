/**
 * More than one server (docs/deploy.md), on this machine: a PostgreSQL primary and a streaming-replication standby
 * (pg_basebackup -R over a replication slot), two `luoshi serve` processes on the primary with the standby as their
 * read replica (LUOSHI_DB_READ), and Debian's nginx in front of both with the documented site configuration
 * (docs/deploy/nginx-luoshi.conf; only its ports, certificates and upstream addresses changed).
 *
 * Shown: a session made through one process serves on the other; a write through process A is read through process
 * B at once; the audit CSV and the ledger workbook, read from the standby, lack the write while the standby's replay is
 * paused and have it once replay resumes; the scheduled tick runs once per slot although both processes run the
 * scheduler; both processes' audit checkpoints, in the folder they share, hold the log; requests through nginx are
 * answered, a write's Origin check passes through it, a client's own X-Forwarded-For is not
 * believed, and with process A killed nginx serves everything from B; with the standby stopped the audit CSV is still
 * served, from the primary.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareJobQueue } from '../../src/jobs/scheduler.js';
import { findPostgresBin, freePort, startCluster, type Cluster } from '../../tools/pg-cluster.js';
import { runCliAsync } from '../helpers/cli.js';
import { withPgClient } from '../helpers/databases.js';
import { repoRoot } from '../helpers/paths.js';
import { Browser, startServe, type Answer, type ServeProcess } from '../helpers/serve.js';
import { createApiFixture, PEOPLE } from '../server/api-fixture.js';

const bin = findPostgresBin();
const NGINX = '/usr/sbin/nginx';
const hasNginx = existsSync(NGINX);
if (!hasNginx && process.env.CI) throw new Error(`${NGINX} is missing: CI installs nginx-light (.ci/run)`);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until `done` holds of the answer or the time is up; the last answer. */
async function poll<T>(ask: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await ask();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(200);
  }
}

const withDatabase = (serverUrl: string, name: string): string => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** The documented site with this run's ports and processes: no TLS here, and no redirecting port-80 server. */
function siteConfig(port: number, upstreams: string[]): string {
  const documented = readFileSync(join(repoRoot, 'docs/deploy/nginx-luoshi.conf'), 'utf8');
  const servers = documented.split(/\n(?=server \{)/);
  const upstream = servers[0] ?? '';
  const site = servers.find((block) => block.includes('listen 443')) ?? '';
  if (!upstream.includes('upstream luoshi') || site === '') throw new Error('docs/deploy/nginx-luoshi.conf: upstream or HTTPS server not found');
  const upstreamLines = upstreams.map((address) => `    server ${address} max_fails=3 fail_timeout=10s;`).join('\n');
  return [
    upstream.replace(/(?:^ {4}server 127\.0\.0\.1:\d+[^\n]*\n)+/m, `${upstreamLines}\n`),
    site
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`)
      .replace(/^\s*ssl_[a-z_]+ [^\n]*\n/gm, '')
      .replace(/server_name [^;]+;/, 'server_name 127.0.0.1;'),
  ].join('\n');
}

describe.skipIf(bin === null)('two luoshi serve processes, a primary and a streaming standby', () => {
  let primary: Cluster | undefined;
  let standby: Cluster | undefined;
  let primaryDb = '';
  let standbyDb = '';
  const served: ServeProcess[] = [];
  let nginx: ChildProcess | undefined;
  let nginxDir = '';
  let proxied = '';
  let governmentId = 0;
  let task = { id: 0 };

  const processLogs = (): string => served.map((s, i) => `--- process ${'AB'[i]} stderr:\n${s.stderr()}\n--- stdout:\n${s.stdout().slice(-3000)}`).join('\n');
  const onStandby = (query: string): Promise<unknown> => withPgClient(standby?.url ?? '', (c) => c.query(query));

  beforeAll(async () => {
    primary = await startCluster(bin ?? '', { durable: false, name: 'luoshi-pg-primary' });
    await withPgClient(primary.url, (c) => c.query("create database luoshi template template0 encoding 'UTF8'"));
    standby = await startCluster(bin ?? '', { durable: false, name: 'luoshi-pg-standby', standbyOf: { port: primary.port, slot: 'luoshi_standby' } });
    primaryDb = withDatabase(primary.url, 'luoshi');
    standbyDb = withDatabase(standby.url, 'luoshi');

    // The schema, the sample plan and everyone's accounts, then the job queue, as `luoshi migrate` makes it.
    const fixture = await createApiFixture(primaryDb);
    governmentId = fixture.governmentId;
    task = { id: fixture.tasks.a.id };
    await fixture.close();
    await prepareJobQueue(primaryDb, governmentId);

    // Both at once, both running the scheduled work; files and audit checkpoints in the folders they share.
    const env = { LUOSHI_DB_READ: standbyDb, LUOSHI_TRUST_PROXY: '127.0.0.1', LOG_LEVEL: 'warn' };
    served.push(...(await Promise.all([startServe(primaryDb, { env }), startServe(primaryDb, { env })])));

    if (hasNginx) {
      nginxDir = mkdtempSync(join(tmpdir(), 'luoshi-nginx-'));
      // nginx's workers run as nobody when started by root: they read the configuration and write their temporary files here.
      chmodSync(nginxDir, 0o755);
      const port = await freePort();
      writeFileSync(
        join(nginxDir, 'site.conf'),
        siteConfig(
          port,
          served.map((s) => new URL(s.base).host),
        ),
      );
      writeFileSync(
        join(nginxDir, 'nginx.conf'),
        [
          'worker_processes 1;',
          `pid ${nginxDir}/nginx.pid;`,
          `error_log ${nginxDir}/error.log warn;`,
          'events { worker_connections 256; }',
          'http {',
          '  access_log off;',
          `  client_body_temp_path ${nginxDir}/body;`,
          `  proxy_temp_path ${nginxDir}/proxy;`,
          `  include ${nginxDir}/site.conf;`,
          '}',
        ].join('\n'),
      );
      let output = '';
      nginx = spawn(NGINX, ['-e', `${nginxDir}/error.log`, '-p', nginxDir, '-c', `${nginxDir}/nginx.conf`, '-g', 'daemon off;'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      nginx.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      nginx.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proxied = `http://127.0.0.1:${port}`;
      const up = await poll(
        () =>
          fetch(`${proxied}/api/health`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200 || nginx?.exitCode !== null,
        20_000,
      );
      if (up !== 200) throw new Error(`nginx did not come up (${String(nginx.exitCode)}):\n${output}\n${readLog(join(nginxDir, 'error.log'))}`);
    }
  }, 240_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const ended = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      const timer = setTimeout(() => nginx?.kill('SIGKILL'), 5_000);
      await ended;
      clearTimeout(timer);
    }
    if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
    await Promise.all(served.map((s) => s.stop()));
    await standby?.stop();
    await primary?.stop();
  }, 90_000);

  it('a session made through A serves on B, and a write through A is read through B at once', async () => {
    const [a, b] = served;
    if (!a || !b) throw new Error('the processes did not start');
    const office = new Browser(a.base);
    await office.signIn(PEOPLE.office.username, PEOPLE.office.password);
    const onB = office.via(b.base);

    const before = await onB.request('GET', `/api/tasks/${task.id}`);
    expect(before.status, processLogs()).toBe(200);
    const version = (before.body as { version: number }).version;
    const changed = await office.request('PATCH', `/api/tasks/${task.id}`, { version, deadline: '2026-11-27', reason: '部署测试：两台服务器' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    const after = await onB.request('GET', `/api/tasks/${task.id}`);
    expect(after.body).toMatchObject({ version: version + 1, deadline: '2026-11-27' });
    // B refuses the version A has moved past: both processes hold their versions in the one database.
    const stale = await onB.request('PATCH', `/api/tasks/${task.id}`, { version, deadline: '2026-11-28', reason: '部署测试：旧版本' });
    expect(stale.status).toBe(409);
  });

  it('the audit CSV and the ledger workbook come from the standby: without a write while replay is paused, with it once replayed', async () => {
    const [a, b] = served;
    if (!a || !b) throw new Error('the processes did not start');
    const office = new Browser(a.base);
    await office.signIn(PEOPLE.office.username, PEOPLE.office.password);
    const auditor = new Browser(b.base);
    await auditor.signIn(PEOPLE.auditor.username, PEOPLE.auditor.password);
    const csv = async (): Promise<string> => {
      const answer = await auditor.request('GET', '/api/audit.csv?objectType=task');
      if (answer.status !== 200) throw new Error(`GET /api/audit.csv: ${answer.status} ${JSON.stringify(answer.body)}\n${processLogs()}`);
      return String(answer.body);
    };
    /** Every cell's text of the ledger workbook, as B serves it. */
    const ledger = async (): Promise<string> => {
      const answer = await office.via(b.base).download('/api/ledger.xlsx');
      if (answer.status !== 200) throw new Error(`GET /api/ledger.xlsx: ${answer.status} ${await answer.text()}\n${processLogs()}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await answer.arrayBuffer());
      const cells: string[] = [];
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            // Strings only: the task's text is one (a merged cell's follower has no text of its own).
            if (typeof cell.value === 'string') cells.push(cell.value);
          }),
        ),
      );
      return cells.join('\n');
    };
    const marker = `备库回放${Date.now()}`;
    const reason = `部署测试：${marker}`;

    await onStandby('select pg_wal_replay_pause()');
    try {
      const current = await office.request('GET', `/api/tasks/${task.id}`);
      const { version, text } = current.body as { version: number; text: string };
      const changed = await office.request('PATCH', `/api/tasks/${task.id}`, { version, text: `${text}（${marker}）`, reason });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      // The primary has it at once (B reads the task from the primary); the standby, paused, has not.
      expect((await office.via(b.base).request('GET', `/api/tasks/${task.id}`)).body).toMatchObject({ version: version + 1 });
      expect(await csv()).not.toContain(reason);
      expect(await ledger()).not.toContain(marker);
    } finally {
      await onStandby('select pg_wal_replay_resume()');
    }
    expect(await poll(csv, (body) => body.includes(reason), 30_000)).toContain(reason);
    expect(await poll(ledger, (cells) => cells.includes(marker), 30_000)).toContain(marker);
  });

  it('runs the scheduled tick once per slot, though both processes run the scheduler', async () => {
    const queue = `luoshi-supervision-${governmentId}`;
    type Slot = { slot: string; jobs: number; completed: number };
    const slots = (): Promise<Slot[]> =>
      withPgClient(primaryDb, async (c) => {
        const { rows } = await c.query<Slot>(
          `select singleton_on::text as slot, count(*)::int as jobs, count(*) filter (where state = 'completed')::int as completed
             from pgboss.job where name = $1 group by singleton_on order by singleton_on`,
          [queue],
        );
        return rows;
      });
    // Each process asked for a tick at start; the one job of the slot is done by one of them.
    const done = await poll(slots, (rows) => rows.length > 0 && rows.every((r) => r.completed === r.jobs), 60_000);
    expect(done.length, processLogs()).toBeGreaterThan(0);
    // Two slots at most (a start across a ten-minute boundary), each with one job, run once.
    expect(done.length).toBeLessThanOrEqual(2);
    for (const slot of done) expect(slot).toMatchObject({ jobs: 1, completed: 1 });
    // Both processes did start the scheduler: each has its own job connections open.
    const jobClients = await withPgClient(primaryDb, async (c) => {
      const { rows } = await c.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'luoshi-jobs'");
      return rows[0]?.n ?? 0;
    });
    expect(jobClients).toBeGreaterThanOrEqual(2);
    for (const s of served) expect(s.alive()).toBe(true);
  });

  it.skipIf(!hasNginx)('through nginx: the Origin check passes, a forged X-Forwarded-For is not believed, a lost process is passed over', async () => {
    const origin = { origin: proxied, 'x-forwarded-for': '203.0.113.9' };
    const office = new Browser(proxied);
    await office.signIn(PEOPLE.office.username, PEOPLE.office.password, origin);
    // Round robin: ten reads, every one answered, by either process.
    for (let i = 0; i < 10; i++) expect((await office.request('GET', `/api/tasks/${task.id}`)).status).toBe(200);
    const current = await office.request('GET', `/api/tasks/${task.id}`);
    const version = (current.body as { version: number }).version;
    const reason = `部署测试：经 nginx ${Date.now()}`;
    const changed = await office.request('PATCH', `/api/tasks/${task.id}`, { version, deadline: '2026-11-25', reason }, origin);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // A foreign Origin is still refused behind the proxy.
    const foreign = await office.request(
      'PATCH',
      `/api/tasks/${task.id}`,
      { version: version + 1, deadline: '2026-11-24', reason },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);

    const row = await withPgClient(primaryDb, async (c) => {
      const { rows } = await c.query<{ ip: string | null }>("select ip from audit_log where action = 'task.update' and after like $1", [`%${reason}%`]);
      return rows;
    });
    expect(row).toEqual([{ ip: '127.0.0.1' }]);

    // Process A gone at once (kill -9): nginx passes its share to B, reads and writes alike, and the session holds.
    await served[0]?.kill();
    for (let i = 0; i < 6; i++) expect((await office.request('GET', `/api/tasks/${task.id}`)).status).toBe(200);
    const again = await office.request(
      'PATCH',
      `/api/tasks/${task.id}`,
      { version: version + 1, deadline: '2026-11-23', reason: `${reason}（A 已停止）` },
      origin,
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  });

  it('the audit checkpoints both processes wrote into the shared folder hold the log', async () => {
    const verified = await runCliAsync(['audit', 'verify', '--verbose', '--db', primaryDb], { timeoutMs: 90_000 });
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^审计日志完整：共 \d+ 条记录，哈希链校验通过\n/);
    expect(verified.status).toBe(0);
  }, 120_000);

  it('takes the backup from the standby, sparing the primary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-'));
    try {
      const file = join(dir, 'luoshi.jsonl.gz');
      const backup = await runCliAsync(['backup', file, '--db', standbyDb], { timeoutMs: 90_000 });
      expect(backup.status, backup.stderr).toBe(0);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('with the standby stopped, the audit CSV is served from the primary (never a 500), and the switch is logged', async () => {
    const b = served[1];
    if (!b || !standby) throw new Error('not started');
    const auditor = new Browser(b.base);
    await auditor.signIn(PEOPLE.auditor.username, PEOPLE.auditor.password);
    await standby.pause();
    const statuses: number[] = [];
    const last = await poll(
      async () => {
        const answer: Answer = await auditor.request('GET', '/api/audit.csv?objectType=task');
        statuses.push(answer.status);
        return answer;
      },
      (answer) => answer.status === 200,
      30_000,
    );
    expect(last.status, processLogs()).toBe(200);
    // A connection the standby ended while lent out fails that one request as unavailable (503), never as a fault.
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(b.stderr()).toContain('只读备库无法连接，只读查询暂由主库承担');
    expect(b.alive()).toBe(true);
  });
});

describe.skipIf(!hasNginx)('the documented nginx site', () => {
  it('passes nginx -t as written, TLS and HTTP/2 included (a self-signed certificate in place of the real one)', (context) => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-nginx-t-'));
    try {
      try {
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'ec',
            '-pkeyopt',
            'ec_paramgen_curve:prime256v1',
            '-nodes',
            '-days',
            '1',
            '-subj',
            '/CN=luoshi.example.gov.cn',
            '-keyout',
            join(dir, 'key.pem'),
            '-out',
            join(dir, 'cert.pem'),
          ],
          { stdio: 'ignore' },
        );
      } catch {
        context.skip('openssl is missing');
      }
      const site = readFileSync(join(repoRoot, 'docs/deploy/nginx-luoshi.conf'), 'utf8')
        .replace('/etc/nginx/tls/luoshi.example.gov.cn.fullchain.pem', join(dir, 'cert.pem'))
        .replace('/etc/nginx/tls/luoshi.example.gov.cn.key.pem', join(dir, 'key.pem'));
      writeFileSync(join(dir, 'site.conf'), site);
      writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp { include ${dir}/site.conf; }\n`);
      const r = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], { encoding: 'utf8', timeout: 30_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '(no log)';
  }
}
