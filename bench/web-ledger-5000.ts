/**
 * `npm run bench:web-ledger`: how the ledger (/ledger) responds at 5,000
 * tasks, in Debian's Chromium (/usr/bin/chromium).
 *
 * A notice of 5,000 numbered tasks (test/web/many-tasks.ts) is committed
 * through the plan importer into a temporary SQLite database; the server (the
 * same buildApp as `luoshi serve`, serving dist/web, built first if stale)
 * listens on 127.0.0.1. A signed-in browser opens /ledger BENCH_RUNS times
 * (default 5) with an empty cache and records, from the navigation's start
 * (performance.now() in the page), "first rows": when the first task's row is
 * on the screen and the main thread is free again. In the last page it then
 * chooses a unit in the unit filter and clears it, BENCH_RUNS times each, and
 * records from the key press until the count above the table says the new
 * number and the main thread is free again. Last, it fetches the ledger's two
 * large answers (GET /api/tasks, GET /api/dashboard) with and without gzip,
 * taken in turn: bytes on the wire, time on localhost, and what the bytes
 * alone take on a 10 Mbit/s line. Prints the medians as Markdown tables for
 * BENCHMARKS.md.
 */
import { get } from 'node:http';
import type { Page } from 'playwright-core';
import { systemActor } from '../src/domain/actor.js';
import { importManyTasks, taskText } from '../test/web/many-tasks.js';
import { AFTER_A_TASK, median, withWebBench } from './web-bench.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const COUNT = Number(process.env.BENCH_TASKS ?? 5000);
const ROWS = '.ant-table-tbody .ant-table-row';
const UNITS = ['区商务局', '区教育局'];

const countText = (page: Page): Promise<string | null> => page.getByTestId('ledger-count').textContent();

async function waitForCount(page: Page, changedFrom: string | null): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await countText(page)) === changedFrom) {
    if (Date.now() > deadline) throw new Error('the ledger count did not change');
    await page.waitForTimeout(1);
  }
}

/** From the key press that chooses a unit (or clears it) until the list shows the new count. */
async function filterOnce(page: Page, unit: string | null): Promise<number> {
  const before = await countText(page);
  if (unit === null) {
    await page.getByRole('button', { name: '清除筛选' }).waitFor();
    const t0 = await page.evaluate<number>('performance.now()');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await waitForCount(page, before);
    return (await page.evaluate<number>(AFTER_A_TASK)) - t0;
  }
  await page.getByTestId('filter-unit').click();
  await page.keyboard.type(unit);
  await page.locator(`.ant-select-item-option[title="${unit}"]`).waitFor();
  const t0 = await page.evaluate<number>('performance.now()');
  await page.keyboard.press('Enter');
  await waitForCount(page, before);
  const t1 = await page.evaluate<number>(AFTER_A_TASK);
  await page.keyboard.press('Escape');
  return t1 - t0;
}

/** One GET with the session and the given Accept-Encoding: the bytes on the wire and the time until the last one. */
function download(url: string, cookie: string, encoding: string): Promise<{ bytes: number; ms: number; encoded: boolean }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { headers: { cookie, 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ bytes, ms: performance.now() - t0, encoded: res.headers['content-encoding'] === 'gzip' }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** The ledger's two big answers, gzipped and not, taken in turn: size, server time on localhost, and time on a 10 Mbit/s line. */
async function answerSizes(url: string, cookie: string): Promise<string[]> {
  const rows: string[] = [];
  for (const path of ['/api/tasks', '/api/dashboard']) {
    for (const [label, encoding] of [
      ['identity', 'identity'],
      ['gzip', 'gzip'],
    ] as const) {
      const samples: { bytes: number; ms: number; encoded: boolean }[] = [];
      for (let i = 0; i < runs + 1; i++) samples.push(await download(`${url}${path}`, cookie, encoding));
      const last = samples.at(-1);
      if (!last || last.encoded !== (encoding === 'gzip')) throw new Error(`${path}: unexpected encoding`);
      const line = (last.bytes * 8) / 10e6;
      rows.push(
        `| GET ${path}, ${label} | ${(last.bytes / 1e6).toFixed(2)} MB | ${median(samples.slice(1).map((x) => x.ms)).toFixed(0)} | ${(line * 1000).toFixed(0)} |`,
      );
    }
  }
  return rows;
}

await withWebBench(
  async (store, governmentId) => {
    await importManyTasks(store, systemActor(governmentId, 'bench'), COUNT);
  },
  async ({ url, browser, cookie }) => {
    const firstRows: number[] = [];
    let page: Page | undefined;
    for (let i = 0; i < runs; i++) {
      await page?.context().close();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      await context.addCookies([cookie]);
      page = await context.newPage();
      await page.goto(`${url}/ledger`, { waitUntil: 'commit' });
      await page.locator(ROWS, { hasText: taskText(1) }).waitFor({ timeout: 60_000 });
      firstRows.push(await page.evaluate<number>(AFTER_A_TASK));
    }
    if (!page) throw new Error('no run');
    const domRows = await page.locator(ROWS).count();

    const choose: number[] = [];
    const clear: number[] = [];
    await filterOnce(page, UNITS[0] ?? '区商务局'); // warm-up
    await filterOnce(page, null);
    for (let i = 0; i < runs; i++) {
      choose.push(await filterOnce(page, UNITS[i % UNITS.length] ?? '区商务局'));
      clear.push(await filterOnce(page, null));
    }
    await page.context().close();

    console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${COUNT} tasks, ${domRows} rows in the page`);
    console.log(`| /ledger at ${COUNT} tasks, ${runs} runs | median ms | max ms |`);
    console.log('|---|---:|---:|');
    console.log(`| first rows shown (empty cache, from navigation start) | ${median(firstRows).toFixed(0)} | ${Math.max(...firstRows).toFixed(0)} |`);
    console.log(`| unit filter chosen → list narrowed | ${median(choose).toFixed(0)} | ${Math.max(...choose).toFixed(0)} |`);
    console.log(`| filter cleared → all ${COUNT} listed | ${median(clear).toFixed(0)} | ${Math.max(...clear).toFixed(0)} |`);
    const sizes = await answerSizes(url, `${cookie.name}=${cookie.value}`);
    console.log('');
    console.log(`| the ledger's answers at ${COUNT} tasks | on the wire | median ms on localhost | ms on a 10 Mbit/s line |`);
    console.log('|---|---:|---:|---:|');
    for (const row of sizes) console.log(row);
  },
);
