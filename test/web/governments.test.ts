/**
 * Many governments in Chromium (ADR 0031): a city with the project's sample notice and two counties below it. The
 * city office hands a task down with shares of a target that adds up: while the shares do not add up the dialog
 * says by how much and 交办 stays disabled; fixed, the task is handed down and the roll-up card lists both counties.
 * The government switcher opens a county's page; the dashboard's 下级政府 card lists both. A county office finds the
 * task marked 上级交办 in its ledger and on its page, without the edit buttons of its own tasks, and takes it up:
 * its host unit and lead leader, once more after another user's change came first (409, the form reloaded).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { addGovernment } from '../../src/modules/government/government-tree.service.js';
import { listGovernments } from '../../src/modules/government/government.repository.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { LedgerTask } from '../../src/modules/task/task.model.js';
import { createUnit } from '../../src/modules/unit/unit.service.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { samplePath } from '../helpers/paths.js';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 150_000;
const COUNTY_A = '东岭县人民政府';
const COUNTY_B = '西坪县人民政府';
const COUNTY_UNIT = '东岭县发展和改革局';
const COUNTY_LEADER = '罗清远';
const COUNTY_OFFICE: WebUser = { username: 'dl_dcs', password: 'Gv-11-Strong!Pass9', role: 'office' };

const ids = { city: 0, countyA: 0, countyB: 0, cityName: '' };

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describeBrowser('many governments: a task handed down, rolled up and taken up [browser]', () => {
  const web = useBrowser({
    notice: { path: samplePath('notice.txt'), units: samplePath('units.json') },
    setUp: async (store, governmentId) => {
      const operator = systemActor(governmentId, 'test-operator');
      // The city is the government the sample notice went into, as its import named it.
      const city = (await listGovernments(store.db)).find((g) => g.id === governmentId);
      if (!city) throw new Error('no government');
      const a = await addGovernment(store.db, operator, { name: COUNTY_A, parentName: city.name });
      const b = await addGovernment(store.db, operator, { name: COUNTY_B, parentName: city.name });
      Object.assign(ids, { city: city.id, countyA: a.id, countyB: b.id, cityName: city.name });
      const county = systemActor(a.id, 'test-operator');
      await createUnit(store.db, county, { name: COUNTY_UNIT });
      await createUser(store.db, county, { username: COUNTY_OFFICE.username, password: COUNTY_OFFICE.password, role: 'office' });
      await createUser(store.db, county, { username: 'dl_ld', password: 'Gv-12-Strong!Pass9', role: 'leader', leaderName: COUNTY_LEADER });
    },
  });

  /** The city task handed down: the first with a target that adds up (measured, annual, with a value). */
  async function cityTask(): Promise<{ task: LedgerTask; target: LedgerTask['targets'][number] }> {
    const { server } = web();
    expect(ids.city).toBe(server.governmentId);
    const tasks = await listTasks(server.store.db, ids.city, { planId: server.planId });
    for (const task of tasks) {
      const target = task.targets.find((x) => x.combine === 'sum' && x.value !== null && x.value >= 10 && x.scope === 'annual');
      if (target) return { task, target };
    }
    throw new Error('the sample notice has no task with a target that adds up');
  }

  it(
    'the city office splits a target among the counties: a total that does not add up is shown and refused, a fixed one handed down and rolled up',
    async () => {
      const { page } = web();
      const { task, target } = await cityTask();
      const whole = target.value ?? 0;
      const shareA = Math.floor(whole * 0.6);
      await signIn(page, OFFICE, `/login?next=${encodeURIComponent(`/tasks/${task.id}`)}`);
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}`);
      await page.getByTestId('assign-card').waitFor();
      await page.getByTestId('assign-open').click();
      const dialog = page.getByTestId('assign-dialog');
      await dialog.getByRole('checkbox', { name: COUNTY_A }).check();
      await dialog.getByRole('checkbox', { name: COUNTY_B }).check();
      const metric = target.metric || target.text;
      // Targets of one task may share a metric (营收 of two firms): the target's own card.
      const split = dialog.getByTestId(`split-${target.id}`);
      await split.getByRole('switch', { name: `分解指标“${metric}”` }).click();
      await split.getByRole('spinbutton', { name: `${COUNTY_A}分得的${metric}` }).fill(String(shareA));
      // B given too little: the total falls short, by the rest.
      await split.getByRole('spinbutton', { name: `${COUNTY_B}分得的${metric}` }).fill('1');
      const total = page.getByTestId(`share-total-${target.id}`);
      await expect.poll(() => total.getAttribute('data-equal')).toBe('no');
      const short = whole - shareA - 1;
      expect(await total.textContent()).toContain(`相差 ${short.toLocaleString('zh-CN')}`);
      expect(await page.getByTestId('assign-submit').isDisabled()).toBe(true);
      await page.screenshot({ path: 'test-results/screenshots/governments-shares-short.png' });

      await split.getByRole('spinbutton', { name: `${COUNTY_B}分得的${metric}` }).fill(String(whole - shareA));
      await expect.poll(() => total.getAttribute('data-equal')).toBe('yes');
      expect(await total.textContent()).toContain('相符');
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${task.id}/assignments`) && r.request().method() === 'POST');
      await page.getByTestId('assign-submit').click();
      expect((await answer).status()).toBe(201);

      const rollup = page.getByTestId('rollup-card');
      await rollup.getByText(COUNTY_A).waitFor();
      await rollup.getByText(COUNTY_B).waitFor();
      await page.getByTestId(`rollup-target-${target.id}`).getByTestId('rollup-chart').waitFor();
      const rows = await page.getByTestId('rollup-table').locator('tbody tr.ant-table-row').count();
      expect(rows).toBe(2);
      await expect.poll(() => page.getByTestId(`rollup-target-${target.id}`).textContent()).toContain(`分解合计 ${whole.toLocaleString('zh-CN')}`);
    },
    TIMEOUT,
  );

  it(
    'the switcher opens a county’s page with the task handed down; the dashboard lists both counties',
    async () => {
      const { page } = web();
      const { task } = await cityTask();
      await signIn(page, OFFICE);
      await page.waitForURL((u) => u.pathname === '/dashboard');
      const card = page.getByTestId('lower-governments');
      await card.getByTestId(`lower-government-${ids.countyA}`).waitFor();
      await card.getByTestId(`lower-government-${ids.countyB}`).waitFor();

      await page.getByTestId('government-switcher').click();
      await page.getByTestId(`government-option-${ids.countyA}`).click();
      await page.waitForURL((u) => u.pathname === `/governments/${ids.countyA}`);
      expect(await page.getByTestId('government-title').textContent()).toBe(COUNTY_A);
      const link = page.getByTestId('government-tasks').getByRole('link', { name: task.key, exact: true });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/tasks/${task.id}`);

      // Our own government goes back to the dashboard.
      await page.getByTestId('government-switcher').click();
      await page.getByTestId(`government-option-${ids.city}`).click();
      await page.waitForURL((u) => u.pathname === '/dashboard');
    },
    TIMEOUT,
  );

  it(
    'a county office sees the task marked 上级交办 and takes it up: its host unit and lead leader',
    async () => {
      const { page } = web();
      const { task } = await cityTask();
      await signIn(page, COUNTY_OFFICE);
      await page.waitForURL((u) => u.pathname === '/dashboard');
      // No government below: no switcher.
      expect(await page.getByTestId('government-switcher').count()).toBe(0);
      const tasks = (await apiGet<{ items: { id: number; sourceTaskId: number | null }[] }>(page, '/api/tasks')).items;
      const lower = tasks.find((x) => x.sourceTaskId === task.id);
      if (!lower) throw new Error('the task handed down is not in the county ledger');

      await page.goto('/ledger');
      const mark = page.getByTestId(`from-above-${lower.id}`);
      await mark.waitFor();
      await mark.hover();
      await page.getByRole('tooltip').getByText(`${ids.cityName}交办（原任务 ${task.key}）`).waitFor();

      await page.goto(`/tasks/${lower.id}`);
      await page.getByTestId(`from-above-${lower.id}`).waitFor();
      const owners = page.getByTestId('owners-card');
      await owners.waitFor();
      // The upper government's text, deadline and targets: no edit form, no target buttons.
      await page.getByTestId('task-targets').waitFor();
      expect(await page.getByTestId('task-edit').count()).toBe(0);
      expect(
        await page
          .getByTestId('task-targets')
          .getByRole('button', { name: /新增指标/ })
          .count(),
      ).toBe(0);

      await owners.getByLabel('主办单位').click();
      await page.locator('.ant-select-item-option').filter({ hasText: COUNTY_UNIT }).first().click();
      await owners.getByLabel('牵头领导').click();
      await page.locator('.ant-select-item-option').filter({ hasText: COUNTY_LEADER }).first().click();
      await page.keyboard.press('Escape');

      // Meanwhile another office user gives the task its host unit: the version the form was read at is gone.
      const { csrfToken } = await apiGet<{ csrfToken: string }>(page, '/api/me');
      const units = (await apiGet<{ items: { id: number; name: string }[] }>(page, '/api/units')).items;
      const unitId = units.find((u) => u.name === COUNTY_UNIT)?.id;
      const seen = await apiGet<{ version: number }>(page, `/api/tasks/${lower.id}`);
      const behind = await page.request.put(`/api/tasks/${lower.id}/owners`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { version: seen.version, leaderIds: [], hostUnitIds: [unitId], coUnitIds: [] },
      });
      expect(behind.status()).toBe(200);
      web().expectResponse(409, 'PUT', `/api/tasks/${lower.id}/owners`);
      const refused = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${lower.id}/owners`) && r.request().method() === 'PUT');
      await page.getByTestId('owners-save').click();
      expect((await refused).status()).toBe(409);
      const conflict = owners.getByTestId('conflict');
      await conflict.waitFor();
      await conflict.getByRole('button', { name: '重新加载' }).click();
      // The form starts anew from the task as it now is: the host unit set, no lead leader; the leader chosen again.
      await expect
        .poll(() => owners.getByLabel('牵头领导').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent())
        .not.toContain(COUNTY_LEADER);
      await owners.getByLabel('牵头领导').click();
      await page.locator('.ant-select-item-option').filter({ hasText: COUNTY_LEADER }).first().click();
      await page.keyboard.press('Escape');
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/tasks/${lower.id}/owners`) && r.request().method() === 'PUT');
      await page.getByTestId('owners-save').click();
      expect((await answer).status()).toBe(200);
      await page.getByText('承接分工已保存').waitFor();
      const saved = await apiGet<{ hostUnits: string[]; leaders: string[] }>(page, `/api/tasks/${lower.id}`);
      expect(saved.hostUnits).toEqual([COUNTY_UNIT]);
      expect(saved.leaders).toEqual([COUNTY_LEADER]);
    },
    TIMEOUT,
  );
});
