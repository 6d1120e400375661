/**
 * Signing in from the browser: a wrong password and a locked account are
 * explained in Chinese, a user whose password change is due is taken to the
 * change form and then into the app, and the page switches to English.
 */
import { expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const PENDING: WebUser = { username: 'dx_li', password: 'Lh-10-Strong!Pass9', role: 'observer', displayName: '李东霞', mustChangePassword: true };
const LOCKED: WebUser = { username: 'swj_lly', password: 'Lh-21-Strong!Pass9', role: 'observer', displayName: '王立' };
const NEW_PASSWORD = 'Lh-77-Changed!Pass9';
const TIMEOUT = 60_000;

describeBrowser('signing in [browser]', () => {
  const web = useBrowser({ users: [PENDING, LOCKED] });

  it(
    "shows the server's Chinese message for a wrong password, and stays on /login",
    async () => {
      const { page, expectResponse } = web();
      expectResponse(401, 'POST', '/api/session');
      await signIn(page, { username: 'admin', password: 'not-the-password' });
      await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码不正确');
      expect(new URL(page.url()).pathname).toBe('/login');
    },
    TIMEOUT,
  );

  it(
    'explains a locked account (429) in Chinese',
    async () => {
      const { page, expectResponse } = web();
      expectResponse(401, 'POST', '/api/session');
      expectResponse(429, 'POST', '/api/session');
      await page.goto('/login');
      await page.getByLabel('用户名').fill(LOCKED.username);
      for (let i = 0; i < 6; i++) {
        await page.getByLabel('密码', { exact: true }).fill(i < 5 ? 'Lh-21-Wrong!Pass99' : LOCKED.password);
        const answer = page.waitForResponse((r) => r.url().endsWith('/api/session'));
        await page.getByRole('button', { name: /登\s*录/ }).click();
        await answer;
      }
      await expect.poll(() => page.getByTestId('login-error').textContent()).toMatch(/登录失败次数过多，账号已临时锁定，请 \d+ 分钟后再试/);
      await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('请安全管理员解锁');
    },
    TIMEOUT,
  );

  it(
    'takes a user whose password change is due to the change form, then into the app',
    async () => {
      const { page } = web();
      await signIn(page, PENDING);
      const form = page.getByTestId('change-password');
      await form.waitFor();
      expect(await form.textContent()).toContain('首次登录，或者您的密码已被管理员重置');
      await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: '修改密码并进入系统' }).click();
      await page.waitForURL('**/dashboard');
      await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(PENDING.displayName);
      await page.getByTestId('light-count-none').waitFor();
    },
    TIMEOUT,
  );

  it(
    'sends a visitor without a session to /login, and back to the page asked for after signing in',
    async () => {
      const { page, expectResponse } = web();
      expectResponse(401, 'GET', '/api/me');
      await page.goto('/ledger?light=red');
      await page.waitForURL('**/login?next=%2Fledger%3Flight%3Dred');
      await page.getByLabel('用户名').fill(OFFICE.username);
      await page.getByLabel('密码', { exact: true }).fill(OFFICE.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL('**/ledger?light=red');
      await page.getByTestId('ledger-count').waitFor();
    },
    TIMEOUT,
  );

  it(
    'signs in and reaches the ledger with the keyboard alone',
    async () => {
      const { page } = web();
      await page.goto('/login');
      await page.getByLabel('用户名').focus();
      await page.keyboard.type(OFFICE.username);
      await page.keyboard.press('Tab');
      await page.keyboard.type(OFFICE.password);
      await page.keyboard.press('Enter');
      await page.waitForURL('**/dashboard');
      // Tab walks the menu's entries; Enter opens one.
      const onLedger = page.locator('a:focus', { hasText: '任务台账' });
      await page.locator('.ant-menu-item').filter({ hasText: '任务台账' }).waitFor();
      for (let i = 0; i < 40 && (await onLedger.count()) === 0; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/ledger');
      await page.getByTestId('ledger-count').waitFor();
      // The arrow keys move along the menu; Enter opens the entry reached.
      // The menu moves the focus on the next animation frame: like a person,
      // the test presses Enter once it sees the focus on the next entry.
      await page.locator('a:focus', { hasText: '任务台账' }).focus();
      await page.keyboard.press('ArrowDown');
      await page.locator('a:focus', { hasText: '本单位工作' }).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname !== '/ledger');
      await expect.poll(() => page.locator('.ant-menu-item-selected').textContent()).toBe('本单位工作');
    },
    TIMEOUT,
  );

  it(
    'switches to English and back',
    async () => {
      const { page } = web();
      await page.goto('/login');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Username').waitFor();
      expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByLabel('用户名').waitFor();
    },
    TIMEOUT,
  );
});
