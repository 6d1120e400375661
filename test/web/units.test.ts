/**
 * The unit directory in Chromium: on the seed imported without a directory,
 * the units page points out the unit groups without members; the office
 * gives 区直各部门 its members (every department) and a unit an alias; after
 * a round opens, a member department's liaison finds its own report on a
 * task the group hosts among its reports to do.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { listUnits } from '../../src/modules/unit/unit.repository.js';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 120_000;
const MEMBER = '区财政局';
const LIAISON: WebUser = { username: 'czj.liaison', password: 'Units-Web-Passw0rd!', role: 'liaison', unitName: MEMBER, displayName: '财政局联络员' };

async function signedIn(page: Page, who: Pick<WebUser, 'username' | 'password'>, next: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, who, `/login?next=${encodeURIComponent(next)}`);
  await page.waitForURL((u) => u.pathname === next, { timeout: 30_000 });
}

describeBrowser('the office keeps the unit directory [browser]', () => {
  const web = useBrowser({ users: [LIAISON] });

  it(
    'sets a group’s members and an alias, and the members then report on the group’s tasks',
    async () => {
      const { page, server } = web();
      await signedIn(page, OFFICE, '/admin/units');
      await page.getByRole('heading', { level: 3, name: '单位管理', exact: true }).waitFor();
      const empty = page.getByTestId('empty-groups');
      await expect.poll(() => empty.textContent()).toContain('区直各部门');

      // 区直各部门: every department of the directory as its members.
      await page.getByRole('button', { name: '成员 区直各部门' }).click();
      const members = page.getByRole('dialog');
      await members.getByText('设置成员单位 · 区直各部门').waitFor();
      await members.getByRole('button', { name: '加入全部部门' }).click();
      const departments = (await listUnits(server.store.db, server.governmentId)).filter((u) => u.kind === 'department');
      expect(departments.map((u) => u.name)).toContain(MEMBER);
      await expect.poll(() => members.getByTestId('members-selected').textContent()).toBe(`已选 ${departments.length} 个单位`);
      await members.getByRole('button', { name: /确\s*定/ }).click();
      await members.waitFor({ state: 'hidden' });
      const units = await listUnits(server.store.db, server.governmentId);
      const rowOf = (name: string) => page.locator(`tr[data-row-key="${units.find((u) => u.name === name)?.id ?? 0}"]`);
      const row = rowOf('区直各部门');
      await expect.poll(() => row.textContent()).toContain(`${departments.length} 个成员`);
      await expect.poll(() => empty.textContent()).not.toContain('区直各部门');

      // An alias for a unit: typed, confirmed with Enter, saved.
      await page.getByRole('button', { name: `简称 ${MEMBER}` }).click();
      const aliases = page.getByRole('dialog');
      await aliases.getByLabel('简称').fill('区财政');
      await page.keyboard.press('Enter');
      await aliases.getByRole('button', { name: /确\s*定/ }).click();
      await aliases.waitFor({ state: 'hidden' });
      const memberRow = rowOf(MEMBER);
      await expect.poll(() => memberRow.textContent()).toContain('区财政');
      await expect.poll(() => memberRow.textContent()).toContain('区直各部门');

      const stored = (await listUnits(server.store.db, server.governmentId)).find((u) => u.name === MEMBER);
      expect(stored).toMatchObject({ aliases: ['区财政'], groups: ['区直各部门'] });

      // A round opens: the member department has its own report on each task the group hosts.
      await roundOpener.open(server.store.db, server.operator, {
        planId: server.planId,
        kind: 'monthly',
        label: '2026-03',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-05',
      });
      const hosted = (await listTasks(server.store.db, server.governmentId, { planId: server.planId })).filter((t) =>
        t.hostUnits.some((u) => u.name === '区直各部门'),
      );
      expect(hosted.length).toBeGreaterThan(0);
      await signedIn(page, LIAISON, '/my');
      const todo = page.getByTestId('desk-items');
      for (const task of hosted) await todo.getByRole('link', { name: task.key, exact: true }).first().waitFor();
    },
    TIMEOUT,
  );
});
