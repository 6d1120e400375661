/**
 * Set-up in the app (ADR 0023), in Chromium: the office signing in on a
 * database whose only notice is the seed finds the first-run card on the
 * dashboard, prefilled with the government the notice's issuer names;
 * confirming it saves it (GET /api/government says so) and the card goes;
 * the 政府信息 tab of 督办设置 edits it later. An observer is never asked.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 90_000;
const OBSERVER: WebUser = { username: 'gov_observer', password: 'Gov-Observer-Passw0rd!', role: 'observer', displayName: '观察员' };

interface GovernmentView {
  confirmed: boolean;
  source: string;
  version: number;
  profile: { name: string; region: string; signature: string };
}

async function government(page: Page): Promise<GovernmentView> {
  const res = await page.request.get('/api/government');
  expect(res.status()).toBe(200);
  return (await res.json()) as GovernmentView;
}

describeBrowser('the government’s profile set in the app [browser]', () => {
  const web = useBrowser({ users: [OBSERVER] });

  it(
    'asks the office once, prefilled from the notice, and edits it later under 督办设置',
    async () => {
      const { page } = web();
      await signIn(page, OFFICE);
      const card = page.getByTestId('government-first-run');
      await card.waitFor();
      expect(await card.getByTestId('government-name').inputValue()).toContain('兖州区人民政府');
      expect(await card.getByTestId('government-region').inputValue()).toBe('兖州区');
      expect(await government(page)).toMatchObject({ confirmed: false, source: 'notice' });

      await card.getByTestId('government-save').click();
      await page.getByText('政府信息已保存').waitFor();
      await expect.poll(async () => (await government(page)).confirmed).toBe(true);
      await card.waitFor({ state: 'detached' });

      await page.goto('/settings');
      await page.getByRole('tab', { name: '政府信息' }).click();
      const settings = page.getByTestId('government-profile');
      await settings.getByTestId('government-signature').fill('济宁市兖州区人民政府督查室');
      await settings.getByTestId('government-save').click();
      await expect.poll(async () => (await government(page)).profile.signature).toBe('济宁市兖州区人民政府督查室');
    },
    TIMEOUT,
  );

  it(
    'never asks an observer',
    async () => {
      const { page } = web();
      await signIn(page, OBSERVER);
      await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
      expect(await page.getByTestId('government-first-run').count()).toBe(0);
    },
    TIMEOUT,
  );
});
