/**
 * Each role in the browser: its menu follows GET /api/me `actions` and each of
 * its screens opens without a console error or a failed request; the office
 * issues a supervision order from the browser and the unit's liaison signs
 * for it and answers it; the office gives a task its own reporting schedule,
 * which the liaison sees and cannot change; the assessment ranking puts first the unit
 * GET /api/assessment puts first, and its statement shows each rule's rate; a
 * liaison reads a round's figure as the API gives it to everyone, and its own
 * unit's part beside it.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 90_000;
const UNIT = '区科学技术局';
const PASSWORD = 'Roles-Web-Passw0rd!';

const user = (role: Role, extra: Partial<WebUser> = {}): WebUser => ({
  username: `r_${role}`,
  password: PASSWORD,
  role,
  displayName: `${role} 测试`,
  ...extra,
});
const USERS: WebUser[] = [
  user('leader', { leaderName: '石可清' }),
  user('head', { unitName: UNIT }),
  user('liaison', { unitName: UNIT }),
  user('observer'),
  user('sysadmin'),
  user('secadmin'),
  user('auditor'),
];
const LIAISON = USERS.find((u) => u.role === 'liaison') as WebUser;

/** The menu entries of these screens, and the action each needs (none: everyone's). */
const ENTRIES: { label: string; path: string; action: string | null; heading: string }[] = [
  { label: '审批事项', path: '/decisions', action: 'workplan.decide', heading: '审批事项' },
  { label: '督办单', path: '/orders', action: 'order.read', heading: '督办单' },
  { label: '考核排名', path: '/assessment', action: 'assessment.read', heading: '考核排名' },
  { label: '通报', path: '/bulletins', action: 'bulletin.read', heading: '通报' },
  { label: '督办设置', path: '/settings', action: 'plan.configure', heading: '督办设置' },
  { label: '账号管理', path: '/admin/users', action: 'user.read', heading: '账号管理' },
  { label: '单位管理', path: '/admin/units', action: 'unit.manage', heading: '单位管理' },
  { label: '审计日志', path: '/admin/audit', action: 'audit.read', heading: '审计日志' },
  { label: '通知', path: '/notifications', action: null, heading: '通知' },
  { label: '个人设置', path: '/profile', action: null, heading: '个人设置' },
];

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

async function signedIn(page: Page, who: Pick<WebUser, 'username' | 'password'>, next: string): Promise<void> {
  await signIn(page, who, `/login?next=${encodeURIComponent(next)}`);
  await page.waitForURL(`**${next}`);
}

const heading = (page: Page, text: string) => page.getByRole('heading', { level: 3, name: text, exact: true });

interface ApiOrder {
  id: number;
  number: string;
  status: string;
  unitName: string;
  taskKey: string;
}

let issued: string | null = null;
let scheduledTask: number | null = null;

describeBrowser('each role at its screens [browser]', () => {
  const web = useBrowser({ users: USERS });

  it.each([OFFICE, ...USERS].map((u) => [u.role, u] as const))(
    'shows %s the menu its actions allow, and each of those screens opens cleanly',
    async (_role, who) => {
      const { page } = web();
      await signedIn(page, who, '/profile');
      await heading(page, '个人设置').waitFor();
      const me = await apiGet<{ actions: string[] }>(page, '/api/me');
      const menu = (await page.locator('.ant-menu-item').allInnerTexts()).map((s) => s.trim());
      for (const entry of ENTRIES) {
        const allowed = entry.action === null || me.actions.includes(entry.action);
        expect(menu.includes(entry.label), `${who.role}: ${entry.label}`).toBe(allowed);
      }
      for (const entry of ENTRIES.filter((e) => e.action === null || me.actions.includes(e.action))) {
        await page.locator('.ant-menu-item').getByText(entry.label, { exact: true }).click();
        await page.waitForURL(`**${entry.path}`);
        await heading(page, entry.heading).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.getByTestId('error-message').count(), `${who.role} at ${entry.path}`).toBe(0);
      }
    },
    TIMEOUT,
  );

  it(
    'lets the office issue an order to a unit from the browser',
    async () => {
      const { page } = web();
      await signedIn(page, OFFICE, '/orders');
      const tasks = (await apiGet<{ items: { id: number; key: string; hostUnits: string[] }[] }>(page, '/api/tasks')).items;
      const task = tasks.find((x) => x.hostUnits.includes(UNIT));
      expect(task, `a task hosted by ${UNIT}`).toBeDefined();
      const key = task?.key ?? '';
      await page.getByRole('button', { name: /下发督办单/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('任务').fill(key);
      await page
        .locator('.ant-select-item-option')
        .filter({ hasText: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) })
        .first()
        .click();
      await dialog.getByLabel('责任单位').click();
      await page.locator('.ant-select-item-option').filter({ hasText: UNIT }).first().click();
      await dialog.getByText('黄色督办').click();
      await dialog.getByLabel('督办事由').fill('进度滞后，请说明原因并提出整改措施');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/orders') && r.request().method() === 'POST');
      await dialog.getByRole('button', { name: /下\s*发/ }).click();
      const order = (await (await answer).json()) as ApiOrder;
      expect(order.status).toBe('issued');
      expect(order.unitName).toBe(UNIT);
      issued = order.number;
      const row = page.locator('.ant-table-row').filter({ hasText: order.number });
      await expect.poll(() => row.innerText()).toContain('待签收');
      expect(await row.innerText()).toContain('黄色督办');
      expect(await row.innerText()).toContain(key);
    },
    TIMEOUT,
  );

  it(
    "lets the unit's liaison sign for the order and answer it",
    async () => {
      expect(issued, 'the office issued an order in the test before').not.toBeNull();
      const { page } = web();
      await signedIn(page, LIAISON, '/orders');
      const row = page.locator('.ant-table-row').filter({ hasText: issued ?? '' });
      await expect.poll(() => row.innerText()).toContain('待签收');
      await row.getByRole('button', { name: /签\s*收/ }).click();
      await expect.poll(() => row.innerText()).toContain('已签收');
      await row.getByRole('button', { name: /回\s*复/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('办理情况').fill('已召开专题会议，制定整改措施，本月底前完成。');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => row.innerText()).toContain('已回复');
      const orders = (await apiGet<{ items: ApiOrder[] }>(page, '/api/orders')).items;
      expect(orders.find((o) => o.number === issued)?.status).toBe('answered');
    },
    TIMEOUT,
  );

  it(
    'lets the office give a task its own reporting schedule and return it to the plan’s',
    async () => {
      const { page, server } = web();
      const task = (await listTasks(server.store.db, server.governmentId, { planId: server.planId })).find((x) => x.hostUnits.some((u) => u.name === UNIT));
      if (!task) throw new Error(`no task hosted by ${UNIT}`);
      scheduledTask = task.id;
      const own = async () =>
        (await apiGet<{ items: { taskId: number | null; kind: string; dueDay: number }[] }>(page, `/api/schedules?planId=${server.planId}`)).items.find(
          (x) => x.taskId === task.id,
        );
      await signedIn(page, OFFICE, `/tasks/${task.id}`);
      const card = page.getByTestId('task-schedule');
      const rule = card.getByTestId('task-schedule-rule');
      await rule.waitFor();
      const before = await rule.innerText();
      expect(before).not.toContain('本任务单独安排');

      const setOwn = async (day: string) => {
        await card.getByRole('button', { name: /单独设置|修改单独安排/ }).click();
        // The cards above load on their own time and move this one: a click aimed before they settle can land
        // beside the button, so click until the choice shows as made.
        const quarterly = card.getByRole('radio', { name: '按季', exact: true });
        await expect
          .poll(async () => {
            if (!(await quarterly.isChecked())) await card.getByText('按季', { exact: true }).click();
            return quarterly.isChecked();
          })
          .toBe(true);
        await card.getByLabel('截止日').fill(day);
        await card.getByRole('button', { name: /保\s*存/ }).click();
        await expect.poll(() => rule.innerText()).toBe(`本任务单独安排：按季报送，下一个月${day}日截止`);
      };
      await setOwn('10');
      expect(await own()).toMatchObject({ kind: 'quarterly', dueDay: 10 });

      await card.getByRole('button', { name: '恢复按方案安排' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await expect.poll(() => rule.innerText()).toBe(before);
      expect(await own()).toBeUndefined();

      await setOwn('12');
      expect(await own()).toMatchObject({ kind: 'quarterly', dueDay: 12 });
    },
    TIMEOUT,
  );

  it(
    "shows the unit's liaison the task's own schedule, with nothing to change it",
    async () => {
      expect(scheduledTask, 'the office set a schedule in the test before').not.toBeNull();
      const { page } = web();
      await signedIn(page, LIAISON, `/tasks/${scheduledTask ?? 0}`);
      const card = page.getByTestId('task-schedule');
      await expect.poll(() => card.getByTestId('task-schedule-rule').innerText()).toBe('本任务单独安排：按季报送，下一个月12日截止');
      expect(await card.getByRole('button').count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'shows first in the assessment ranking the unit GET /api/assessment puts first, and its statement',
    async () => {
      const { page } = web();
      await signedIn(page, OFFICE, '/assessment');
      const api = await apiGet<{ ranking: { unitName: string; total: number }[] }>(page, '/api/assessment');
      expect(api.ranking.length).toBeGreaterThan(0);
      const first = page.getByTestId('ranking-unit').first();
      await expect.poll(() => first.innerText()).toBe(api.ranking[0]?.unitName);
      await page.getByTestId('ranking-chart').locator('canvas').waitFor();
      await first.click();
      await expect.poll(() => page.getByTestId('statement-title').innerText()).toContain(api.ranking[0]?.unitName ?? '');
      // The statement says each rule's count over what the unit owed, and its points.
      const lines = page.getByTestId('statement-lines');
      await lines.getByRole('row', { name: /按时报送/ }).waitFor();
      await lines.getByRole('row', { name: /督办单未按期办理/ }).waitFor();
    },
    TIMEOUT,
  );

  it(
    "shows a liaison a round's figure as GET /api/rounds gives it to everyone, and beside it its own unit's part",
    async () => {
      const { page, server } = web();
      const office = await actorOf(server.store.db, server.governmentId, OFFICE.username);
      await roundOpener.open(server.store.db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '角色测试',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-10',
      });
      await signedIn(page, LIAISON, '/rounds');
      type Listed = { label: string; figure: { owed: number; sent: number; onTime: number; accepted: number }; mine: { owed: number; sent: number } | null };
      const round = (await apiGet<{ items: Listed[] }>(page, '/api/rounds')).items.find((r) => r.label === '角色测试');
      expect(round?.mine?.owed).toBeGreaterThan(0);
      const row = page.getByRole('row', { name: /角色测试/ });
      await row.getByText(`已报 0 / 应报 ${round?.figure.owed}（按时 0，已采纳 0）`).waitFor();
      await expect.poll(() => row.getByTestId('round-mine').innerText()).toBe(`本单位：已报 0 / 应报 ${round?.mine?.owed}`);
    },
    TIMEOUT,
  );
});
