/**
 * `npm run bench:national [-- --scale S]`: Luoshi at national scale on
 * PostgreSQL, measured side by side in one run.
 *
 * 1. PostgreSQL: LUOSHI_BENCH_PG=postgres://… gets a fresh database created
 *    (and dropped at the end) in that server; otherwise a throwaway server is
 *    started with PostgreSQL's durable defaults and shared_buffers = 1GB.
 * 2. `luoshi migrate` makes the schema (indexes included) and the first
 *    administrator; bench/national/generate.ts fills it inside PostgreSQL
 *    (province → cities → counties, ~200,000 tasks and ~12 million report rows
 *    at --scale 1, the default), then ANALYZE.
 * 3. `luoshi serve --no-jobs` in its own process and a bare node:http server
 *    answering every GET with the body of a county's `GET /api/tasks`; each
 *    government's office signs in over HTTP.
 * 4. Measured with wrk (BENCH_THREADS × BENCH_CONNECTIONS, BENCH_DURATION s
 *    each; a Lua script gives p50/p95/p99): the bare server; the ledger list
 *    (a county's, the province's); the dashboard (`GET /api/dashboard`, no
 *    parameters: today, the newest plan) of a county and of a city; a city's
 *    roll-up of its counties and the national roll-up (`GET /api/rollup` as
 *    the city's and the province's office); report edits under concurrent load
 *    (`PATCH /api/reports/:id`, BENCH_EDITORS connections, each a different
 *    county's liaison editing a draft of its own). The first answer of each
 *    (the uncached one) is timed on its own, over BENCH_FIRST governments for
 *    the dashboards and roll-ups, after the server has answered each kind once
 *    for a government outside the samples. The server's memory (RSS) is read from /proc
 *    before and after, with its peak.
 *
 * Prints one Markdown table with the aims beside (dashboard p95 ≤ 10 ms,
 * national roll-up ≤ 50 ms). Every child process, database and temporary
 * directory goes away at the end, on error and on Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { commitRate } from './api/luoshi.js';
import { positive, runMain, spawnNode, spawnTracked, track, waitForExit, waitForOutput } from './api/processes.js';
import { wrkVersion } from './api/wrk.js';
import { generate, shapeAt, ROUNDS, UNITS_PER_TASK } from './national/generate.js';
import { editLoad, readLoad, timed, type Editor, type Load, type WrkRun } from './national/load.js';
import { findPostgresBin, freePort, startCluster } from '../tools/pg-cluster.js';

const DURATION_S = positive('BENCH_DURATION', 10);
const THREADS = positive('BENCH_THREADS', 2);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 4);
const EDITORS = positive('BENCH_EDITORS', 8);
const FIRST = positive('BENCH_FIRST', 10);
const CLI = 'src/cli/main.ts';
/** A first answer slower than this is measured by SLOW_REPEATS requests one at a time instead of wrk. */
const SLOW_MS = 1000;
const SLOW_REPEATS = 3;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', LUOSHI_ADMIN_USERNAME: 'admin', ...extra };
  for (const key of ['LUOSHI_DB', 'LUOSHI_GOVERNMENT', 'LUOSHI_SECURE_COOKIES', 'PORT', 'HOST']) delete env[key];
  if (!('LUOSHI_ADMIN_PASSWORD' in extra)) delete env.LUOSHI_ADMIN_PASSWORD;
  return env;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PostgreSQL for the run: a fresh database in LUOSHI_BENCH_PG, or a throwaway server. */
async function postgres(): Promise<{ url: string; label: string }> {
  const given = process.env.LUOSHI_BENCH_PG?.trim();
  if (given) {
    if (!/^postgres(?:ql)?:\/\//i.test(given)) throw new Error(`LUOSHI_BENCH_PG must be a postgres:// URL, got: ${given}`);
    const name = `luoshi_national_${process.pid}_${Date.now().toString(36)}`;
    await withClient(given, (c) => c.query(`CREATE DATABASE ${name}`));
    track({
      name: `database ${name}`,
      stop: () => withClient(given, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`)).then(() => undefined),
      stopSync: () => log(`note: the database ${name} was left in LUOSHI_BENCH_PG`),
    });
    const url = new URL(given);
    url.pathname = `/${name}`;
    return { url: url.href, label: 'PostgreSQL of LUOSHI_BENCH_PG, its own settings' };
  }
  const bin = findPostgresBin();
  if (bin === null) throw new Error('PostgreSQL server binaries not found and LUOSHI_BENCH_PG unset (apt-get install postgresql)');
  const cluster = await startCluster(bin, { durable: true, name: 'luoshi-national-pg' });
  track({ name: 'PostgreSQL', stop: () => cluster.stop(), stopSync: () => cluster.stopSync() });
  // A national deployment gives the database more than the 128 MB default; everything else stays as shipped (durable).
  await withClient(cluster.url, (c) => c.query("ALTER SYSTEM SET shared_buffers = '1GB'"));
  await cluster.pause();
  await cluster.resume();
  return { url: cluster.url, label: `${cluster.version}, durable defaults, shared_buffers = 1GB` };
}

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(base: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`${username}: sign-in answered ${response.status}: ${await response.text()}`);
  const session = (await response.json()) as { csrfToken: string; mustChangePassword: boolean };
  const value = response.headers
    .getSetCookie()
    .map((c) => /^luoshi_session=([^;]+)/.exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!value) throw new Error(`${username}: sign-in set no session cookie`);
  if (session.mustChangePassword) throw new Error(`${username}: must change the password first`);
  return { cookie: `luoshi_session=${value}`, csrfToken: session.csrfToken };
}

/** The server's resident memory and its peak, in MB, from /proc. */
function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

interface Row {
  what: string;
  first?: { p50: number; p95: number; n: number };
  load?: Load;
  aim?: string;
  note?: string;
}

runMain(async () => {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 4) throw new Error(`--scale must be a number in (0, 4], got: ${values.scale}`);
  const wrk = wrkVersion();
  if (wrk === null) {
    log('bench:national needs wrk, which is not installed: apt-get install wrk');
    process.exit(2);
  }
  const shape = shapeAt(scale);
  const work = mkdtempSync(join(tmpdir(), 'luoshi-national-'));
  track({
    name: 'temporary directory',
    stop: async () => rmSync(work, { recursive: true, force: true }),
    stopSync: () => rmSync(work, { recursive: true, force: true }),
  });
  const password = `Bench-${randomBytes(12).toString('hex')}-Aa1`;
  const runStarted = Date.now();

  log(`scale ${scale}: 1 province, ${shape.cities} cities, ${shape.counties} counties`);
  const db = await postgres();
  log('luoshi migrate…');
  await waitForExit(
    spawnTracked('luoshi migrate', process.execPath, ['--import', 'tsx', CLI, 'migrate', '--db', db.url], childEnv({ LUOSHI_ADMIN_PASSWORD: password })),
    'luoshi migrate',
    300_000,
  );
  log('generating…');
  const made = await withClient(db.url, (client) => generate(client, scale, log));
  const dbSize = await withClient(
    db.url,
    async (c) => (await c.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0]?.s ?? '?',
  );
  log(
    `generated in ${made.seconds.toFixed(0)} s: ${made.governments} governments, ${made.tasks} tasks, ${made.reports} reports, ${made.reportValues} report figures; ${dbSize}`,
  );

  const province = 1;
  const city = 2;
  const county = 2 + shape.cities;
  const spread = (from: number, count: number, n: number): number[] =>
    Array.from({ length: Math.min(n, count) }, (_, i) => from + Math.floor((i * count) / Math.min(n, count)));
  const counties = spread(county, shape.counties, Math.max(FIRST, EDITORS * 2));
  const cities = spread(city, shape.cities, FIRST);

  const port = await freePort();
  const server = spawnNode('luoshi serve', [CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--db', db.url, '--no-jobs'], childEnv());
  await waitForOutput(server, new RegExp(`http://127\\.0\\.0\\.1:${port}`), 120_000);
  const pid = server.child.pid ?? 0;
  const base = `http://127.0.0.1:${port}`;
  const memStart = memory(pid);

  log('signing in…');
  const sessions = new Map<string, Session>();
  const session = async (username: string): Promise<Session> => {
    const known = sessions.get(username);
    if (known) return known;
    const s = await signIn(base, username, password);
    sessions.set(username, s);
    return s;
  };
  for (const id of new Set([province, ...cities, ...counties.slice(0, FIRST)])) await session(`office-${id}`);

  // The server's own warm-up (its code compiled, its pool opened) on governments outside the samples, so that "first"
  // measures a government's first answer rather than the process's.
  const lastCounty = 1 + shape.cities + shape.counties;
  const lastCity = 1 + shape.cities;
  for (const [path, id] of [
    ['/api/tasks', lastCounty],
    ['/api/dashboard', lastCounty],
    ['/api/dashboard', lastCity],
    ['/api/rollup', lastCity],
  ] as const) {
    if (!counties.includes(id) && !cities.includes(id)) await timed(`${base}${path}`, (await session(`office-${id}`)).cookie);
  }

  const rows: Row[] = [];
  const run = (name: string): WrkRun => ({ base: `${base}/`, work, name, threads: THREADS, connections: CONNECTIONS, durationS: DURATION_S });
  const firsts = async (path: string, governments: readonly number[]): Promise<{ p50: number; p95: number; n: number; body: string }> => {
    const times: number[] = [];
    let body = '';
    for (const id of governments) {
      const answer = await timed(`${base}${path}`, (await session(`office-${id}`)).cookie);
      if (answer.status !== 200) throw new Error(`GET ${path} as office-${id} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      times.push(answer.ms);
      body = answer.body;
    }
    if (process.env.BENCH_SHOW === '1') log(`  ${path}: ${body.slice(0, 1500)}`);
    return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length, body };
  };
  const measure = async (what: string, path: string, first: readonly number[], steady: number, aim?: string): Promise<string> => {
    log(`measuring ${what}…`);
    const f = await firsts(path, first);
    const cookie = (await session(`office-${steady}`)).cookie;
    if (f.p50 > SLOW_MS) {
      // Too slow for wrk's window: a few requests one after another, after the first.
      const times: number[] = [];
      for (let i = 0; i < SLOW_REPEATS; i++) times.push((await timed(`${base}${path}`, cookie)).ms);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      const load: Load = {
        requestsPerSecond: 1000 / mean,
        requests: times.length,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        p99Ms: percentile(times, 99),
        non2xx: 0,
        socketErrors: 0,
        failures: [],
      };
      rows.push({
        what,
        first: { p50: f.p50, p95: f.p95, n: f.n },
        load,
        note: `steady: ${SLOW_REPEATS} requests one at a time, too slow for wrk`,
        ...(aim ? { aim } : {}),
      });
      return f.body;
    }
    const load = await readLoad(run(what.replace(/\W+/g, '-')), path, cookie);
    rows.push({ what, first: { p50: f.p50, p95: f.p95, n: f.n }, load, ...(aim ? { aim } : {}) });
    return f.body;
  };

  // The baseline: the very body of a county's ledger list.
  const countyList = await timed(`${base}/api/tasks`, (await session(`office-${county}`)).cookie);
  if (countyList.status !== 200) throw new Error(`GET /api/tasks answered ${countyList.status}: ${countyList.body.slice(0, 300)}`);
  const bodyFile = join(work, 'tasks.json');
  writeFileSync(bodyFile, countyList.body);
  const bare = spawnNode('bare node:http', ['bench/api/bare-server.ts', bodyFile], childEnv());
  const barePort = (await waitForOutput(bare, /listening (\d+)/))[1];
  log('measuring the bare node:http server…');
  rows.push({
    what: `bare node:http, the same ${(countyList.bytes / 1024).toFixed(1)} kB body as a county's list`,
    load: await readLoad({ ...run('bare'), base: `http://127.0.0.1:${barePort}/` }, '/', 'none'),
  });
  await bare.stop();

  const countyTasks = (JSON.parse(countyList.body) as { total: number }).total;
  await measure(`ledger list, a county (GET /api/tasks, ${countyTasks} tasks)`, '/api/tasks', counties.slice(0, FIRST), county);
  // Its size is known once its first answer is in: the row is named afterwards.
  const provinceBody = await measure('ledger list, the province (GET /api/tasks)', '/api/tasks', [province], province);
  const provinceRow = rows[rows.length - 1];
  if (provinceRow)
    provinceRow.what = `ledger list, the province (GET /api/tasks, ${(JSON.parse(provinceBody) as { total: number }).total} tasks, ${(Buffer.byteLength(provinceBody) / 1024).toFixed(0)} kB)`;
  await measure('dashboard, a county (GET /api/dashboard)', '/api/dashboard', counties.slice(0, FIRST), county, 'p95 ≤ 10 ms');
  await measure('dashboard, a city (GET /api/dashboard)', '/api/dashboard', cities, city, 'p95 ≤ 10 ms');
  const countiesPerCity = Math.round(shape.counties / shape.cities);
  await measure(`a city's roll-up of its ~${countiesPerCity} counties (GET /api/rollup)`, '/api/rollup', cities, city);
  const national = await measure(
    `national roll-up, the province's of its ${shape.cities} cities (GET /api/rollup)`,
    '/api/rollup',
    [province],
    province,
    '≤ 50 ms',
  );
  const rolledUp = (JSON.parse(national) as { items: unknown[] }).items.length;
  if (rolledUp !== shape.cities) log(`note: the national roll-up holds ${rolledUp} governments, not ${shape.cities}`);

  log('measuring report edits…');
  const editors: Editor[] = [];
  await withClient(db.url, async (client) => {
    for (const id of counties) {
      if (editors.length >= EDITORS) break;
      const found = await client.query<{ id: number; version: number }>(
        `SELECT r.id, r.version FROM reports r JOIN users u ON u.unit_id = r.unit_id AND u.username = $2
         WHERE r.government_id = $1 AND r.status = 'draft' ORDER BY r.id LIMIT 1`,
        [id, `liaison-${id}`],
      );
      const report = found.rows[0];
      if (!report) continue;
      const s = await session(`liaison-${id}`);
      editors.push({ cookie: s.cookie, csrfToken: s.csrfToken, reportId: report.id, version: report.version });
    }
  });
  if (editors.length === 0) throw new Error('no draft report to edit');
  const edits = await editLoad(run('edits'), editors);
  rows.push({ what: `report edits (PATCH /api/reports/:id), ${editors.length} connections, each a county's liaison on its own draft`, load: edits });
  // The database's own durable limit on the same server and disk: single-row commits, one after another, in a table of
  // their own (bench/api/commit-rate.ts), measured right after the edits.
  log('measuring the single-row commit rate of PostgreSQL itself…');
  const rawCommits = await commitRate('postgres', db.url, DURATION_S);
  await timed(`${base}/api/dashboard`, (await session(`office-${county}`)).cookie); // the dashboard answers after the writes
  const memEnd = memory(pid);
  await server.stop();

  const ms = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(0));
  const date = new Date().toISOString().slice(0, 10);
  console.log(
    `${date}; node ${process.version}; ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, shared by PostgreSQL, the server and wrk; ${wrk}; ${db.label}`,
  );
  console.log(
    `data (--scale ${scale}): ${made.governments} governments (1 province, ${shape.cities} cities, ${shape.counties} counties), ${made.tasks} tasks, ${made.targets} targets, ` +
      `${made.assignments} tasks handed down, ${made.reports} report rows (${ROUNDS} rounds × ${UNITS_PER_TASK} units × tasks), ${made.reportValues} report figures; ` +
      `${dbSize}; generated in ${made.seconds.toFixed(0)} s`,
  );
  console.log(
    `wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION_S}s (edits: one thread and connection per editor); "first" is the first answer for each of n governments, one at a time`,
  );
  console.log('');
  console.log('| measured | first p50 ms | first p95 ms (n) | req/s | p50 ms | p95 ms | p99 ms | non-2xx | aim |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const l = r.load && r.load.requests > 0 ? r.load : undefined;
    const errors = l && l.socketErrors > 0 ? ` (+${l.socketErrors} socket errors)` : '';
    console.log(
      `| ${r.what}${r.note ? `; ${r.note}` : ''} | ${ms(r.first?.p50)} | ${r.first ? `${ms(r.first.p95)} (${r.first.n})` : '–'} | ${l ? (l.requestsPerSecond < 10 ? l.requestsPerSecond.toFixed(2) : l.requestsPerSecond.toFixed(0)) : '–'} | ${ms(l?.p50Ms)} | ${ms(l?.p95Ms)} | ${ms(l?.p99Ms)} | ${l ? `${l.non2xx}${errors}` : '–'} | ${r.aim ?? ''} |`,
    );
  }
  for (const r of rows) for (const failure of r.load?.failures ?? []) console.log(`${r.what}, a failed answer: ${failure}`);
  console.log('');
  const rate = (what: string): number => rows.find((r) => r.what.startsWith(what))?.load?.requestsPerSecond ?? Number.NaN;
  const percent = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '–');
  console.log(
    `In the same run: a county's ledger list ÷ bare node:http ${percent(rate('ledger list, a county'), rate('bare node:http'))} (aim ≥ 40 %); ` +
      `report edits ÷ PostgreSQL's own single-row commits (${rawCommits.toFixed(0)}/s) ${percent(rate('report edits'), rawCommits)} (aim ≥ 50 %)`,
  );
  console.log('');
  console.log(
    `server memory (RSS): ${memStart.rssMb.toFixed(0)} MB after start, ${memEnd.rssMb.toFixed(0)} MB at the end, peak ${memEnd.peakMb.toFixed(0)} MB; whole run ${((Date.now() - runStarted) / 60000).toFixed(1)} min`,
  );
});
