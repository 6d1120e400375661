/**
 * 三员分立 in the browser: an account the system administrator made shows as
 * awaiting its role's grant on the users page; its holder, once the password
 * is changed, is told the role awaits the grant; the security administrator
 * grants it with the 授权 button, and the banner is gone.
 */
import { expect, it } from 'vitest';
import { createUser } from '../../src/modules/user/user.service.js';
import { actorOf, describeBrowser, signIn, useBrowser, type WebUser } from './browser.js';

const SYSADMIN: WebUser = { username: 'g_sysadmin', password: 'Lh-41-Strong!Pass9', role: 'sysadmin', displayName: '系统管理员甲' };
const SECADMIN: WebUser = { username: 'g_secadmin', password: 'Lh-42-Strong!Pass9', role: 'secadmin', displayName: '安全管理员乙' };
const NEWCOMER = { username: 'g_newcomer', initial: 'Lh-43-Initial!Pass9', chosen: 'Lh-44-Chosen!Pass9' };
const TIMEOUT = 60_000;

describeBrowser('role grants [browser]', () => {
  const web = useBrowser({ users: [SYSADMIN, SECADMIN], importSeed: false });

  it(
    'shows the system administrator the new account as awaiting its grant, with no 授权 button',
    async () => {
      const { page, server } = web();
      const sysadmin = await actorOf(server.store.db, server.governmentId, SYSADMIN.username);
      await createUser(server.store.db, sysadmin, { username: NEWCOMER.username, role: 'observer', password: NEWCOMER.initial, displayName: '新同事' });
      await signIn(page, SYSADMIN, '/login?next=%2Fadmin%2Fusers');
      await page.getByTestId(`role-pending-${NEWCOMER.username}`).waitFor();
      expect(await page.getByRole('button', { name: /授\s*权/ }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'tells the newcomer, once the password is changed, that the role awaits the grant',
    async () => {
      const { page } = web();
      await signIn(page, { username: NEWCOMER.username, password: NEWCOMER.initial }, '/login?next=%2Fprofile');
      await page.getByTestId('change-password').waitFor();
      await page.getByLabel('新密码', { exact: true }).fill(NEWCOMER.chosen);
      await page.getByLabel('再次输入新密码').fill(NEWCOMER.chosen);
      await page.getByRole('button', { name: '修改密码并进入系统' }).click();
      await page.waitForURL('**/profile');
      await expect.poll(() => page.getByTestId('role-pending').textContent()).toBe('您的账号角色尚未经安全管理员授权，授权前只能修改密码和退出登录。');
    },
    TIMEOUT,
  );

  it(
    'lets the security administrator grant the role, after which the newcomer works without the banner',
    async () => {
      const { page, context } = web();
      await signIn(page, SECADMIN, '/login?next=%2Fadmin%2Fusers');
      const row = page.getByRole('row').filter({ hasText: NEWCOMER.username });
      await row.getByTestId(`role-pending-${NEWCOMER.username}`).waitFor();
      await row.getByRole('button', { name: /授\s*权/ }).click();
      await expect.poll(() => page.getByTestId(`role-pending-${NEWCOMER.username}`).count()).toBe(0);

      await context.clearCookies();
      await signIn(page, { username: NEWCOMER.username, password: NEWCOMER.chosen }, '/login?next=%2Fprofile');
      await page.waitForURL('**/profile');
      await page.getByTestId('current-user').waitFor();
      expect(await page.getByTestId('role-pending').count()).toBe(0);
    },
    TIMEOUT,
  );
});
