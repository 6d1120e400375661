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
 * but does not inflate as it does wall time). Prints the medians (and the
 * figures' fastest and slowest run) as a Markdown table for BENCHMARKS.md.
 * BENCH_SCREENSHOT=FILE.png keeps a picture. BENCH_BASELINE=DIR serves
 * another checkout (an earlier commit) on the same database and takes the
 * two in turn, run by run, one row each: before and after side by side,
 * under the same noise (web-bench.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { systemActor } from '../src/domain/actor.js';
import { commitImport } from '../src/modules/plan/plan.service.js';
import { simulate } from '../src/simulate/simulator.js';
import { AFTER_A_TASK, median, withWebBench } from './web-bench.js';

const seed = process.env.BENCH_SEED ?? fileURLToPath(new URL('../../shared/seeds/000_61d97df5f635043b.txt', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 7);

const FIGURES_SHOWN = '[data-testid="light-count-red"] .ant-statistic-content-value';
/** Each chart's canvas (ECharts adds one per chart); the page's CSP forbids the string functions of waitForFunction. */
const CHARTS_DRAWN = 'canvas >> nth=1';

interface Sample {
  figures: number;
  charts: number;
  /** The page's main-thread CPU time (thread ticks, not wall time) until the figures, and until the charts. */
  figuresWork: number;
  chartsWork: number;
}

/**
 * BENCH_TRACE=1: the page's own timeline (navigation, each file and request
 * with its start and end, first paint, and the main thread's long tasks),
 * in ms from the navigation's start, then how the main thread's time splits
 * into script, style, layout and the rest (Chromium's counters).
 */
const PAGE_TIMELINE = `(() => {
  const ms = (t) => String(Math.round(t)).padStart(5);
  const rows = [];
  const [nav] = performance.getEntriesByType('navigation');
  if (nav) rows.push([nav.requestStart, nav.responseEnd, 'document'], [nav.domInteractive, nav.domInteractive, 'dom interactive']);
  for (const r of performance.getEntriesByType('resource')) rows.push([r.startTime, r.responseEnd, r.name.replace(location.origin, '')]);
  for (const p of performance.getEntriesByType('paint')) rows.push([p.startTime, p.startTime, p.name]);
  for (const t of window.__longTasks ?? []) rows.push([t.startTime, t.startTime + t.duration, 'long task']);
  return rows.sort((a, b) => a[0] - b[0]).map(([a, b, name]) => ms(a) + ' ' + ms(b) + '  ' + name).join('\\n');
})()`;
const RECORD_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });`;

async function measure(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  if (process.env.BENCH_TRACE) {
    const start = Date.now();
    page.on('requestfinished', (request) =>
      console.error(`${String(Date.now() - start).padStart(5)} ms  ${request.method()} ${request.url().replace(url, '')}`),
    );
  }
  // Chromium's own counters, in the renderer thread's CPU time: less at the mercy of a busy machine than wall time.
  if (process.env.BENCH_TRACE) await page.addInitScript(RECORD_LONG_TASKS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const work = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  };
  try {
    await page.goto(`${url}/dashboard`, { waitUntil: 'commit' });
    await page.locator(FIGURES_SHOWN).waitFor();
    const figures = await page.evaluate<number>(AFTER_A_TASK);
    const figuresWork = await work();
    await page.locator(CHARTS_DRAWN).waitFor();
    const charts = await page.evaluate<number>(AFTER_A_TASK);
    const chartsWork = await work();
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    if (process.env.BENCH_TRACE) {
      console.error(await page.evaluate<string>(PAGE_TIMELINE));
      const { metrics } = await cdp.send('Performance.getMetrics');
      const part = (name: string): string =>
        `${name.replace('Duration', '')} ${Math.round((metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000)} ms`;
      console.error(
        `main thread until the charts: ${['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskOtherDuration', 'TaskDuration'].map(part).join(', ')}`,
      );
    }
    return { figures, charts, figuresWork, chartsWork };
  } finally {
    await page.close();
  }
}

await withWebBench(
  async (store, governmentId) => {
    const { planId } = await commitImport(store, systemActor(governmentId, 'bench'), { fileName: 'seed.txt', bytes: new Uint8Array(readFileSync(seed)) });
    await simulate(store.db, governmentId, { until: '2026-03-31', seed: 7, planId });
  },
  async ({ url, browser, cookie, baseline }) => {
    // With BENCH_BASELINE the two servers are taken in turn, run by run (web-bench.ts).
    const servers = [...(baseline ? [{ name: 'baseline', ...baseline }] : []), { name: baseline ? 'this checkout' : '', url, cookie }];
    const cold = new Map<string, Sample[]>(servers.map((s) => [s.name, []]));
    for (let i = 0; i < runs; i++) {
      for (const server of servers) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.addCookies([server.cookie]);
        cold.get(server.name)?.push(await measure(context, server.url));
        await context.close();
      }
    }
    const warm = new Map<string, Sample[]>(servers.map((s) => [s.name, []]));
    const contexts = new Map<string, BrowserContext>();
    for (const server of servers) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([server.cookie]);
      await measure(context, server.url);
      contexts.set(server.name, context);
    }
    for (let i = 0; i < runs; i++) {
      for (const server of servers) {
        const context = contexts.get(server.name);
        if (context) warm.get(server.name)?.push(await measure(context, server.url));
      }
    }
    for (const context of contexts.values()) await context.close();

    const row = (name: string, samples: Sample[]): string => {
      const m = (pick: (s: Sample) => number): string => median(samples.map(pick)).toFixed(0);
      const spread = (pick: (s: Sample) => number): string => {
        const values = samples.map(pick);
        return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
      };
      return `| ${name} | ${m((s) => s.figures)} | ${spread((s) => s.figures)} | ${m((s) => s.charts)} | ${m((s) => s.figuresWork)} | ${m((s) => s.chartsWork)} |`;
    };
    console.log(
      `| /dashboard, ${runs} runs, median | figures shown, ms | figures, min–max | charts drawn, ms | main-thread work to figures, ms | to charts, ms |`,
    );
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [cache, samples] of [
      ['empty cache', cold],
      ['warm cache', warm],
    ] as const) {
      for (const server of servers) console.log(row(server.name ? `${cache}, ${server.name}` : cache, samples.get(server.name) ?? []));
    }
  },
);
