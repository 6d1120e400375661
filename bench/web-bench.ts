/**
 * What the browser benchmarks share: a temporary SQLite database prepared by
 * the benchmark, the real server (buildApp, serving dist/web, built first if
 * stale) on 127.0.0.1, Debian's Chromium, and the office's session cookie.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
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
}

/** Runs `measure` against a served database that `prepare` filled, then closes everything. */
export async function withWebBench(prepare: (store: Store, governmentId: number) => Promise<void>, measure: (bench: WebBench) => Promise<void>): Promise<void> {
  execFileSync(process.execPath, [`${root}scripts/web-build.mjs`], { cwd: root, stdio: 'inherit' });
  const dbPath = freshSqlitePath();
  const { store, governmentId } = await openDatabase(dbPath, { adminUsername: 'admin', adminPassword: PASSWORD, notice: () => undefined });
  const app = await buildApp({ store, governmentId });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    await prepare(store, governmentId);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const token = /luoshi_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`sign-in failed: ${signIn.status}`);
    await measure({ url, browser, cookie: { name: 'luoshi_session', value: token, url } });
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    removeSqlitePath(dbPath);
  }
}
