/** Luoshi under benchmark: imported by its own command, served by `luoshi serve` in its own process, signed in. */
import pg from 'pg';
import { findPostgresBin, freePort, startCluster } from '../../tools/pg-cluster.js';
import { spawnNode, spawnTracked, track, waitForExit, waitForOutput } from './processes.js';

const CLI = 'src/cli/main.ts';

export interface Luoshi {
  database: string;
  base: string;
  cookie: string;
  csrfToken: string;
  body: string;
  taskCount: number;
}

export const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The servers' environment: nothing that would point them elsewhere than the benchmark's database. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The first administrator is named: a deployment's is drawn at random unless LUOSHI_ADMIN_USERNAME says.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', LUOSHI_ADMIN_USERNAME: 'admin', ...extra };
  for (const key of ['LUOSHI_DB', 'LUOSHI_GOVERNMENT', 'LUOSHI_SECURE_COOKIES', 'PORT', 'HOST']) delete env[key];
  if (!('LUOSHI_ADMIN_PASSWORD' in extra)) delete env.LUOSHI_ADMIN_PASSWORD;
  return env;
}

/** Imports the seed with `luoshi import --commit`, starts `luoshi serve`, signs in and reads the list once. */
export async function startLuoshi(
  database: string,
  dbUrl: string,
  seed: string,
  password: string,
  /** Run after the import, before the server starts (the write benchmark's round and accounts). */
  prepare?: () => Promise<void>,
): Promise<Luoshi> {
  const imported = spawnTracked(
    `luoshi import (${database})`,
    process.execPath,
    ['--import', 'tsx', CLI, 'import', seed, '--commit', '--db', dbUrl],
    childEnv(),
  );
  const summary = await waitForExit(imported, `luoshi import (${database})`, 120_000);
  log(`  ${database}: ${summary.trim().split('\n')[0] ?? ''}`);
  await prepare?.();

  const port = await freePort();
  const server = spawnNode(
    `luoshi serve (${database})`,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--db', dbUrl],
    childEnv({ LUOSHI_ADMIN_PASSWORD: password }),
  );
  await waitForOutput(server, new RegExp(`http://127\\.0\\.0\\.1:${port}`));
  const base = `http://127.0.0.1:${port}`;

  const { cookie, csrfToken } = await signIn(base, 'admin', password, database);

  const list = await fetch(`${base}/api/tasks`, { headers: { cookie } });
  const body = await list.text();
  if (!list.ok) throw new Error(`${database}: GET /api/tasks answered ${list.status}: ${body.slice(0, 200)}`);
  const taskCount = (JSON.parse(body) as { total: number }).total;
  return { database, base, cookie, csrfToken, body, taskCount };
}

/** A fresh database in the server of LUOSHI_BENCH_PG, dropped at the end. */
async function freshDatabase(url: string): Promise<string> {
  const name = `luoshi_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  track({
    name: `database ${name}`,
    stop: async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
      } finally {
        await client.end();
      }
    },
    stopSync: () => log(`note: the database ${name} was left in LUOSHI_BENCH_PG`),
  });
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.href;
}

/** PostgreSQL for the run: LUOSHI_BENCH_PG, a throwaway server, or none. */
export async function postgresUrl(): Promise<{ url: string; label: string } | null> {
  const given = process.env.LUOSHI_BENCH_PG?.trim();
  if (given?.toLowerCase() === 'off') return null;
  if (given) {
    if (!/^postgres(?:ql)?:\/\//i.test(given)) throw new Error(`LUOSHI_BENCH_PG must be a postgres:// URL or off, got: ${given}`);
    return { url: await freshDatabase(given), label: 'PostgreSQL (LUOSHI_BENCH_PG)' };
  }
  const bin = findPostgresBin();
  if (bin === null) {
    log('PostgreSQL server binaries not found and LUOSHI_BENCH_PG unset: PostgreSQL is skipped (apt-get install postgresql).');
    return null;
  }
  // PostgreSQL's default, durable settings (fsync and synchronous_commit on),
  // so that updates compare fairly with SQLite's synchronous=FULL.
  const cluster = await startCluster(bin, { durable: true, name: 'luoshi-bench-pg' });
  track({ name: 'PostgreSQL', stop: () => cluster.stop(), stopSync: () => cluster.stopSync() });
  return { url: cluster.url, label: `${cluster.version}, default (durable) settings` };
}

/** Signs in (`POST /api/session`): the session cookie and the CSRF token. */
export async function signIn(base: string, username: string, password: string, database: string): Promise<{ cookie: string; csrfToken: string }> {
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!signIn.ok) throw new Error(`${database}: sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const session = (await signIn.json()) as { csrfToken: string; mustChangePassword: boolean };
  const value = signIn.headers
    .getSetCookie()
    .map((c) => /^luoshi_session=([^;]+)/.exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!value) throw new Error(`${database}: sign-in set no session cookie`);
  if (session.mustChangePassword) throw new Error(`${database}: ${username} must change the password first`);
  const cookie = `luoshi_session=${value}`;
  return { cookie, csrfToken: session.csrfToken };
}

/** Single-row durable commits per second of the database itself (bench/api/commit-rate.ts in its own process). */
export async function commitRate(kind: 'sqlite' | 'postgres', target: string, seconds: number): Promise<number> {
  const run = spawnTracked(
    `commit rate (${kind})`,
    process.execPath,
    ['--import', 'tsx', 'bench/api/commit-rate.ts', kind, target, String(seconds)],
    childEnv(),
  );
  const out = await waitForExit(run, `commit rate (${kind})`, (seconds + 60) * 1000);
  const rate = /rate ([\d.]+)/.exec(out)?.[1];
  if (rate === undefined) throw new Error(`commit-rate.ts printed no rate: ${out}`);
  return Number(rate);
}
