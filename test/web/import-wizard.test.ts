/**
 * The import wizard in Chromium: on a database without a plan, the office
 * uploads the seed notice at /import, sees its 39 tasks and the warnings in
 * the preview, corrects the hosts of a task the importer was unsure of,
 * marks the first target of task 二/1 a long-term aim (so not measured),
 * commits, and then finds the 39 tasks with their host units in the ledger
 * and that target unmeasured.
 */
import { expect, it } from 'vitest';
import { seedPath } from '../helpers/paths.js';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 90_000;

describeBrowser('the import wizard [browser]', () => {
  const web = useBrowser({ importSeed: false });

  it(
    'imports the seed notice through the wizard, with a host correction and a target made a long-term aim, and shows its 39 tasks in the ledger',
    async () => {
      const { page, expectResponse } = web();
      // No plan yet: the dashboard the office lands on answers 404 (shown as "no plan imported").
      expectResponse(404, 'GET', '/api/dashboard');
      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.getByRole('link', { name: '导入通知' }).click();
      await page.waitForURL('**/import');

      await page.locator('input[type=file]').first().setInputFiles(seedPath);
      await page.getByRole('button', { name: '识别并预览' }).click();
      await expect.poll(() => page.getByTestId('import-task-count').textContent(), { timeout: 20_000 }).toBe('39');
      await expect.poll(() => page.getByText('新计划（尚未导入过）').count()).toBe(1);

      // The importer's warnings come first, each with its task's text.
      await expect.poll(() => page.getByTestId('import-warnings').getByText('第 53 行', { exact: false }).count()).toBe(1);
      // Task 四/10 has a host conflict: keep its first two hosts only (Backspace drops the last).
      const hosts = page.getByRole('combobox', { name: '任务 四/10 的主办单位' });
      await hosts.focus();
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Escape');
      await page.getByText('已更正 1 项任务').waitFor();
      // Task 二/1 opens with long-term aims: its first target becomes one, and with it is no longer measured.
      await page.getByRole('button', { name: '调整任务 二/1 的指标' }).click();
      const editor = page.getByRole('dialog', { name: '任务 二/1 的指标' });
      await editor.getByRole('combobox', { name: '第 1 个指标的性质' }).click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('长远目标').click();
      expect(await editor.getByRole('switch', { name: '第 1 个指标是否衡量' }).getAttribute('aria-checked')).toBe('false');
      await editor.getByRole('button', { name: /确\s*定/ }).click();
      await page.getByText('已更正 2 项任务').waitFor();
      await page.getByRole('button', { name: /按更正重新预览/ }).click();
      await page.getByText('已更正 2 项任务').waitFor();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText('导入成功').waitFor();
      await expect.poll(() => page.getByText(/现有 39 项任务/).count()).toBe(1);

      await page.getByRole('button', { name: '查看任务台账' }).click();
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe('共 39 项任务');

      const res = await page.request.get('/api/tasks');
      expect(res.status()).toBe(200);
      const tasks = ((await res.json()) as { items: { key: string; hostUnits: string[] }[] }).items;
      expect(tasks).toHaveLength(39);
      expect(tasks.every((t) => t.hostUnits.length > 0)).toBe(true);
      expect(tasks.find((t) => t.key === '四/10')?.hostUnits).toHaveLength(2);
      const first = ((await res.json()) as { items: { key: string; targets: { scope: string; measured: boolean }[] }[] }).items.find((t) => t.key === '二/1');
      expect(first?.targets[0]).toMatchObject({ scope: 'long_term', measured: false });
    },
    TIMEOUT,
  );
});
