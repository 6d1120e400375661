/**
 * `npm run bench:dashboard`: the dashboard of a plan of 50,000 tasks against
 * the seed's 39 on the embedded SQLite, side by side in one run.
 *
 * Each plan goes in through the commands a district would use: `luoshi import
 * FILE --commit --db …` (the 50,000-task notice is written by
 * test/web/many-tasks.ts: numbered tasks in sections, each with its leader and
 * units), then `luoshi serve`. For each server it records the import's time,
 * the first `GET /api/dashboard` after the server started (nothing in the
 * process's memory; the import kept today's), the first for another date
 * (nothing kept: evaluated in full once), and then BENCH_RUNS (default 20) requests that each miss
 * the answer cache (each asks for a different number of groups, so each is
 * read from the kept snapshot and assembled anew), taken in turn between the
 * two servers so that the machine's noise touches both alike; and the answer's
 * size. BENCH_TASKS changes 50,000. Prints a Markdown table for BENCHMARKS.md.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { manyTaskNotice } from '../test/web/many-tasks.js';
import { positive, root, runMain, spawnNode, spawnTracked, track, waitForExit, waitForOutput } from './api/processes.js';
import { freePort } from '../tools/pg-cluster.js';

const TASKS = positive('BENCH_TASKS', 50_000);
const RUNS = positive('BENCH_RUNS', 20);
const CLI = `${root}src/cli/main.ts`;
const seed = fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
const PASSWORD = 'Bench-Dashboard-Passw0rd!';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', LUOSHI_ADMIN_USERNAME: 'admin', ...extra };
  for (const key of ['LUOSHI_DB', 'LUOSHI_GOVERNMENT', 'LUOSHI_SECURE_COOKIES', 'PORT', 'HOST', 'LUOSHI_ADMIN_PASSWORD']) delete env[key];
  return { ...env, ...extra };
}

interface Server {
  name: string;
  base: string;
  cookie: string;
  importS: number;
}

async function start(name: string, dir: string, notice: string): Promise<Server> {
  const db = join(dir, `${name}.sqlite`);
  const t0 = performance.now();
  const imported = spawnTracked(`luoshi import (${name})`, process.execPath, ['--import', 'tsx', CLI, 'import', notice, '--commit', '--db', db], childEnv());
  const summary = await waitForExit(imported, `luoshi import (${name})`, 1_800_000);
  const importS = (performance.now() - t0) / 1000;
  log(`  ${name}: ${summary.trim().split('\n')[0] ?? ''} (${importS.toFixed(1)} s)`);
  const port = await freePort();
  const server = spawnNode(
    `luoshi serve (${name})`,
    ['--import', 'tsx', CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--db', db],
    childEnv({ LUOSHI_ADMIN_PASSWORD: PASSWORD }),
  );
  await waitForOutput(server, new RegExp(`http://127\\.0\\.0\\.1:${port}`), 300_000);
  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`${name}: sign-in answered ${signIn.status}: ${await signIn.text()}`);
  const value = signIn.headers
    .getSetCookie()
    .map((c) => /^luoshi_session=([^;]+)/.exec(c)?.[1])
    .find((v) => v !== undefined);
  if (!value) throw new Error(`${name}: sign-in set no session cookie`);
  return { name, base, cookie: `luoshi_session=${value}`, importS };
}

async function get(server: Server, query: string): Promise<{ ms: number; bytes: number; status: number; total: number }> {
  const t0 = performance.now();
  const response = await fetch(`${server.base}/api/dashboard${query}`, { headers: { cookie: server.cookie } });
  const body = await response.text();
  const ms = performance.now() - t0;
  const total = response.ok ? (JSON.parse(body) as { total: number }).total : 0;
  return { ms, bytes: Buffer.byteLength(body), status: response.status, total };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

runMain(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-dashboard-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  track({ name: 'temporary directory', stop: () => Promise.resolve(remove()), stopSync: remove });
  const small = existsSync(seed) ? seed : `${root}samples/notice.txt`;
  const large = join(dir, `notice-${TASKS}.txt`);
  writeFileSync(large, manyTaskNotice(TASKS));
  log(`importing ${small} and a notice of ${TASKS} tasks`);
  const servers = [await start('small', dir, small), await start('large', dir, large)];

  const first: Awaited<ReturnType<typeof get>>[] = [];
  for (const server of servers) first.push(await get(server, ''));
  // Another date: nothing kept for it yet, so the plan is evaluated in full once (and kept).
  const otherDate: Awaited<ReturnType<typeof get>>[] = [];
  for (const server of servers) otherDate.push(await get(server, '?asOf=2026-06-30'));
  const samples = new Map<string, number[]>(servers.map((s) => [s.name, []]));
  for (let run = 0; run < RUNS; run++)
    for (const server of servers) {
      const r = await get(server, `?groupLimit=${1000 - run}`);
      if (r.status !== 200) throw new Error(`${server.name}: GET /api/dashboard answered ${r.status}`);
      samples.get(server.name)?.push(r.ms);
    }

  const rows = servers.map((server, i) => {
    const f = first[i];
    const m = median(samples.get(server.name) ?? []);
    return { server, first: f, median: m, full: otherDate[i] };
  });
  const [a, b] = rows;
  console.log(
    `| plan | import s | first GET /api/dashboard after start, ms | status | answer kB | median of ${RUNS} uncached requests, ms | first request for another date (evaluated in full), ms |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.first?.total ?? '?'} tasks | ${r.server.importS.toFixed(1)} | ${r.first?.ms.toFixed(1)} | ${r.first?.status} | ${((r.first?.bytes ?? 0) / 1024).toFixed(1)} | ${r.median.toFixed(2)} | ${r.full?.ms.toFixed(0)} |`,
    );
  if (a && b) console.log(`\nUncached, ${b.first?.total} tasks ÷ ${a.first?.total} tasks: ${(b.median / a.median).toFixed(2)}× (aim: ≤ 3×)`);
});
