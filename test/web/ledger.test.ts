/**
 * The acceptance in Chromium: the office signs in at /login and sees
 * at /ledger the seed's 39 tasks with their host units, no console error;
 * the dashboard shows the same light counts as GET /api/dashboard; a task
 * opens from the ledger; the ledger fits a 768 px tablet.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 90_000;

interface ApiTask {
  id: number;
  key: string;
  hostUnits: string[];
}
interface ApiDashboard {
  lights: Record<'green' | 'yellow' | 'red' | 'none', number>;
  total: number;
}

/** Whether the column's header is whole on the screen (the table does not scroll sideways to show it). */
async function headerVisible(page: Page, name: string, width: number): Promise<boolean> {
  const box = await page.getByRole('columnheader', { name, exact: true }).boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

/** Every row of the virtual table, scrolling it to the end: row key (task id) → the row's text. */
async function ledgerRows(page: Page): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  const body = page.locator('.ant-table-body, .ant-table-tbody-virtual-holder').first();
  await body.hover();
  let unchanged = 0;
  while (unchanged < 3) {
    const before = rows.size;
    for (const row of await page.locator('.ant-table-row[data-row-key]').all()) {
      const key = await row.getAttribute('data-row-key');
      if (key !== null) rows.set(key, await row.innerText());
    }
    unchanged = rows.size === before ? unchanged + 1 : 0;
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  return rows;
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describeBrowser('the office at work [browser]', () => {
  const web = useBrowser({ simulateUntil: '2026-03-31' });

  it(
    'signs in at /login and sees at /ledger the 39 tasks of the seed with their host units',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.getByRole('link', { name: '任务台账' }).click();
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');

      const tasks = (await apiGet<{ items: ApiTask[] }>(page, '/api/tasks')).items;
      expect(tasks).toHaveLength(39);
      for (const column of ['编号', '任务', '牵头领导', '主办单位', '协办单位', '灯况', '完成时限'])
        expect(await headerVisible(page, column, 1280), column).toBe(true);
      const rows = await ledgerRows(page);
      expect([...rows.keys()].sort()).toEqual(tasks.map((t) => String(t.id)).sort());
      for (const task of tasks) {
        const text = rows.get(String(task.id)) ?? '';
        expect(text, task.key).toContain(task.key);
        expect(text, task.key).toContain(task.hostUnits.join('、'));
      }
    },
    TIMEOUT,
  );

  it(
    'shows on the dashboard the light counts of GET /api/dashboard',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fdashboard');
      await page.waitForURL('**/dashboard');
      const api = await apiGet<ApiDashboard>(page, '/api/dashboard');
      expect(api.lights.green + api.lights.yellow + api.lights.red, 'the simulated months give some tasks a light').toBeGreaterThan(0);
      for (const light of ['green', 'yellow', 'red', 'none'] as const) {
        const value = page.getByTestId(`light-count-${light}`).locator('.ant-statistic-content-value');
        await expect.poll(() => value.textContent(), { message: light }).toBe(String(api.lights[light]));
      }
      expect(await page.getByTestId('dashboard-total').locator('.ant-statistic-content-value').textContent()).toBe(String(api.total));
      await page.locator('canvas').nth(1).waitFor();
    },
    TIMEOUT,
  );

  it(
    'opens a task from the ledger with its text, units and light history',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      const [task] = (await apiGet<{ items: (ApiTask & { text: string })[] }>(page, '/api/tasks')).items;
      if (!task) throw new Error('no task');
      await page.getByRole('link', { name: task.key, exact: true }).click();
      await page.waitForURL(`**/tasks/${task.id}`);
      await expect.poll(() => page.getByTestId('task-text').textContent()).toBe(task.text);
      for (const unit of task.hostUnits) expect(await page.getByText(unit, { exact: true }).count(), unit).toBeGreaterThan(0);
      await page.getByText('历次调度灯况').waitFor();
      await page.getByTestId('task-timeline').waitFor();

      // The task with the most targets: each target's words are marked in its text.
      const tasks = (await apiGet<{ items: (ApiTask & { text: string; targets: { text: string }[] })[] }>(page, '/api/tasks')).items;
      const withTargets = [...tasks].sort((x, y) => y.targets.length - x.targets.length)[0];
      if (!withTargets || withTargets.targets.length < 2) throw new Error('no task with targets in the seed');
      await page.goto(`/tasks/${withTargets.id}`);
      await expect.poll(() => page.getByTestId('task-text').textContent()).toBe(withTargets.text);
      const marked = await page.getByTestId('task-text').locator('mark').allInnerTexts();
      for (const target of withTargets.targets)
        expect(
          marked.some((m) => m.includes(target.text)),
          target.text,
        ).toBe(true);
      expect(marked.join('').length, 'marks cover the targets, not the whole text').toBeLessThan(withTargets.text.length);
    },
    TIMEOUT,
  );

  it(
    'charts a target’s accepted figures over time against its planned path on the task page',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      // The ledger's own requests finish before the test leaves it (a request cut short by leaving is a failure).
      await page.waitForLoadState('networkidle');
      const tasks = (await apiGet<{ items: ApiTask[] }>(page, '/api/tasks')).items;
      type Figures = { targets: { series: { value: number | null }[]; planned: unknown[] }[] };
      // A task whose first charted target (the one the page shows first) has accepted figures.
      let found: { id: number; values: (number | null)[] } | null = null;
      for (const task of tasks) {
        const status = await apiGet<Figures>(page, `/api/tasks/${task.id}/status`);
        const first = status.targets.find((x) => x.series.length > 0 || x.planned.length > 0);
        if (first && first.series.length > 0) {
          found = { id: task.id, values: first.series.map((p) => p.value) };
          break;
        }
      }
      if (!found) throw new Error('the simulated months accepted no figure');
      await page.goto(`/tasks/${found.id}`);
      const chart = page.getByTestId('target-trend-chart');
      await chart.waitFor();
      const label = (await chart.getAttribute('aria-label')) ?? '';
      for (const value of found.values) expect(label).toContain(String(value ?? '—'));
      await page.getByText('指标走势（已采纳的完成值与计划路径）').waitFor();
    },
    TIMEOUT,
  );
});

describeBrowser('the ledger on a 768 px tablet [browser]', () => {
  const web = useBrowser({ viewport: { width: 768, height: 1024 } });

  it(
    'shows the tasks without making the page wider than the screen',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      for (const column of ['编号', '任务', '主办单位', '灯况', '完成时限']) expect(await headerVisible(page, column, 768), column).toBe(true);
    },
    TIMEOUT,
  );
});
