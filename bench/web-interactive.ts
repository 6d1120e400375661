/**
 * `npm run bench:web-interactive`: how long the dashboard takes to become
 * usable on localhost, in Debian's Chromium (/usr/bin/chromium).
 *
 * The seed notice is imported into a temporary SQLite database and a few
 * simulated months are played (so that every light has tasks); the server
 * (the same buildApp as `luoshi serve`, serving dist/web, built first if
 * stale) listens on 127.0.0.1. A signed-in browser then opens /dashboard,
 * BENCH_RUNS times (default 7) with an empty cache (a new context each time)
 * and as many times with a warm cache (the same context, a new page). For
 * each it records, from the navigation's start (performance.now() in the
 * page): "figures", when the light counts are on the screen and the main
 * thread is free again (a task later), and "charts", when both charts' canvases
 * are there, and the page's main-thread CPU time until each (Chromium's
 * TaskDuration in thread ticks: the work itself, which a busy machine delays
 * but does not inflate as it does wall time). Prints the medians as a
 * Markdown table for BENCHMARKS.md. BENCH_SCREENSHOT=FILE.png keeps a picture.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { systemActor } from '../src/domain/actor.js';
import { commitImport } from '../src/modules/plan/plan.service.js';
import { buildApp } from '../src/server/app.js';
import { simulate } from '../src/simulate/simulator.js';
import { openDatabase } from '../src/store/open.js';
import { freshSqlitePath, removeSqlitePath } from '../test/helpers/databases.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const seed = process.env.BENCH_SEED ?? fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const PASSWORD = 'Adm1n-Bench-Passw0rd!';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const FIGURES_SHOWN = '[data-testid="light-count-red"] .ant-statistic-content-value';
/** Each chart's canvas (ECharts adds one per chart); the page's CSP forbids the string functions of waitForFunction. */
const CHARTS_DRAWN = 'canvas >> nth=1';
/** A task after the one that rendered: the main thread was free again (no requestAnimationFrame: headless pages may throttle it). */
const AFTER_A_FRAME = 'new Promise((resolve) => setTimeout(() => resolve(performance.now()), 0))';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

interface Sample {
  figures: number;
  charts: number;
  /** The page's main-thread CPU time (thread ticks, not wall time) until the figures, and until the charts. */
  figuresWork: number;
  chartsWork: number;
}

async function measure(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  if (process.env.BENCH_TRACE) {
    const start = Date.now();
    page.on('requestfinished', (request) => console.error(`${String(Date.now() - start).padStart(5)} ms  ${request.method()} ${request.url().replace(url, '')}`));
  }
  // Chromium's own counters, in the renderer thread's CPU time: less at the mercy of a busy machine than wall time.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const work = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  try {
    await page.goto(`${url}/dashboard`, { waitUntil: 'commit' });
    await page.locator(FIGURES_SHOWN).waitFor();
    const figures = await page.evaluate<number>(AFTER_A_FRAME);
    const figuresWork = await work();
    await page.locator(CHARTS_DRAWN).waitFor();
    const charts = await page.evaluate<number>(AFTER_A_FRAME);
    const chartsWork = await work();
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    return { figures, charts, figuresWork, chartsWork };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [`${root}scripts/web-build.mjs`], { cwd: root, stdio: 'inherit' });
  const dbPath = freshSqlitePath();
  const { store, governmentId } = await openDatabase(dbPath, { env: { LUOSHI_ADMIN_PASSWORD: PASSWORD }, notice: () => undefined });
  const app = await buildApp({ store, governmentId });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const operator = systemActor(governmentId, 'bench');
    const { planId } = await commitImport(store, operator, { fileName: 'seed.txt', bytes: new Uint8Array(readFileSync(seed)) });
    await simulate(store.db, governmentId, { until: '2026-03-31', seed: 7, planId });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const token = /luoshi_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error(`sign-in failed: ${signIn.status}`);
    const cookie = { name: 'luoshi_session', value: token, url };

    const cold: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([cookie]);
      cold.push(await measure(context, url));
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([cookie]);
    await measure(context, url);
    const warm: Sample[] = [];
    for (let i = 0; i < runs; i++) warm.push(await measure(context, url));
    await context.close();

    const row = (name: string, samples: Sample[]): string => {
      const m = (pick: (s: Sample) => number): string => median(samples.map(pick)).toFixed(0);
      return `| ${name} | ${m((s) => s.figures)} | ${m((s) => s.charts)} | ${m((s) => s.figuresWork)} | ${m((s) => s.chartsWork)} |`;
    };
    console.log(`| /dashboard, ${runs} runs, median | figures shown, ms | charts drawn, ms | main-thread work to figures, ms | to charts, ms |`);
    console.log('|---|---:|---:|---:|---:|');
    console.log(row('empty cache', cold));
    console.log(row('warm cache', warm));
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    removeSqlitePath(dbPath);
  }
}

await main();
