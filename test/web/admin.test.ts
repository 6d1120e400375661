/**
 * Administration in the browser: the auditor's audit log (filter by who and what and by dates, the chain checked
 * on the server, the filtered entries downloaded as CSV), and a password reset by the system administrator, after
 * which the user signs in with the temporary password and must change it at once (ADR 0025).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeBrowser, signIn, useBrowser, type WebUser } from './browser.js';

const SYSADMIN: WebUser = { username: 'a_sysadmin', password: 'Lh-51-Strong!Pass9', role: 'sysadmin', displayName: '系统管理员甲' };
const AUDITOR: WebUser = { username: 'a_auditor', password: 'Lh-52-Strong!Pass9', role: 'auditor', displayName: '审计管理员丙' };
const OBSERVER: WebUser = { username: 'a_observer', password: 'Lh-53-Strong!Pass9', role: 'observer', displayName: '观察员丁' };
const CHOSEN = 'Lh-54-Chosen!Pass9';
const TIMEOUT = 90_000;

describeBrowser('administration [browser]', () => {
  const web = useBrowser({ users: [SYSADMIN, AUDITOR, OBSERVER] });

  it(
    'resets a password: the temporary one is shown once, and its holder must change it at sign-in',
    async () => {
      const { page, context } = web();
      await signIn(page, SYSADMIN, '/login?next=%2Fadmin%2Fusers');
      const row = page.getByRole('row').filter({ hasText: OBSERVER.username });
      await row.getByTestId(`reset-password-${OBSERVER.username}`).click();
      await page.getByRole('button', { name: /确\s*定/ }).click();
      const shown = page.getByTestId('temporary-password');
      await shown.waitFor();
      const temporary = (await shown.textContent())?.trim() ?? '';
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      // No reset button for administrators' accounts: theirs are the security administrator's.
      expect(await page.getByTestId(`reset-password-${AUDITOR.username}`).count()).toBe(0);

      await context.clearCookies();
      web().expectResponse(401, 'POST', '/api/session');
      await signIn(page, OBSERVER, '/login?next=%2Fledger');
      await page.getByText('用户名或密码不正确').first().waitFor();
      await signIn(page, { username: OBSERVER.username, password: temporary }, '/login?next=%2Fledger');
      await page.getByTestId('change-password').waitFor();
      await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
      await page.getByLabel('再次输入新密码').fill(CHOSEN);
      await page.getByRole('button', { name: '修改密码并进入系统' }).click();
      await page.waitForURL('**/ledger');
    },
    TIMEOUT,
  );

  it(
    'lets the auditor filter the log, verify the chain and download the filtered entries',
    async () => {
      const { page } = web();
      await signIn(page, AUDITOR, '/login?next=%2Fadmin%2Faudit');
      await page.getByTestId('audit-table').waitFor();
      await page.getByTestId('audit-filter-action').fill('user.password');
      await page.getByTestId('audit-filter-apply').click();
      await page.waitForURL(/action=user.password/);
      await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 2 条');
      const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
      expect(await rows.allTextContents()).toEqual([expect.stringContaining('user.password.change'), expect.stringContaining('user.password.reset')]);
      expect((await rows.nth(1).textContent()) ?? '').toContain(SYSADMIN.username);

      // Expanding a row shows what changed, never a password or its hash.
      await rows.nth(1).getByRole('button').first().click();
      const expanded = page.locator('tr.ant-table-expanded-row').first();
      await expanded.getByText('变更后').waitFor();
      expect(await expanded.textContent()).toContain('"mustChangePassword": true');
      expect(await expanded.textContent()).not.toMatch(/argon2/);

      // Who, and since when: the system administrator's entries only, the reset among them.
      await page.getByTestId('audit-filter-user').fill(SYSADMIN.username);
      await page.getByTestId('audit-filter-action').fill('');
      await page.getByTestId('audit-filter-from').fill('2000-01-01');
      await page.getByTestId('audit-filter-apply').click();
      await page.waitForURL(/user=a_sysadmin/);
      await expect.poll(async () => (await rows.allTextContents()).every((row) => row.includes(SYSADMIN.username))).toBe(true);
      expect((await rows.allTextContents()).some((row) => row.includes('user.password.reset'))).toBe(true);

      await page.getByTestId('audit-verify').click();
      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('哈希链校验通过');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toContain('"操作人"');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^"\\d+","[^"]+","${SYSADMIN.username}","系统管理员"`));
    },
    TIMEOUT,
  );

  it(
    'opens each screen’s help from the ? button',
    async () => {
      const { page } = web();
      await signIn(page, AUDITOR, '/login?next=%2Fadmin%2Faudit');
      await page.getByTestId('audit-table').waitFor();
      await page.getByTestId('screen-help').click();
      await expect.poll(() => page.getByTestId('screen-help-text').textContent()).toContain('审计日志：每一项操作都有记录');
    },
    TIMEOUT,
  );
});
