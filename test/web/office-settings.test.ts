/**
 * The office's settings and ledger tools in Chromium: the yellow threshold
 * changed at /settings is what GET /api/plans/:id/settings then says; a
 * value the server refuses shows its Chinese message beside the form; a save
 * after someone else's asks to reload first; the screen fits a 768 px tablet;
 * a metric's own reporting lag is set, refused twice and cleared;
 * a column hidden in the ledger's column settings stays hidden after a
 * reload; the ledger's 导出台账 link answers an Excel workbook.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { changePlanSettings } from '../../src/modules/settings/settings.service.js';
import { describeBrowser, OFFICE, signIn, useBrowser } from './browser.js';

const TIMEOUT = 90_000;

interface ApiSettings {
  version: number;
  settings: { status: { yellowBehind: number; redBehind: number } };
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** A .xlsx or .docx is a zip: it starts with "PK\x03\x04". */
const isZip = (body: Buffer): boolean => body.length > 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04;

describeBrowser('the office’s settings and ledger tools [browser]', () => {
  const web = useBrowser();

  it(
    'changes the yellow threshold in /settings, shows the server’s message for a bad one and asks to reload after a conflict',
    async () => {
      const { page, server, expectResponse } = web();
      await signIn(page, OFFICE, '/login?next=%2Fsettings');
      await page.waitForURL('**/settings');
      const path = `/api/plans/${server.planId}/settings`;
      const before = await apiGet<ApiSettings>(page, path);

      const card = page.getByTestId('settings-status');
      const yellow = card.getByLabel('黄灯阈值');
      await yellow.fill('15');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('设置已保存').waitFor();
      await expect.poll(async () => (await apiGet<ApiSettings>(page, path)).settings.status.yellowBehind).toBe(15);
      expect((await apiGet<ApiSettings>(page, path)).version).toBe(before.version + 1);

      // Yellow above red: the server refuses it, in Chinese, and nothing changes.
      expectResponse(400, 'PUT', path);
      await yellow.fill(String(before.settings.status.redBehind + 20));
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(() => card.getByTestId('settings-error').textContent()).toContain('红黄灯阈值应为');
      expect((await apiGet<ApiSettings>(page, path)).settings.status.yellowBehind).toBe(15);

      // Someone else saves in between: the save is refused (409) and the form asks to reload, then saves.
      const current = await apiGet<ApiSettings>(page, path);
      await changePlanSettings(server.store.db, server.operator, server.planId, { version: current.version, status: { redBehind: 35 } });
      expectResponse(409, 'PUT', path);
      await yellow.fill('12');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await card.getByTestId('settings-stale').getByText('设置已被其他人修改').waitFor();
      await card.getByRole('button', { name: '重新加载' }).click();
      await expect.poll(() => card.getByLabel('红灯阈值').inputValue()).toBe('35');
      await card.getByLabel('黄灯阈值').fill('12');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(async () => (await apiGet<ApiSettings>(page, path)).settings.status).toMatchObject({ yellowBehind: 12, redBehind: 35 });

      // On a 768 px tablet the labels go above the fields and nothing runs off the screen.
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.getByRole('tab', { name: '调度安排' }).click();
      await page.getByTestId('settings-schedule').getByLabel('截止日').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'sets the lag of one metric, offered from the plan’s targets, refuses it twice and clears it',
    async () => {
      const { page, server } = web();
      await signIn(page, OFFICE, '/login?next=%2Fsettings');
      await page.waitForURL('**/settings');
      const path = `/api/plans/${server.planId}/settings`;
      const metric = (await apiGet<{ targets: { metric: string }[] }>(page, `/api/dashboard?planId=${server.planId}`)).targets
        .map((x) => x.metric)
        .find((m) => m.length >= 2);
      if (!metric) throw new Error('the sample plan has no named metric');
      const lags = async () =>
        (await apiGet<{ settings: { status: { lagMonthsByMetric: Record<string, number> } } }>(page, path)).settings.status.lagMonthsByMetric;

      const card = page.getByTestId('settings-status');
      const rows = card.getByTestId('lag-by-metric');
      const save = () => card.getByRole('button', { name: /保\s*存/ }).click();
      await rows.getByRole('button', { name: '添加指标' }).click();
      await rows.getByLabel('指标', { exact: true }).first().fill(metric.slice(0, 2));
      await page.locator('.ant-select-item-option', { hasText: metric }).first().click();
      await rows.getByLabel('滞后月数').first().fill('2');
      await save();
      await page.getByText('设置已保存').first().waitFor();
      await expect.poll(lags).toEqual({ [metric]: 2 });

      // The same metric twice is refused in the form, and nothing is sent.
      await rows.getByRole('button', { name: '添加指标' }).click();
      await rows.getByLabel('指标', { exact: true }).nth(1).fill(metric);
      await page.keyboard.press('Escape');
      await save();
      await card.getByText('同一指标只能设置一次').first().waitFor();
      expect(await lags()).toEqual({ [metric]: 2 });

      await rows
        .getByRole('button', { name: /移\s*除/ })
        .nth(1)
        .click();
      await rows
        .getByRole('button', { name: /移\s*除/ })
        .first()
        .click();
      await save();
      await expect.poll(lags).toEqual({});
    },
    TIMEOUT,
  );

  it(
    'hides a ledger column that stays hidden after a reload',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      const header = page.getByRole('columnheader', { name: '协办单位', exact: true });
      expect(await header.count()).toBe(1);

      await page.getByRole('button', { name: '列设置' }).click();
      const coUnits = page.getByTestId('ledger-columns').getByRole('checkbox', { name: '协办单位' });
      // On a loaded machine a click while the panel is still opening may not take: the column is hidden once it does.
      await expect
        .poll(
          async () => {
            if (await coUnits.isChecked()) await coUnits.click();
            return header.count();
          },
          { timeout: 20_000 },
        )
        .toBe(0);

      await page.reload();
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      expect(await page.getByRole('columnheader', { name: '主办单位', exact: true }).count()).toBe(1);
      expect(await header.count()).toBe(0);

      await page.getByRole('button', { name: '列设置' }).click();
      const reset = page.getByTestId('ledger-columns').getByRole('button', { name: '恢复默认' });
      // The same on reset: clicked again until the column is back.
      await expect
        .poll(
          async () => {
            if ((await header.count()) === 0 && (await reset.isEnabled())) await reset.click();
            return header.count();
          },
          { timeout: 20_000 },
        )
        .toBe(1);
    },
    TIMEOUT,
  );

  it(
    'exports the ledger as an Excel workbook, in one sheet or one per section',
    async () => {
      const { page, server } = web();
      await signIn(page, OFFICE, '/login?next=%2Fledger');
      await page.waitForURL('**/ledger');
      const link = page.getByTestId('ledger-export');
      await expect.poll(() => link.getAttribute('href')).toBe(`/api/ledger.xlsx?planId=${server.planId}&bySection=false`);
      await page.getByTestId('ledger-export-by-section').click();
      await expect.poll(() => link.getAttribute('href')).toBe(`/api/ledger.xlsx?planId=${server.planId}&bySection=true`);

      for (const bySection of [false, true]) {
        const res = await page.request.get(`/api/ledger.xlsx?planId=${server.planId}&bySection=${bySection}`);
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(isZip(await res.body()), 'a zip (xlsx)').toBe(true);
      }
    },
    TIMEOUT,
  );
});
