/**
 * The ledger at 5,000 tasks in Chromium: a notice of 5,000 numbered tasks is
 * committed through the plan importer; /ledger shows its first rows while the
 * page holds only a screenful of rows (virtual scrolling), scrolling to the end
 * shows the last task, and choosing a unit by typing its name narrows the list
 * to that unit's tasks. Behaviour, not time: bench/web-ledger-5000.ts times it.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';
import { importManyTasks, taskText } from './many-tasks.js';

const TIMEOUT = 180_000;
const COUNT = 5000;
/** Tasks whose host or co-unit is 区商务局 in the generated notice (every 8th task as host, every 8th as co-unit). */
const COMMERCE_TASKS = 1250;

const ROWS = '.ant-table-tbody .ant-table-row';
const rowsInDom = (page: Page): Promise<number> => page.locator(ROWS).count();
/** The virtual table draws its rows as plain elements (no table roles): found by their text. */
const taskRow = (page: Page, n: number) => page.locator(ROWS, { hasText: taskText(n) });

describeBrowser('the ledger at 5,000 tasks [browser]', () => {
  const web = useBrowser({ importSeed: false });

  it(
    'shows the first rows, keeps few rows in the page, scrolls to task 5000 and narrows by a typed filter',
    async () => {
      const { page, server } = web();
      await importManyTasks(server.store, server.operator, COUNT);

      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL((u) => u.pathname === '/ledger', { timeout: 60_000 });
      await taskRow(page, 1).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`共 ${COUNT} 项任务`);
      const first = await rowsInDom(page);
      expect(first).toBeGreaterThan(5);
      expect(first).toBeLessThan(200);

      // Scroll the table with the mouse wheel, as a person would, until the last task is drawn.
      await page.locator('.ant-table-tbody-virtual-holder').hover();
      const last = taskRow(page, COUNT);
      await expect
        .poll(
          async () => {
            await page.mouse.wheel(0, 100_000);
            return last.count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      expect(await rowsInDom(page)).toBeLessThan(200);
      expect(await taskRow(page, 1).count()).toBe(0);

      // Typing a unit's name in the unit filter and choosing it narrows the list.
      await page.getByTestId('filter-unit').click();
      await page.keyboard.type('区商务局');
      await page.locator('.ant-select-item-option[title="区商务局"]').waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`显示 ${COMMERCE_TASKS} / ${COUNT} 项`);
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).not.toBeNull();
      const shown = page.locator(ROWS);
      expect(await shown.count()).toBeLessThan(200);
      for (const row of await shown.all()) expect(await row.textContent()).toContain('区商务局');
    },
    TIMEOUT,
  );
});
