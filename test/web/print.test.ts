/**
 * Find and print in Chromium: the ledger's search box (the words in the
 * address, the count, the words marked in the task text, combined with a
 * filter); the print views of the ledger, a task and a bulletin preview, each
 * printed to PDF on A4 portrait and A3 landscape (the page size read back from
 * the PDF), without the app's menu and header, every task once.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { bulletinService } from '../../src/modules/bulletin/bulletin.service.js';
import { pdfText } from '../helpers/office.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 120_000;

interface ApiTask {
  id: number;
  key: string;
  text: string;
  leaders: string[];
  leaderRefs: { id: number; name: string }[];
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** The page printed as Chromium prints it (print media, the CSS page size): its text, pages and page size. */
async function printed(page: Page) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return pdfText(new Uint8Array(pdf));
}

/** A4 portrait and A3 landscape, in points. */
const A4 = { width: 595.28, height: 841.89 };
const A3 = { width: 1190.55, height: 841.89 };
const expectSize = (size: { width: number; height: number }, paper: { width: number; height: number }): void => {
  expect(Math.abs(size.width - paper.width)).toBeLessThan(2);
  expect(Math.abs(size.height - paper.height)).toBeLessThan(2);
};

/** Occurrences of a task's key as a word of its own (二/1 is not counted in 二/10). */
const keyCount = (text: string, key: string): number => [...text.matchAll(new RegExp(`(^|\\s)${key.replace(/[/]/g, '\\/')}(?=\\s|$)`, 'g'))].length;

describeBrowser('find and print [browser]', () => {
  const web = useBrowser({ simulateUntil: '2026-03-31' });

  it(
    'searches the ledger: every word required, in the address, counted, marked in the text, with a filter',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      const tasks = (await apiGet<{ items: ApiTask[] }>(page, '/api/tasks')).items;
      // A word many tasks hold, and a second one fewer of them also hold: typed in full-width digits where it has any.
      const words = ['建设', '项目'];
      const both = (await apiGet<{ items: ApiTask[] }>(page, `/api/tasks?q=${encodeURIComponent(words.join(' '))}`)).items;
      expect(both.length).toBeGreaterThan(1);
      expect(both.length).toBeLessThan(tasks.filter((t) => t.text.includes(words[0] ?? '')).length + 3);
      for (const t of tasks.filter((x) => words.every((w) => x.text.includes(w)))) expect(both.map((b) => b.key)).toContain(t.key);

      await page.getByTestId('ledger-search').locator('input').fill(words.join(' '));
      await page.waitForURL((url) => url.searchParams.get('q') === words.join(' '));
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`显示 ${both.length} / 39 项`);
      const marks = await page.locator('.search-mark').allInnerTexts();
      expect(marks.length).toBeGreaterThan(0);
      // Each mark is made of the words (two side by side make one mark).
      for (const m of marks) expect(m.replace(/建设|项目/g, ''), m).toBe('');

      // Full-width digits find the half-width ones.
      const withDigit = (await apiGet<{ items: ApiTask[] }>(page, '/api/tasks?q=2026')).items;
      if (withDigit.length > 0) {
        await page.getByTestId('ledger-search').locator('input').fill('２０２６');
        await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`显示 ${withDigit.length} / 39 项`);
      }

      // The words and a leader filter together, from the address.
      const leader = both[0]?.leaderRefs[0];
      if (!leader) throw new Error('no leader');
      const expected = both.filter((t) => t.leaderRefs.some((l) => l.id === leader.id));
      await page.goto(`/ledger?q=${encodeURIComponent(words.join(' '))}&leader=${leader.id}`);
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe(`显示 ${expected.length} / 39 项`);
      expect(await page.getByTestId('ledger-search').locator('input').inputValue()).toBe(words.join(' '));
      await page.getByRole('button', { name: '清除筛选' }).click();
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      await expect.poll(() => page.getByTestId('ledger-search').locator('input').inputValue()).toBe('');
      await page.waitForLoadState('networkidle');
    },
    TIMEOUT,
  );

  it(
    'prints the ledger on A4 portrait and A3 landscape, each task once, its targets in its row, without the menu',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      const tasks = (await apiGet<{ items: (ApiTask & { targets: { text: string }[] })[] }>(page, '/api/tasks')).items;
      await page.getByTestId('ledger-print').click();
      await page.waitForURL('**/ledger/print');
      await expect.poll(() => page.getByTestId('print-task').count()).toBe(39);
      expect(await page.locator('.ant-layout-sider').count(), 'no menu').toBe(0);
      expect(await page.getByRole('button', { name: '退出' }).count(), 'no header').toBe(0);

      const a4 = await printed(page);
      expectSize(a4.pageSize, A4);
      expect(a4.pages).toBeGreaterThan(1);
      for (const task of tasks) expect(keyCount(a4.text, task.key), task.key).toBe(1);
      // The header on every page, the first included (a task taller than a page does not leave the first page to the title).
      const pages = a4.text.split('\f').slice(0, a4.pages);
      expect(pages.map((p, i) => (p.includes('编号') ? i + 1 : -(i + 1)))).toEqual(pages.map((_, i) => i + 1));
      // A task's targets are in its row, not rows of their own: the one with most targets still has its key once.
      const most = [...tasks].sort((x, y) => y.targets.length - x.targets.length)[0];
      expect(most?.targets.length).toBeGreaterThan(3);

      await page.getByTestId('print-paper').getByText('A3 横向').click();
      await page.waitForURL((url) => url.searchParams.get('paper') === 'a3');
      const a3 = await printed(page);
      expectSize(a3.pageSize, A3);
      for (const task of tasks) expect(keyCount(a3.text, task.key), task.key).toBe(1);
      expect(a3.pages).toBeLessThan(a4.pages);

      // The print view of a search: only its tasks, the words said.
      await page.goto('/ledger/print?q=%E9%A1%B9%E7%9B%AE&paper=a4');
      const found = tasks.filter((t) => t.text.includes('项目') || t.targets.some((g) => g.text.includes('项目')));
      await expect.poll(() => page.getByTestId('print-task').count()).toBeLessThanOrEqual(found.length + 1);
      await expect.poll(() => page.getByTestId('print-summary').textContent()).toContain('查找：项目');
      await page.waitForLoadState('networkidle');
    },
    TIMEOUT,
  );

  it(
    'prints a task and a bulletin preview, with their 打印 buttons',
    async () => {
      const { page, server } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      const tasks = (await apiGet<{ items: (ApiTask & { targets: { text: string }[] })[] }>(page, '/api/tasks')).items;
      const task = [...tasks].sort((x, y) => y.targets.length - x.targets.length)[0];
      if (!task) throw new Error('no task');
      await page.goto(`/tasks/${task.id}`);
      await page.getByTestId('task-print').click();
      await page.waitForURL(`**/tasks/${task.id}/print`);
      await expect.poll(() => page.getByTestId('print-task-title').textContent()).toBe(`任务 ${task.key}`);
      await page.getByTestId('print-targets').waitFor();
      await page.getByTestId('print-button').waitFor();
      const sheet = await printed(page);
      expectSize(sheet.pageSize, A4);
      const flat = sheet.text.replace(/\s+/g, '');
      expect(flat).toContain(task.text.replace(/\s+/g, '').slice(0, 40));
      for (const target of task.targets) expect(flat, target.text).toContain(target.text.replace(/\s+/g, ''));

      const office = await actorOf(server.store.db, server.governmentId, OFFICE.username);
      const bulletin = await bulletinService.createDraft(server.store.db, office, { planId: server.planId, period: '2026-03' });
      await page.goto(`/bulletins/${bulletin.id}`);
      await page.getByTestId('bulletin-print').click();
      await page.waitForURL(`**/bulletins/${bulletin.id}/print`);
      // The address changes before the print view's chunk has loaded: the bulletin page (its preview and remarks) is
      // still on screen until the print frame's toolbar is.
      await page.getByTestId('print-button').waitFor();
      await page.getByTestId('bulletin-preview').waitFor();
      expect(await page.getByTestId('bulletin-remarks').count(), 'nothing to edit in print').toBe(0);
      await page.getByTestId('bulletin-chart').locator('canvas').waitFor();
      const a4 = await printed(page);
      expectSize(a4.pageSize, A4);
      expect(a4.text).toContain(bulletin.title.slice(0, 8));
      await page.getByTestId('print-paper').getByText('A3 横向').click();
      await page.waitForURL((url) => url.searchParams.get('paper') === 'a3');
      // The page's @page rule follows the choice on the next render: print until it has.
      await expect.poll(async () => Math.round((await printed(page)).pageSize.width), { timeout: 15_000 }).toBe(Math.round(A3.width));
      expectSize((await printed(page)).pageSize, A3);
      await page.waitForLoadState('networkidle');
    },
    TIMEOUT,
  );
});
