/**
 * A leader and a unit's liaison at work on a phone (390x844), and the office on a
 * tablet (768x1024). On every screen they use: the page never scrolls sideways (a
 * table scrolls inside its card, or is a list), the header keeps its one height and
 * everything in it stays inside it, and the page starts below it. The menu is a
 * drawer opened from the header's menu button, and the user's button holds the
 * name, the role, the language switch and sign-out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { workPlanService } from '../../src/modules/workplan/workplan.service.js';
import { repoRoot } from '../helpers/paths.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebServer, type WebUser } from './browser.js';

const TIMEOUT = 150_000;
const PASSWORD = 'Phones-Web-Passw0rd!';
const UNIT = '区科学技术局';
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
/** HeaderBar's HEADER_HEIGHT. */
const HEADER_HEIGHT = 56;
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');

const LEADER: WebUser = { username: 'phone_leader', password: PASSWORD, role: 'leader', leaderName: '石可清', displayName: '石可清（区人民政府副区长）' };
const LIAISON: WebUser = { username: 'phone_liaison', password: PASSWORD, role: 'liaison', unitName: UNIT, displayName: '区科学技术局综合科联络员' };

interface Facts {
  scrollWidth: number;
  clientWidth: number;
  headerHeight: number;
  headerBottom: number;
  mainTop: number;
  /** Elements of the header whose box leaves the header's box. */
  spilled: string[];
  /** The widest elements of the page that reach past its right edge (what made it scroll, when it does). */
  tooWide: string[];
  siders: number;
}

/**
 * The page's layout as the browser measures it (a script: this file is compiled without the DOM's types).
 * tooWide: the outermost elements reaching past the right edge, outside any scrolling box (what makes the
 * page scroll sideways, when it does).
 */
const MEASURE = `(() => {
  const describe = (el) => {
    const r = el.getBoundingClientRect();
    const cls = typeof el.className === 'string' ? el.className.split(/\\s+/).slice(0, 2).join('.') : '';
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + ' [' + Math.round(r.left) + '..' + Math.round(r.right) + '] ' + (el.textContent || '').trim().slice(0, 20);
  };
  const root = document.documentElement;
  const header = document.querySelector('[data-testid="app-header"]');
  const main = document.querySelector('main');
  if (!header || !main) throw new Error('no header or no main');
  const h = header.getBoundingClientRect();
  const spilled = [...header.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    return r.left < h.left - 0.5 || r.right > h.right + 0.5 || r.top < h.top - 0.5 || r.bottom > h.bottom + 0.5;
  });
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  const tooWide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !scrolls(el));
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    headerHeight: h.height,
    headerBottom: h.bottom,
    mainTop: main.getBoundingClientRect().top,
    spilled: spilled.map(describe),
    tooWide: tooWide.slice(0, 8).map(describe),
    siders: document.querySelectorAll('.ant-layout-sider').length,
  };
})()`;

/** The screen at `path`, once its heading shows and its requests are done, fits the phone. */
async function expectFits(page: Page, who: string, path: string, ready: (page: Page) => Promise<void>, phone = true): Promise<void> {
  await page.goto(path);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await page.evaluate('window.scrollTo(0, 0)');
  const facts = await page.evaluate<Facts>(MEASURE);
  expect(facts.scrollWidth, `${path} scrolls sideways: ${facts.tooWide.join(' | ')}`).toBeLessThanOrEqual(facts.clientWidth);
  expect(facts.spilled, `${path}: the header's contents stay inside it`).toEqual([]);
  expect(facts.headerHeight, path).toBe(HEADER_HEIGHT);
  expect(facts.mainTop, `${path}: the page starts below the header`).toBeGreaterThanOrEqual(facts.headerBottom);
  if (phone) expect(facts.siders, `${path}: no side menu on a phone`).toBe(0);
  // Each screen as the phone shows it, beside the harness's one per test.
  mkdirSync(SCREENSHOTS, { recursive: true });
  const name = `${facts.clientWidth}px-${who}${path.replace(/\/\d+/g, '-id').replace(/\//g, '-')}`;
  await page.screenshot({ path: join(SCREENSHOTS, `phones-${name}.png`), fullPage: true });
}

const heading = (text: string) => async (page: Page) => {
  await page.getByRole('heading', { level: 3, name: text, exact: true }).waitFor();
};

async function signedIn(page: Page, who: Pick<WebUser, 'username' | 'password'>, next: string): Promise<void> {
  await signIn(page, who, `/login?next=${encodeURIComponent(next)}`);
  await page.waitForURL(`**${next}`);
}

/** A task the liaison's unit hosts, and one of the unit's reports. */
async function unitWork(server: WebServer): Promise<{ taskId: number; reportId: number }> {
  const db = server.store.db;
  const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
  const task = tasks.find((x) => x.hostUnits.some((u) => u.name === UNIT));
  const unit = await db.selectFrom('units').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow();
  const report = await db.selectFrom('reports').select('id').where('unit_id', '=', unit.id).orderBy('id', 'desc').executeTakeFirst();
  if (!task || !report) throw new Error(`no task or no report of ${UNIT} in the simulated months`);
  return { taskId: task.id, reportId: report.id };
}

/** A revised work plan of the unit, submitted by its head to the leader (a task the leader leads and the unit hosts). */
async function planAwaitingLeader(server: WebServer): Promise<number> {
  const db = server.store.db;
  const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
  const unit = await db.selectFrom('units').select('id').where('name', '=', UNIT).executeTakeFirstOrThrow();
  // The simulated months gave the unit its head (cast.ts).
  const head = await db.selectFrom('users').select('username').where('role', '=', 'head').where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
  const writer = await actorOf(db, server.governmentId, LIAISON.username);
  const boss = await actorOf(db, server.governmentId, head.username);
  const led = tasks.filter((x) => x.hostUnits.some((u) => u.name === UNIT) && x.leaders.some((l) => l.name === LEADER.leaderName));
  for (const task of led) {
    const created = await workPlanService.create(db, writer, task.id, {}).catch(() => null);
    if (!created) continue;
    const edited = await workPlanService.update(db, writer, created.id, {
      version: created.version,
      measures: '一、压实责任，专人推进；二、按月调度，逐项销号。',
    });
    await workPlanService.submit(db, boss, edited.id, { version: edited.version });
    return task.id;
  }
  throw new Error(`no task of ${UNIT} led by ${LEADER.leaderName} takes a new work plan`);
}

describeBrowser('a leader and a liaison on a phone, 390x844 [browser]', () => {
  const web = useBrowser({ users: [LEADER, LIAISON], simulateUntil: '2026-03-31', viewport: PHONE });

  it(
    "fits the leader's dashboard, ledger, task, decisions, orders, notifications and profile to the phone",
    async () => {
      const { page, server } = web();
      const { taskId } = await unitWork(server);
      await signedIn(page, LEADER, '/dashboard');
      await expectFits(page, 'leader', '/dashboard', async (p) => {
        await p.getByTestId('dashboard-total').waitFor();
        await p.locator('canvas').first().waitFor();
      });
      await expectFits(page, 'leader', '/ledger', async (p) => {
        await expect.poll(() => p.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      });
      // The ledger is a list of cards, twenty to a page, each opening its task.
      expect(await page.locator('.ant-table').count()).toBe(0);
      const cards = page.getByTestId('ledger-cards').locator('[data-testid^="ledger-card-"]');
      expect(await cards.count()).toBe(20);
      await page.getByTestId('ledger-cards').locator('.ant-pagination-item-2').click();
      await expect.poll(() => cards.count()).toBe(19);
      const last = cards.last();
      const key = await last.getByRole('link').first().innerText();
      await last.getByRole('link').first().click();
      await expect.poll(() => page.getByRole('heading', { level: 3 }).first().innerText()).toBe(`任务 ${key}`);
      await expectFits(page, 'leader', `/tasks/${taskId}`, async (p) => {
        await p.getByTestId('task-text').waitFor();
      });
      await planAwaitingLeader(server);
      await expectFits(page, 'leader', '/decisions', async (p) => {
        await p
          .getByTestId('pending-plans')
          .getByRole('button', { name: /同\s*意/ })
          .waitFor();
      });
      // The decision's buttons are in sight without scrolling the table sideways.
      for (const button of await page.getByTestId('pending-plans').getByRole('button').all()) {
        const box = await button.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'a decision button in sight').toBe(true);
      }
      await expectFits(page, 'leader', '/orders', heading('督办单'));
      await expectFits(page, 'leader', '/notifications', heading('通知'));
      await expectFits(page, 'leader', '/profile', heading('个人设置'));
    },
    TIMEOUT,
  );

  it(
    "fits the liaison's desk, ledger, task, report, work plan, notifications and orders to the phone",
    async () => {
      const { page, server } = web();
      const { taskId, reportId } = await unitWork(server);
      await signedIn(page, LIAISON, '/my');
      await expectFits(page, 'liaison', '/my', heading('本单位工作'));
      await expectFits(page, 'liaison', '/ledger', async (p) => {
        await expect.poll(() => p.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      });
      await expectFits(page, 'liaison', `/tasks/${taskId}`, async (p) => {
        await p.getByTestId('task-text').waitFor();
      });
      await expectFits(page, 'liaison', `/reports/${reportId}`, async (p) => {
        await p.getByRole('heading', { level: 3 }).first().waitFor();
      });
      await expectFits(page, 'liaison', `/tasks/${taskId}/workplan`, async (p) => {
        await p.getByRole('heading', { level: 3 }).first().waitFor();
      });
      await expectFits(page, 'liaison', '/notifications', heading('通知'));
      // 未读 stays on one line beside the title (it once wrapped a character to a line).
      for (const badge of await page.getByTestId('notification').locator('.ant-badge-status-text').all()) {
        expect((await badge.boundingBox())?.height).toBeLessThan(30);
      }
      await expectFits(page, 'liaison', '/orders', heading('督办单'));
    },
    TIMEOUT,
  );

  it(
    'opens the menu from the menu button and goes where it is told; the user button holds name, role, language and sign-out',
    async () => {
      const { page } = web();
      await signedIn(page, LIAISON, '/my');
      await heading('本单位工作')(page);
      expect(await page.locator('.ant-layout-sider').count()).toBe(0);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.getByTestId('menu-button').click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('menuitem', { name: '任务台账' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'phones-390px-menu.png') });
      await drawer.getByRole('menuitem', { name: '任务台账' }).click();
      await page.waitForURL('**/ledger');
      await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('共 39 项任务');
      await expect.poll(() => drawer.isVisible()).toBe(false);

      await page.getByTestId('current-user').click();
      const menu = page.getByTestId('user-menu');
      await menu.waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'phones-390px-user-menu.png') });
      expect(await menu.getByTestId('user-menu-name').innerText()).toBe(LIAISON.displayName);
      expect(await menu.getByTestId('user-menu-role').innerText()).toBe('单位联络员');
      await menu.getByRole('menuitem', { name: 'English' }).click();
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe('39 tasks');
      await expect.poll(() => menu.isVisible()).toBe(false);
      await page.getByTestId('current-user').click();
      await menu.getByRole('menuitem', { name: '中文' }).click();
      await expect.poll(() => page.getByTestId('ledger-count').textContent(), { timeout: 20_000 }).toBe('共 39 项任务');
      // The menu closes after the language change; opened again only once it has (a click meanwhile is swallowed).
      await expect.poll(() => menu.isVisible()).toBe(false);
      await page.getByTestId('current-user').click();
      await menu.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
    },
    TIMEOUT,
  );
});

describeBrowser('the office on a tablet, 768x1024 [browser]', () => {
  const web = useBrowser({ users: [LIAISON], viewport: TABLET });

  it(
    'keeps the side menu as icons and fits the dashboard, ledger, task and desk to the tablet',
    async () => {
      const { page, server } = web();
      const tasks = await listTasks(server.store.db, server.governmentId, { planId: server.planId });
      const task = tasks[0];
      if (!task) throw new Error('the seed has no task');
      await signedIn(page, OFFICE, '/dashboard');
      await expectFits(page, 'office', '/dashboard', async (p) => void (await p.getByTestId('dashboard-total').waitFor()), false);
      expect((await page.locator('.ant-layout-sider').boundingBox())?.width).toBe(64);
      await expectFits(page, 'office', '/ledger', async (p) => void (await p.getByTestId('ledger-count').waitFor()), false);
      await expectFits(page, 'office', `/tasks/${task.id}`, async (p) => void (await p.getByTestId('task-text').waitFor()), false);
      await page.context().clearCookies();
      await signedIn(page, LIAISON, '/my');
      await expectFits(page, 'liaison', '/my', heading('本单位工作'), false);
    },
    TIMEOUT,
  );
});
