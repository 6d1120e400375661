/**
 * What the browser benchmarks share: a temporary SQLite database prepared by
 * the benchmark, the real server (buildApp, serving dist/web, built first if
 * stale) on 127.0.0.1, Debian's Chromium, and the office's session cookie.
 *
 * BENCH_BASELINE=DIR serves the same database a second time, side by side,
 * with the server and web build of another checkout of Luoshi (an earlier
 * commit, say `git archive <commit> | tar -x -C DIR`, with node_modules linked;
 * its dist/web is built first if stale): a benchmark can then take the two in
 * turn, so that the machine's noise touches both alike.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildApp, type App } from '../src/server/app.js';
import type { Store } from '../src/store/connection.js';
import { openDatabase } from '../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../test/helpers/databases.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const PASSWORD = 'Adm1n-Bench-Passw0rd!';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A task after the one that rendered: the main thread was free again (no requestAnimationFrame: headless pages may throttle it). */
export const AFTER_A_TASK = 'new Promise((resolve) => setTimeout(() => resolve(performance.now()), 0))';

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export interface WebBench {
  url: string;
  browser: Browser;
  /** The signed-in office's session, for a context's addCookies. */
  cookie: { name: string; value: string; url: string };
  /** With BENCH_BASELINE: the other checkout's server on the same database, and the same session for it. */
  baseline?: { url: string; cookie: { name: string; value: string; url: string } };
}

/** The other checkout's server (BENCH_BASELINE), its web app built first if stale. */
async function baselineApp(dir: string, store: Store, governmentId: number): Promise<App> {
  execFileSync(process.execPath, [join(dir, 'scripts/web-build.mjs')], { cwd: dir, stdio: 'inherit' });
  const module = (await import(pathToFileURL(join(dir, 'src/server/app.ts')).href)) as { buildApp: typeof buildApp };
  return module.buildApp({ store, governmentId, webRoot: join(dir, 'dist/web') });
}

/** Runs `measure` against a served database that `prepare` filled, then closes everything. */
export async function withWebBench(prepare: (store: Store, governmentId: number) => Promise<void>, measure: (bench: WebBench) => Promise<void>): Promise<void> {
  execFileSync(process.execPath, [`${root}scripts/web-build.mjs`], { cwd: root, stdio: 'inherit' });
  const dbPath = freshSqlitePath();
  const { store, governmentId } = await openDatabase(dbPath, { adminUsername: 'admin', adminPassword: PASSWORD, notice: () => undefined });
  const app = await buildApp({ store, governmentId });
  const baselineDir = process.env.BENCH_BASELINE;
  const baseline = baselineDir ? await baselineApp(baselineDir, store, governmentId) : null;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    await prepare(store, governmentId);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let baselineUrl: string | null = null;
    if (baseline) {
      await baseline.listen({ host: '127.0.0.1', port: 0 });
      baselineUrl = `http://127.0.0.1:${(baseline.server.address() as AddressInfo).port}`;
    }
    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const token = /luoshi_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = (at: string) => ({ name: 'luoshi_session', value: token, url: at });
    await measure({ url, browser, cookie: cookie(url), ...(baselineUrl ? { baseline: { url: baselineUrl, cookie: cookie(baselineUrl) } } : {}) });
  } finally {
    await browser.close();
    await baseline?.close();
    await app.close();
    await store.close();
    removeSqlitePath(dbPath);
  }
}
