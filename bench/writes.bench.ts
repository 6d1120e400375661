/**
 * `npm run bench:writes`: durable report edits through Luoshi's HTTP API,
 * side by side in one run with the rate at which the database itself commits
 * single rows, one after the other, durably: the disk's limit.
 *
 * - Baseline: bench/api/commit-rate.ts in its own process, better-sqlite3 on
 *   a new file in the same temporary directory (WAL, synchronous=FULL), one
 *   INSERT per transaction; on PostgreSQL one connection, one INSERT per
 *   autocommitted statement.
 * - Luoshi: the seed imported by `luoshi import --commit`, an ad hoc round
 *   opened and one liaison account made for each of N units owing a report
 *   (bench/api/report-fixture.ts), `luoshi serve`; then wrk -tN -cN, each
 *   connection signed in as its own liaison and saving its own report's draft
 *   (`PATCH /api/reports/:id` with the version its previous answer carried),
 *   once on SQLite and once on PostgreSQL (as bench:api finds it).
 * - Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
 *   BENCH_WRITERS (connections, default 8), BENCH_SEED, LUOSHI_BENCH_PG.
 *
 * Prints a Markdown table for BENCHMARKS.md with the ratio of each database's
 * edits to its own baseline (aim on SQLite: ≥ 50 %), and the size of an
 * edit's answer at the end.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, commitRate as measuredCommitRate, log, postgresUrl, signIn, startLuoshi, type Luoshi } from './api/luoshi.js';
import { positive, root, runMain, spawnTracked, track, waitForExit } from './api/processes.js';
import { reportEditScript, runWrk, wrkVersion, type ReportWriter, type WrkResult } from './api/wrk.js';

const DURATION_S = positive('BENCH_DURATION', 10);
const WARMUP_S = process.env.BENCH_WARMUP?.trim() === '0' ? 0 : positive('BENCH_WARMUP', 2);
const WRITERS = positive('BENCH_WRITERS', 8);
const DEFAULT_SEED = fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));

interface Accounts {
  list: { username: string; reportId: number }[];
}

interface Row {
  database: string;
  what: string;
  rate: number;
  p99Ms: number | null;
  non2xx: number | null;
  note: string;
}

/** The round and the liaisons' accounts (report-fixture.ts), before the server starts. */
async function prepare(dbUrl: string, password: string, into: Accounts): Promise<void> {
  const fixture = spawnTracked(
    'report fixture',
    process.execPath,
    ['--import', 'tsx', 'bench/api/report-fixture.ts', dbUrl, password, String(WRITERS)],
    childEnv(),
  );
  const out = await waitForExit(fixture, 'report fixture', 120_000);
  into.list = JSON.parse(out.trim().split('\n').pop() ?? '[]') as Accounts['list'];
}

const commitRate = (kind: 'sqlite' | 'postgres', target: string): Promise<number> => measuredCommitRate(kind, target, DURATION_S);

/** Each writer's session and its report's version now (after a run, once the answers in flight have settled). */
async function writers(
  app: Luoshi,
  accounts: Accounts,
  password: string,
  sessions: Map<string, { cookie: string; csrfToken: string }>,
): Promise<ReportWriter[]> {
  const out: ReportWriter[] = [];
  for (const { username, reportId } of accounts.list) {
    let session = sessions.get(username);
    if (!session) {
      session = await signIn(app.base, username, password, app.database);
      sessions.set(username, session);
    }
    const response = await fetch(`${app.base}/api/reports/${reportId}`, { headers: { cookie: session.cookie } });
    if (!response.ok) throw new Error(`${app.database}: GET /api/reports/${reportId} answered ${response.status}: ${await response.text()}`);
    const { version } = (await response.json()) as { version: number };
    out.push({ reportId, version, ...session });
  }
  return out;
}

async function measureEdits(app: Luoshi, accounts: Accounts, password: string, work: string): Promise<{ result: WrkResult; answerBytes: number }> {
  const sessions = new Map<string, { cookie: string; csrfToken: string }>();
  const script = join(work, `edits-${app.database}.lua`);
  const once = async (durationS: number): Promise<WrkResult> => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    writeFileSync(script, reportEditScript(await writers(app, accounts, password, sessions)));
    return runWrk({ url: `${app.base}/api/reports`, threads: WRITERS, connections: WRITERS, durationS, script });
  };
  if (WARMUP_S > 0) await once(WARMUP_S);
  const result = await once(DURATION_S);
  // The answer to one more edit: how much an edit sends back once its report has this many edits behind it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const [first] = await writers(app, accounts, password, sessions);
  if (!first) throw new Error('no writer');
  const response = await fetch(`${app.base}/api/reports/${first.reportId}`, {
    method: 'PATCH',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ version: first.version, progress: 'bench: the last edit' }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${app.database}: the last edit answered ${response.status}: ${text.slice(0, 200)}`);
  return { result, answerBytes: Buffer.byteLength(text) };
}

const cell = (n: number, digits: number): string => n.toFixed(digits);

runMain(async () => {
  const wrk = wrkVersion();
  if (wrk === null) {
    log('bench:writes needs wrk, which is not installed: apt-get install wrk');
    process.exit(2);
  }
  const seed = process.env.BENCH_SEED?.trim() || (existsSync(DEFAULT_SEED) ? DEFAULT_SEED : `${root}samples/notice.txt`);
  if (!existsSync(seed)) throw new Error(`no notice to import: ${seed}`);
  const work = mkdtempSync(join(tmpdir(), 'luoshi-bench-writes-'));
  track({
    name: 'temporary directory',
    stop: async () => rmSync(work, { recursive: true, force: true }),
    stopSync: () => rmSync(work, { recursive: true, force: true }),
  });
  const password = `Bench-${randomBytes(12).toString('hex')}-Aa1`;

  log('starting the servers…');
  const sqliteAccounts: Accounts = { list: [] };
  const sqliteFile = join(work, 'luoshi.db');
  const sqlite = await startLuoshi('SQLite', sqliteFile, seed, password, () => prepare(sqliteFile, password, sqliteAccounts));
  const pgTarget = await postgresUrl();
  const pgAccounts: Accounts = { list: [] };
  const postgres = pgTarget ? await startLuoshi('PostgreSQL', pgTarget.url, seed, password, () => prepare(pgTarget.url, password, pgAccounts)) : null;

  const rows: Row[] = [];
  const failures: string[] = [];
  log('measuring better-sqlite3 single-row commits…');
  const sqliteRaw = await commitRate('sqlite', join(work, 'raw.db'));
  rows.push({ database: 'SQLite', what: 'better-sqlite3, one row per commit, sequential', rate: sqliteRaw, p99Ms: null, non2xx: null, note: '' });
  log('measuring Luoshi SQLite report edits…');
  const s = await measureEdits(sqlite, sqliteAccounts, password, work);
  failures.push(...s.result.failures.map((f) => `SQLite: ${f}`));
  rows.push({
    database: 'SQLite',
    what: `Luoshi PATCH /api/reports/:id, ${WRITERS} connections`,
    rate: s.result.requestsPerSecond,
    p99Ms: s.result.p99Ms,
    non2xx: s.result.non2xx + s.result.socketErrors,
    note: `${cell((100 * s.result.requestsPerSecond) / sqliteRaw, 1)} % of the baseline; an edit's answer ${cell(s.answerBytes / 1024, 1)} kB`,
  });
  if (postgres && pgTarget) {
    log('measuring PostgreSQL single-row commits…');
    const pgRaw = await commitRate('postgres', pgTarget.url);
    rows.push({ database: 'PostgreSQL', what: 'pg, one row per commit, sequential', rate: pgRaw, p99Ms: null, non2xx: null, note: '' });
    log('measuring Luoshi PostgreSQL report edits…');
    const p = await measureEdits(postgres, pgAccounts, password, work);
    failures.push(...p.result.failures.map((f) => `PostgreSQL: ${f}`));
    rows.push({
      database: 'PostgreSQL',
      what: `Luoshi PATCH /api/reports/:id, ${WRITERS} connections`,
      rate: p.result.requestsPerSecond,
      p99Ms: p.result.p99Ms,
      non2xx: p.result.non2xx + p.result.socketErrors,
      note: `${cell((100 * p.result.requestsPerSecond) / pgRaw, 1)} % of the baseline; an edit's answer ${cell(p.answerBytes / 1024, 1)} kB`,
    });
  }

  const date = new Date().toISOString().slice(0, 10);
  console.log(`${date}; node ${process.version}; ${availableParallelism()} cores shared by the servers and wrk; ${wrk}`);
  console.log(`edits: wrk -t${WRITERS} -c${WRITERS} -d${DURATION_S}s --latency, one report per connection; baselines ${DURATION_S} s; ${WARMUP_S} s warm-up`);
  console.log(`SQLite: files in ${tmpdir()} (WAL, synchronous=FULL); ${pgTarget ? pgTarget.label : 'PostgreSQL: skipped'}`);
  console.log('');
  console.log('| database | what | commits/s | p99 ms | non-2xx | |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(`| ${r.database} | ${r.what} | ${cell(r.rate, 0)} | ${r.p99Ms === null ? '' : cell(r.p99Ms, 2)} | ${r.non2xx ?? ''} | ${r.note} |`);
  }
  for (const failure of failures) console.log(`a failed answer: ${failure}`);
});
