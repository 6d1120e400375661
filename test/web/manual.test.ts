/**
 * The user manual's screenshots, taken anew on every run: each role signs in on the repository's own sample notice
 * (samples/, a simulated first quarter behind it) and the screens of its working day are photographed at 1280x800 into docs/manual/images/, so that the
 * manual (docs/manual/README.md) shows the app as it is. A second check, without a browser, holds the manual to
 * that list: every image it shows is one this test takes, and no image lies there that the test does not take.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { samplePath } from '../helpers/paths.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebServer, type WebUser } from './browser.js';
import { MANUAL_DIR, MANUAL_IMAGES, MANUAL_SHOTS, type ManualShot } from './manual-shots.js';

const PASSWORD = 'Manual-Shot-Passw0rd!';
const SYSADMIN: WebUser = { username: 'xt_admin', password: PASSWORD, role: 'sysadmin', displayName: '系统管理员' };
const AUDITOR: WebUser = { username: 'sj_admin', password: PASSWORD, role: 'auditor', displayName: '审计管理员' };
const TIMEOUT = 120_000;

interface Cast {
  taskId: number;
  leader: WebUser;
  head: WebUser;
  liaison: WebUser;
}

let cast: Cast | undefined;

/** A task with a lead leader and one host unit, and accounts for its people. */
async function castOf(server: WebServer): Promise<Cast> {
  if (cast) return cast;
  const db = server.store.db;
  const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
  const task = tasks.find((t) => t.leaders.length > 0 && t.hostUnits.length === 1);
  const unitName = task?.hostUnits[0]?.name;
  const leaderName = task?.leaders[0]?.name;
  if (!task || !unitName || !leaderName) throw new Error('the sample has no task with a lead leader and one host unit');
  const leader: WebUser = { username: 'manual_leader', password: PASSWORD, role: 'leader', leaderName, displayName: leaderName };
  const head: WebUser = { username: 'manual_head', password: PASSWORD, role: 'head', unitName, displayName: '单位负责人' };
  const liaison: WebUser = { username: 'manual_liaison', password: PASSWORD, role: 'liaison', unitName, displayName: '单位联络员' };
  for (const u of [leader, head, liaison]) {
    await createUser(db, server.operator, {
      username: u.username,
      password: u.password,
      role: u.role,
      displayName: u.displayName ?? u.username,
      ...(u.unitName ? { unitName: u.unitName } : {}),
      ...(u.leaderName ? { leaderName: u.leaderName } : {}),
    });
  }
  // A round the office has opened, so that the units' desks hold what a working day brings: a draft to fill.
  const office = await actorOf(db, server.governmentId, OFFICE.username);
  await roundOpener.open(db, office, { planId: server.planId, kind: 'adhoc', label: '四月专项调度', periodEnd: '2026-04-30', dueOn: '2026-05-10' });
  cast = { taskId: task.id, leader, head, liaison };
  return cast;
}

/** Waits for the screen to settle (requests done, no spinner, charts drawn) and writes its picture. */
async function shoot(page: Page, name: ManualShot): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 20_000 }).toBe(0);
  // ECharts and antd animate for up to a second.
  await page.waitForTimeout(1200);
  mkdirSync(MANUAL_IMAGES, { recursive: true });
  await page.screenshot({ path: join(MANUAL_IMAGES, `${name}.png`), fullPage: false });
  taken.add(name);
}

const taken = new Set<ManualShot>();

async function visit(page: Page, path: string, name: ManualShot): Promise<void> {
  await page.goto(path);
  await page.locator('main').last().waitFor();
  await shoot(page, name);
}

describeBrowser('the user manual’s screenshots [browser]', () => {
  // The repository's own fictional notice, not the seed: the pictures are committed, and the seed's sentences never are.
  const web = useBrowser({
    notice: { path: samplePath('notice.txt'), units: samplePath('units.json') },
    simulateUntil: '2026-03-31',
    users: [SYSADMIN, AUDITOR],
  });

  it(
    'photographs the office’s screens',
    async () => {
      const { page, server } = web();
      const { taskId } = await castOf(server);
      await page.goto('/login');
      await page.getByLabel('用户名').waitFor();
      await shoot(page, 'login');
      await signIn(page, OFFICE, '/login?next=%2Fdashboard');
      await page.waitForURL('**/dashboard');
      await shoot(page, 'office-dashboard');
      await visit(page, '/ledger', 'office-ledger');
      await visit(page, `/tasks/${taskId}`, 'office-task');
      await visit(page, '/import', 'office-import');
      await visit(page, '/rounds', 'office-rounds');
      await visit(page, '/review', 'office-review');
      await visit(page, '/orders', 'office-orders');
      await visit(page, '/bulletins', 'office-bulletins');
      await visit(page, '/assessment', 'office-assessment');
      await visit(page, '/settings', 'office-settings');
      await page.goto('/ledger');
      await page.locator('main').last().waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByTestId('screen-help').click();
      await page.getByTestId('screen-help-text').waitFor();
      await shoot(page, 'help-drawer');
    },
    TIMEOUT,
  );

  it(
    'photographs the unit’s and the leader’s screens',
    async () => {
      const { page, server, context } = web();
      const { liaison, head, leader } = await castOf(server);
      await signIn(page, liaison, '/login?next=%2Fmy');
      await page.waitForURL('**/my');
      await shoot(page, 'liaison-my-work');
      await page.locator('a[href^="/reports/"]').first().click();
      await page.waitForURL('**/reports/*');
      await shoot(page, 'liaison-report');
      await visit(page, '/notifications', 'notifications');
      await context.clearCookies();
      await signIn(page, head, '/login?next=%2Fmy');
      await page.waitForURL('**/my');
      await shoot(page, 'head-my-work');
      await context.clearCookies();
      await signIn(page, leader, '/login?next=%2Fdecisions');
      await page.waitForURL('**/decisions');
      await shoot(page, 'leader-decisions');
    },
    TIMEOUT,
  );

  it(
    'photographs the administrators’ screens, and has taken every picture of the list',
    async () => {
      const { page, context } = web();
      await signIn(page, SYSADMIN, '/login?next=%2Fadmin%2Fusers');
      await page.waitForURL('**/admin/users');
      await shoot(page, 'sysadmin-users');
      await context.clearCookies();
      await signIn(page, AUDITOR, '/login?next=%2Fadmin%2Faudit');
      await page.getByTestId('audit-table').waitFor();
      await shoot(page, 'auditor-audit');
      expect([...taken].sort()).toEqual([...MANUAL_SHOTS].sort());
    },
    TIMEOUT,
  );
});

describe('the user manual', () => {
  const manual = readFileSync(join(MANUAL_DIR, 'README.md'), 'utf8');
  const shown = [...manual.matchAll(/!\[[^\]]*\]\(images\/([^)]+)\)/g)].map((m) => m[1] ?? '');

  it('shows only pictures the browser test takes, each of them once at least', () => {
    expect(shown.length).toBeGreaterThan(0);
    for (const file of shown)
      expect(
        MANUAL_SHOTS.map((s) => `${s}.png`),
        `${file} is taken by test/web/manual.test.ts`,
      ).toContain(file);
    expect([...new Set(shown)].sort()).toEqual(MANUAL_SHOTS.map((s) => `${s}.png`).sort());
  });

  it('has every picture it shows in docs/manual/images, and no other', () => {
    for (const file of shown) expect(existsSync(join(MANUAL_IMAGES, file)), file).toBe(true);
    expect(readdirSync(MANUAL_IMAGES).sort()).toEqual([...new Set(shown)].sort());
  });
});
