/**
 * Plans side by side in Chromium: on the seed's database the office imports
 * the repository's sample notice through the wizard; the seed's plan stays
 * one click away; both plans are reachable through the header's switcher,
 * the ledger and the dashboard show the chosen plan's tasks, and the choice
 * survives a reload (the address carries it). The office archives the older
 * plan: it is marked 已归档 in the switcher, its screens show the read-only
 * banner, and its ledger is still read.
 */
import { expect, it } from 'vitest';
import { samplePath } from '../helpers/paths.js';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 120_000;

/** The address of a screen showing the plan. */
const at =
  (path: string, planId: number) =>
  (url: URL): boolean =>
    url.pathname === path && url.searchParams.get('plan') === String(planId);

interface ListedPlan {
  id: number;
  title: string;
  taskCount: number;
  archived: unknown;
}

describeBrowser('plans side by side [browser]', () => {
  const web = useBrowser();

  it(
    'keeps both plans reachable after a second import, shows the chosen one on every screen, and reads an archived one',
    async () => {
      const { page, server } = web();
      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.goto('/import');
      await page.locator('input[type=file]').first().setInputFiles(samplePath('notice.txt'));
      await page.getByRole('button', { name: '识别并预览' }).click();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByText('导入成功').waitFor();

      const plans = ((await (await page.request.get('/api/plans')).json()) as { items: ListedPlan[] }).items;
      expect(plans).toHaveLength(2);
      const seed = plans.find((p) => p.id === server.planId);
      const sample = plans.find((p) => p.id !== server.planId);
      if (!seed || !sample) throw new Error('both plans are listed');
      expect(sample.taskCount).not.toBe(seed.taskCount);

      // The plan shown before the import is one click away, and the screens still show it.
      await page.getByTestId('import-previous').click();
      await page.waitForURL(at('/ledger', seed.id));
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe(`共 ${seed.taskCount} 项任务`);

      // The switcher in the header: the new plan.
      await page.getByTestId('plan-switcher').click();
      await page.locator('.ant-select-dropdown:visible').getByText(sample.title).click();
      await page.waitForURL(at('/ledger', sample.id));
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe(`共 ${sample.taskCount} 项任务`);
      await page.reload();
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe(`共 ${sample.taskCount} 项任务`);

      // Another screen opened from the menu shows the same plan.
      await page.getByRole('link', { name: '驾驶舱' }).click();
      await page.waitForURL(at('/dashboard', sample.id));
      await expect.poll(() => page.getByTestId('dashboard-total').textContent(), { timeout: 20_000 }).toContain(String(sample.taskCount));

      // Back to the seed's plan, and archive it from its ledger.
      await page.getByTestId('plan-switcher').click();
      await page.locator('.ant-select-dropdown:visible').getByText(seed.title).click();
      await page.waitForURL(at('/dashboard', seed.id));
      await expect.poll(() => page.getByTestId('dashboard-total').textContent(), { timeout: 20_000 }).toContain(String(seed.taskCount));
      await page.goto(`/ledger?plan=${seed.id}`);
      await page.getByTestId('plan-archive').click();
      await page.getByRole('textbox', { name: '理由' }).fill('年度工作已结束');
      await page.getByTestId('plan-archive-ok').click();
      await page.getByTestId('plan-archived').waitFor();
      expect(await page.getByTestId('plan-archived').textContent()).toContain('已归档，只读');
      // Still read: its ledger, with the office's restore button in place of archive.
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe(`共 ${seed.taskCount} 项任务`);
      await page.getByTestId('plan-restore').waitFor();
      // In the switcher it stands apart, marked 已归档.
      await page.getByTestId('plan-switcher').click();
      const dropdown = page.locator('.ant-select-dropdown:visible');
      await expect.poll(() => dropdown.getByText('已归档').count()).toBeGreaterThan(0);
      await page.keyboard.press('Escape');
      // The dashboard of the archived plan shows the banner too.
      await page.goto(`/dashboard?plan=${seed.id}`);
      await page.getByTestId('plan-archived').waitFor();
      await expect.poll(() => page.getByTestId('dashboard-total').textContent(), { timeout: 20_000 }).toContain(String(seed.taskCount));
      await page.screenshot({ path: 'test-results/screenshots/plans-archived-dashboard.png' });
    },
    TIMEOUT,
  );
});
