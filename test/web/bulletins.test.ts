/**
 * Bulletins (通报) in Chromium, on the seed with a simulated quarter: the
 * office drafts the bulletin of March 2026 at /bulletins, sees the lagging
 * tasks with their units in the preview, issues it (after the confirm
 * dialog) and downloads its .docx; a unit's liaison then finds the issued
 * bulletin in their list, without the 新建通报 button.
 *
 * The second test reads what the first issued (tests of a file run in order).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 120_000;
const LIAISON: WebUser = {
  username: 'bulletin_lly',
  password: 'Bulletin-Lly-Passw0rd!',
  role: 'liaison',
  displayName: '通报 联络员',
  unitName: '区科学技术局',
};

interface ApiBulletin {
  id: number;
  status: 'draft' | 'issued';
  title: string;
  documentNumber: string | null;
  content?: { lagging: { title: string; hostUnits: string[] }[] };
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Picks an option of the antd Select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

describeBrowser('bulletins [browser]', () => {
  const web = useBrowser({ simulateUntil: '2026-03-31', users: [LIAISON] });

  it(
    'drafts the bulletin of March 2026, shows its lagging tasks, issues it and downloads its .docx',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.getByRole('link', { name: '通报' }).click();
      await page.waitForURL('**/bulletins');

      await page.getByRole('button', { name: '新建通报' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('按所选期间').waitFor();
      await choose(page, '年份', '2026年');
      await choose(page, '月份', '3月');
      await dialog.getByRole('button', { name: '生成草稿' }).click();
      await page.waitForURL(/\/bulletins\/\d+$/, { timeout: 60_000 });
      const id = Number(new URL(page.url()).pathname.split('/').pop());

      const draft = await apiGet<ApiBulletin>(page, `/api/bulletins/${id}`);
      expect(draft.status).toBe('draft');
      const lagging = draft.content?.lagging ?? [];
      expect(lagging.length, 'the simulated quarter leaves some task behind').toBeGreaterThan(0);
      const preview = page.getByTestId('bulletin-lagging');
      await preview.waitFor();
      for (const task of lagging.slice(0, 3)) {
        const text = await preview.textContent();
        expect(text, task.title).toContain(task.title);
        for (const unit of task.hostUnits) expect(text, unit).toContain(unit);
      }
      await page.getByTestId('bulletin-chart').locator('canvas').waitFor();

      await page.getByTestId('bulletin-remarks').fill('请各责任单位对照滞后任务，于下月5日前报送整改措施。');
      await page.getByRole('button', { name: '保存工作要求' }).click();
      await page.getByText('工作要求已保存').waitFor();

      await page.getByRole('button', { name: /签\s*发/ }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.getByText('签发后将编号').waitFor();
      await confirm.getByRole('button', { name: /签\s*发/ }).click();
      await page.getByText('通报已签发').waitFor();
      await page.locator('[data-status="issued"]').first().waitFor();
      const issued = await apiGet<ApiBulletin>(page, `/api/bulletins/${id}`);
      expect(issued.status).toBe('issued');
      expect(issued.documentNumber).toBeTruthy();
      // The confirm dialog closes, and an issued bulletin offers no 签发 any more.
      await expect.poll(() => page.getByRole('button', { name: /签\s*发/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '刷新数据' }).count()).toBe(0);

      const href = await page.getByTestId(`bulletin-docx-${id}`).getAttribute('href');
      expect(href).toBe(`/api/bulletins/${id}/docx`);
      const res = await page.request.get(href ?? '');
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const body = await res.body();
      expect(body.subarray(0, 4).toString('binary')).toBe('PK\x03\x04');
    },
    TIMEOUT,
  );

  it(
    'shows a unit’s liaison the issued bulletin, without the 新建通报 button',
    async () => {
      const { page } = web();
      await signIn(page, LIAISON, '/login?next=%2Fbulletins');
      await page.waitForURL('**/bulletins');
      const list = await apiGet<{ items: ApiBulletin[] }>(page, '/api/bulletins');
      const issued = list.items.find((b) => b.status === 'issued');
      if (!issued?.documentNumber) throw new Error('no issued bulletin: the first test issues one');
      expect(list.items.every((b) => b.status === 'issued')).toBe(true);
      await page.getByRole('link', { name: issued.title }).waitFor();
      await page.getByText(issued.documentNumber, { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: '新建通报' }).count()).toBe(0);
      await page.getByRole('link', { name: issued.title }).click();
      await page.waitForURL(`**/bulletins/${issued.id}`);
      await page.getByTestId('bulletin-preview').waitFor();
      expect(await page.getByRole('button', { name: /签\s*发/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '刷新数据' }).count()).toBe(0);
    },
    TIMEOUT,
  );
});
