/**
 * Why a light, in Chromium, on the seed after a simulated quarter: every red
 * or yellow task shows the reasons of its light under it on the dashboard's
 * lagging list, next to its light on its own page, and in the row the ledger
 * opens under it; each reason as GET /api/dashboard gives it, those of the
 * task's colour first.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 120_000;

interface ApiReason {
  kind: string;
  light: string;
  text: string;
}
interface ApiDashboard {
  lagging: { taskId: number; key: string; light: string; reasons: ApiReason[] }[];
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** The reasons a list shows: each item's colour and text. */
async function shown(page: Page, testId: string): Promise<{ light: string | null; text: string }[]> {
  const items = page.getByTestId(testId).locator('li');
  return Promise.all((await items.all()).map(async (li) => ({ light: await li.getAttribute('data-light'), text: (await li.innerText()).trim() })));
}

const expected = (reasons: readonly ApiReason[]) => reasons.map((r) => ({ light: r.light, text: r.text }));

describeBrowser('the reasons of the lights [browser]', () => {
  const web = useBrowser({ simulateUntil: '2026-03-31' });

  /** The red and yellow tasks of the dashboard, at least one of them. */
  async function lagging(page: Page): Promise<ApiDashboard['lagging']> {
    const { lagging } = await apiGet<ApiDashboard>(page, '/api/dashboard');
    expect(lagging.length, 'the simulated quarter leaves some task red or yellow').toBeGreaterThan(0);
    for (const l of lagging) expect(l.reasons[0]?.light, `${l.key} has a reason of its colour first`).toBe(l.light);
    return lagging;
  }

  it(
    'lists each lagging task’s reasons under it on the dashboard',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fdashboard');
      await page.waitForURL('**/dashboard');
      const tasks = await lagging(page);
      await page.getByTestId('lagging-tasks').waitFor();
      for (const task of tasks) {
        const list = `lagging-reasons-${task.taskId}`;
        await page.getByTestId(list).waitFor();
        // The first three, the rest on 另有 N 条原因.
        expect(await shown(page, list), task.key).toEqual(expected(task.reasons.slice(0, 3)));
        if (task.reasons.length > 3) {
          await page
            .getByTestId(list)
            .getByRole('button', { name: `另有 ${task.reasons.length - 3} 条原因` })
            .click();
          expect(await shown(page, list), task.key).toEqual(expected(task.reasons));
        }
      }
    },
    TIMEOUT,
  );

  it(
    'shows a red and a yellow task’s reasons next to its light on the task page',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fdashboard');
      await page.waitForURL('**/dashboard');
      const tasks = await lagging(page);
      const some = ['red', 'yellow'].flatMap((light) => tasks.filter((t) => t.light === light).slice(0, 2));
      expect(some.length).toBeGreaterThan(0);
      for (const task of some) {
        await page.goto(`/tasks/${task.taskId}`);
        await page.getByTestId('task-reasons').waitFor();
        // The light beside the title, then its reasons.
        expect(await page.locator('[data-light]').first().getAttribute('data-light'), task.key).toBe(task.light);
        expect(await shown(page, 'task-reasons'), task.key).toEqual(expected(task.reasons));
      }
    },
    TIMEOUT,
  );

  it(
    'opens each red or yellow task’s reasons in the ledger',
    async () => {
      const { page } = web();
      // Tall enough for the virtual table to draw all 39 rows with some opened.
      await page.setViewportSize({ width: 1280, height: 2400 });
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      const tasks = await lagging(page);
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      for (const light of ['red', 'yellow'] as const) {
        const ofLight = tasks.filter((t) => t.light === light);
        if (ofLight.length === 0) continue;
        await page.goto(`/ledger?light=${light}`);
        await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`显示 ${ofLight.length} / 39 项`);
        for (const task of ofLight) {
          const toggle = page.getByTestId(`ledger-reasons-toggle-${task.taskId}`);
          await toggle.click();
          const list = `ledger-reasons-${task.taskId}`;
          await page.getByTestId(list).waitFor();
          expect(await shown(page, list), task.key).toEqual(expected(task.reasons));
          await toggle.click();
          await page.getByTestId(list).waitFor({ state: 'detached' });
        }
      }
      // One left open for the screenshot.
      const [first] = tasks;
      if (first) {
        await page.goto(`/ledger?light=${first.light}`);
        await page.getByTestId(`ledger-reasons-toggle-${first.taskId}`).click();
        await page.getByTestId(`ledger-reasons-${first.taskId}`).waitFor();
      }
    },
    TIMEOUT,
  );
});
