/**
 * `npm run bench:api`: requests/s and p99 latency of the HTTP API under wrk,
 * side by side with a bare node:http server in the same run, so that the
 * machine's noise touches both alike.
 *
 * - Luoshi runs through its own commands, each server in its own process:
 *   `luoshi import SEED --commit --db …` loads the seed notice, then
 *   `luoshi serve --host 127.0.0.1` serves it; once on SQLite (a temporary
 *   file) and once on PostgreSQL (LUOSHI_BENCH_PG=postgres://… gets a fresh
 *   database created and dropped in it; otherwise a throwaway server is
 *   started; LUOSHI_BENCH_PG=off skips PostgreSQL).
 * - The bare server answers every GET with the very body of the real
 *   `GET /api/tasks`, as one precomputed string.
 * - Reads: authenticated `GET /api/tasks`, wrk -t2 -c50. Updates:
 *   `PATCH /api/tasks/:id` with { version, deadline, reason } (the office's
 *   correction of a deadline) and the CSRF header,
 *   wrk -t4 -c4, each thread on its own task, carrying the version from each
 *   response to its next request (a wrk Lua script), so none should be stale.
 * - Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
 *   BENCH_READ_THREADS (2), BENCH_READ_CONNECTIONS (50), BENCH_UPDATE_THREADS
 *   (4), BENCH_SEED (the notice to import).
 *
 * Prints a Markdown table for BENCHMARKS.md. Everything listens on 127.0.0.1;
 * every child process and temporary directory goes away at the end, on
 * error and on Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, log, postgresUrl, startLuoshi, type Luoshi } from './api/luoshi.js';
import { positive, root, runMain, spawnNode, track, waitForOutput } from './api/processes.js';
import { runWrk, updateScript, wrkVersion, type WrkResult } from './api/wrk.js';

const DURATION_S = positive('BENCH_DURATION', 10);
const WARMUP_S = process.env.BENCH_WARMUP?.trim() === '0' ? 0 : positive('BENCH_WARMUP', 2);
const READ_THREADS = positive('BENCH_READ_THREADS', 2);
const READ_CONNECTIONS = positive('BENCH_READ_CONNECTIONS', 50);
const UPDATE_THREADS = positive('BENCH_UPDATE_THREADS', 4);
const DEFAULT_SEED = fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));

interface Row {
  server: string;
  database: string;
  endpoint: string;
  result: WrkResult;
}

async function readVersions(app: Luoshi, count: number): Promise<{ id: number; version: number }[]> {
  const response = await fetch(`${app.base}/api/tasks`, { headers: { cookie: app.cookie } });
  if (!response.ok) throw new Error(`${app.database}: GET /api/tasks answered ${response.status}`);
  const { items } = (await response.json()) as { items: { id: number; version: number }[] };
  return items.slice(0, count).map(({ id, version }) => ({ id, version }));
}

/**
 * The tasks' versions once they have settled: when wrk stops, the updates it
 * had in flight are still being committed, and reading too early would make
 * the next run start with stale versions (409).
 */
async function currentVersions(app: Luoshi, count: number): Promise<{ id: number; version: number }[]> {
  let previous = await readVersions(app, count);
  for (let attempt = 0; attempt < 10; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await readVersions(app, count);
    if (JSON.stringify(now) === JSON.stringify(previous)) return now;
    previous = now;
  }
  throw new Error(`${app.database}: the tasks' versions keep changing after wrk stopped`);
}

async function measureRead(url: string, headers: string[]): Promise<WrkResult> {
  const options = { url, threads: READ_THREADS, connections: READ_CONNECTIONS, headers };
  if (WARMUP_S > 0) await runWrk({ ...options, durationS: WARMUP_S });
  return runWrk({ ...options, durationS: DURATION_S });
}

async function measureUpdate(app: Luoshi, work: string): Promise<WrkResult> {
  const script = join(work, `update-${app.database.split(' ')[0]}.lua`);
  const once = async (durationS: number): Promise<WrkResult> => {
    writeFileSync(script, updateScript(await currentVersions(app, UPDATE_THREADS), app.cookie, app.csrfToken));
    return runWrk({ url: `${app.base}/api/tasks`, threads: UPDATE_THREADS, connections: UPDATE_THREADS, durationS, script });
  };
  if (WARMUP_S > 0) await once(WARMUP_S);
  return once(DURATION_S);
}

const cell = (n: number, digits: number): string => n.toFixed(digits);

runMain(async () => {
  const wrk = wrkVersion();
  if (wrk === null) {
    log('bench:api needs wrk, which is not installed: apt-get install wrk');
    process.exit(2);
  }
  const seed = process.env.BENCH_SEED?.trim() || (existsSync(DEFAULT_SEED) ? DEFAULT_SEED : `${root}samples/notice.txt`);
  if (!existsSync(seed)) throw new Error(`no notice to import: ${seed}`);

  const work = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  track({
    name: 'temporary directory',
    stop: async () => rmSync(work, { recursive: true, force: true }),
    stopSync: () => rmSync(work, { recursive: true, force: true }),
  });
  const password = `Bench-${randomBytes(12).toString('hex')}-Aa1`;

  log('starting the servers…');
  const sqlite = await startLuoshi('SQLite', join(work, 'luoshi.db'), seed, password);
  const pgTarget = await postgresUrl();
  const postgres = pgTarget ? await startLuoshi('PostgreSQL', pgTarget.url, seed, password) : null;
  for (const app of [sqlite, postgres]) {
    if (app && app.taskCount < UPDATE_THREADS)
      throw new Error(`${app.database}: only ${app.taskCount} tasks, fewer than BENCH_UPDATE_THREADS=${UPDATE_THREADS}`);
  }

  const bodyFile = join(work, 'tasks.json');
  writeFileSync(bodyFile, sqlite.body);
  const bare = spawnNode('bare node:http', ['bench/api/bare-server.ts', bodyFile], childEnv());
  const barePort = (await waitForOutput(bare, /listening (\d+)/))[1];
  const bodyBytes = Buffer.byteLength(sqlite.body);

  const rows: Row[] = [];
  const read = async (server: string, database: string, endpoint: string, url: string, headers: string[]): Promise<void> => {
    log(`measuring ${server} ${database} ${endpoint}…`);
    rows.push({ server, database, endpoint, result: await measureRead(url, headers) });
  };
  const update = async (app: Luoshi): Promise<void> => {
    log(`measuring Luoshi ${app.database} PATCH…`);
    rows.push({ server: 'Luoshi', database: app.database, endpoint: 'PATCH /api/tasks/:id', result: await measureUpdate(app, work) });
  };

  await read('bare node:http', '–', `GET (same ${(bodyBytes / 1024).toFixed(1)} kB body)`, `http://127.0.0.1:${barePort}/`, []);
  for (const app of [sqlite, postgres]) {
    if (app) await read('Luoshi', app.database, `GET /api/tasks (${app.taskCount} tasks)`, `${app.base}/api/tasks`, [`Cookie: ${app.cookie}`]);
  }
  for (const app of [sqlite, postgres]) {
    if (app)
      await read('Luoshi', app.database, 'GET /api/dashboard (lights of every task on a date)', `${app.base}/api/dashboard?asOf=2026-06-30`, [
        `Cookie: ${app.cookie}`,
      ]);
  }
  for (const app of [sqlite, postgres]) if (app) await update(app);

  const date = new Date().toISOString().slice(0, 10);
  console.log(`${date}; node ${process.version}; ${availableParallelism()} cores shared by the servers and wrk; ${wrk}`);
  console.log(
    `reads: wrk -t${READ_THREADS} -c${READ_CONNECTIONS} -d${DURATION_S}s --latency; updates: wrk -t${UPDATE_THREADS} -c${UPDATE_THREADS} -d${DURATION_S}s --latency, one task per connection; ${WARMUP_S} s warm-up before each`,
  );
  console.log(`SQLite: a temporary file (WAL, synchronous=FULL); ${pgTarget ? pgTarget.label : 'PostgreSQL: skipped'}`);
  console.log('');
  console.log('| server | database | endpoint | req/s | p99 ms | non-2xx |');
  console.log('|---|---|---|---:|---:|---:|');
  for (const { server, database, endpoint, result } of rows) {
    const note = result.socketErrors > 0 ? ` (+${result.socketErrors} socket errors)` : '';
    console.log(`| ${server} | ${database} | ${endpoint} | ${cell(result.requestsPerSecond, 0)} | ${cell(result.p99Ms, 2)} | ${result.non2xx}${note} |`);
  }
  for (const { database, endpoint, result } of rows) {
    for (const failure of result.failures) console.log(`${database} ${endpoint}, a failed answer: ${failure}`);
  }
  const bareRps = rows[0]?.result.requestsPerSecond ?? NaN;
  const ratios = rows
    .filter((r) => r.endpoint.startsWith('GET /api/tasks'))
    .map((r) => `${r.database} ${cell((100 * r.result.requestsPerSecond) / bareRps, 1)} %`);
  console.log('');
  console.log(`Authenticated list ÷ bare node:http: ${ratios.join(', ')} (aim: ≥ 40 %)`);
});
