/**
 * The desk in Chromium. A host unit's head submits a work plan (server side,
 * as the unit would); the task's lead leader finds it at /decisions, approves
 * it in the browser, and the task then shows the approved plan, and the
 * leader's list of tasks shows its trend of lights; the leader's
 * dashboard lists the decision under 最新动态. A report returned by the office
 * is found by the unit's liaison under 我的工作 with the office's comment,
 * edited and saved, then approved and sent again by the head.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { approveReport, returnReport, submitReport, updateDraft } from '../../src/modules/report/report-steps.js';
import { roundCloser, roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { LedgerTask } from '../../src/modules/task/task.model.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { workPlanService } from '../../src/modules/workplan/workplan.service.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebServer, type WebUser } from './browser.js';

const TIMEOUT = 120_000;
const PASSWORD = 'Desk-Web-Passw0rd!';
const MILESTONE = '完成项目主体工程建设';
const RETURN_COMMENT = '请补充本期投资完成额及下一步安排。';

interface Cast {
  task: LedgerTask;
  unit: string;
  leader: WebUser;
  head: WebUser;
  liaison: WebUser;
}

let cast: Cast | undefined;

/** A task of the seed with a lead leader, a host unit and a deadline, and accounts for its people (once per file). */
async function castOf(server: WebServer): Promise<Cast> {
  if (cast) return cast;
  const db = server.store.db;
  const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
  const task = tasks.find((t) => t.leaders.length > 0 && t.hostUnits.length > 0 && t.deadline !== null && t.deadline >= '2026-06-30');
  const unit = task?.hostUnits[0]?.name;
  const leaderName = task?.leaders[0]?.name;
  if (!task || !unit || !leaderName) throw new Error('the seed has no task with a lead leader, a host unit and a deadline');
  const leader: WebUser = { username: 'desk_leader', password: PASSWORD, role: 'leader', leaderName, displayName: `${leaderName}` };
  const head: WebUser = { username: 'desk_head', password: PASSWORD, role: 'head', unitName: unit, displayName: '单位负责人' };
  const liaison: WebUser = { username: 'desk_liaison', password: PASSWORD, role: 'liaison', unitName: unit, displayName: '单位联络员' };
  for (const u of [leader, head, liaison]) {
    const { username, password, role, displayName } = u;
    await createUser(db, server.operator, {
      username,
      password,
      role,
      ...(displayName ? { displayName } : {}),
      ...(u.unitName ? { unitName: u.unitName } : {}),
      ...(u.leaderName ? { leaderName: u.leaderName } : {}),
    });
  }
  cast = { task, unit, leader, head, liaison };
  return cast;
}

async function signOutAndIn(page: Page, user: WebUser, path: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user, `/login?next=${encodeURIComponent(path)}`);
  await page.waitForURL((u) => u.pathname === path, { timeout: 30_000 });
}

describeBrowser('the desk: decisions, recent events, returned reports [browser]', () => {
  const web = useBrowser();

  it(
    'the lead leader approves a submitted work plan at /decisions and the task shows it',
    async () => {
      const { page, server } = web();
      const { task, unit, leader, head, liaison } = await castOf(server);
      const db = server.store.db;
      const writer = await actorOf(db, server.governmentId, liaison.username);
      const created = await workPlanService.create(db, writer, task.id, {});
      const due = task.deadline && task.deadline < '2026-09-30' ? task.deadline : '2026-09-30';
      await workPlanService.update(db, writer, created.id, {
        version: created.version,
        measures: '一、压实责任；二、按月调度。',
        milestones: [{ dueOn: due, title: MILESTONE, unitId: null }],
      });
      await workPlanService.submit(db, await actorOf(db, server.governmentId, head.username), created.id, {});
      // A closed round gives every task a light in its history: the leader's list shows it as a trend.
      const { round } = await roundOpener.open(db, server.operator, {
        planId: server.planId,
        kind: 'adhoc',
        label: '一季度调度',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-05',
      });
      await roundCloser.close(db, server.operator, { id: round.id, version: round.version });

      await signIn(page, leader, '/login?next=%2Fdecisions');
      await page.waitForURL((u) => u.pathname === '/decisions');
      const pending = page.getByTestId('pending-plans');
      const row = pending.getByRole('row', { name: new RegExp(task.key) });
      await row.getByText(unit).waitFor();
      await row.getByText('一、压实责任；二、按月调度。').waitFor();
      await row.getByRole('button', { name: /同\s*意/ }).click();
      const dialog = page.getByRole('dialog', { name: '同意' });
      await dialog.getByLabel('意见（可不填）').fill('同意，抓紧推进。');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('.ant-message-notice', { hasText: '操作成功' }).waitFor();
      await pending.getByText('没有待审批的工作方案').waitFor();
      const mine = page.getByTestId('my-tasks').getByRole('row', { name: new RegExp(task.key) });
      await mine.locator('[aria-label^="2026-03-31 "]').waitFor();

      // The task shows the plan now in force: its milestone, and the plan approved.
      await row.waitFor({ state: 'detached' });
      await page.goto(`/tasks/${task.id}`);
      await page.getByTestId('task-text').waitFor();
      await page.getByText(MILESTONE, { exact: false }).first().waitFor();
      await page.getByTestId('task-workplan-link').click();
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}/workplan`);
      await page.getByTestId('plan-status').filter({ hasText: '已批准' }).waitFor();

      // The leader's dashboard lists the decision among the recent events, linked to the task.
      await page.goto('/dashboard');
      const events = page.getByTestId('recent-events');
      const line = events.getByRole('listitem').filter({ hasText: `${unit}的工作方案第 1 版已批准` });
      await line.waitFor();
      await line.getByRole('link').click();
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}`);

      const res = await page.request.get(`/api/workplans/${created.id}`);
      expect(((await res.json()) as { status: string; decisionComment: string }).status).toBe('approved');
    },
    TIMEOUT,
  );

  it(
    'the liaison finds a returned report with the office’s comment, edits it, and the head sends it again',
    async () => {
      const { page, server } = web();
      const { task, liaison, head } = await castOf(server);
      const db = server.store.db;
      const office = await actorOf(db, server.governmentId, OFFICE.username);
      const { round } = await roundOpener.open(db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '退回测试',
        periodEnd: '2026-06-30',
        dueOn: '2026-07-10',
      });
      const report = await db
        .selectFrom('reports')
        .select(['id', 'version'])
        .where('round_id', '=', round.id)
        .where('task_id', '=', task.id)
        .where('role', '=', 'host')
        .executeTakeFirstOrThrow();
      const writer = await actorOf(db, server.governmentId, liaison.username);
      const boss = await actorOf(db, server.governmentId, head.username);
      await updateDraft(db, writer, report.id, { version: report.version, progress: '按计划推进。', confidence: 'on_track', confidenceReason: null });
      await approveReport(db, boss, report.id, {});
      await submitReport(db, boss, report.id, {});
      await returnReport(db, office, report.id, { comment: RETURN_COMMENT });

      await signIn(page, liaison, '/login?next=%2Fmy');
      await page.waitForURL((u) => u.pathname === '/my');
      await page.getByRole('heading', { name: '本单位工作' }).waitFor();
      const row = page.getByRole('row').filter({ has: page.getByTestId(`open-report-${report.id}`) });
      await row.getByText('已退回').waitFor();
      await row.getByText(RETURN_COMMENT).waitFor();
      await page.getByTestId(`open-report-${report.id}`).click();
      await page.waitForURL((u) => u.pathname === `/reports/${report.id}`);
      await page.getByLabel('工作进展').fill('按计划推进；本期完成投资1.2亿元，下月完成设备安装。');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();

      await signOutAndIn(page, head, `/reports/${report.id}`);
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.locator('.ant-message-notice', { hasText: '报告已审核' }).waitFor();
      await page.getByRole('button', { name: '报送督查室' }).click();
      await page.locator('.ant-message-notice', { hasText: '报告已报送督查室' }).waitFor();

      const after = (await (await page.request.get(`/api/reports/${report.id}`)).json()) as { status: string; progress: string; returnCount: number };
      expect(after).toMatchObject({ status: 'submitted', progress: '按计划推进；本期完成投资1.2亿元，下月完成设备安装。', returnCount: 1 });
    },
    TIMEOUT,
  );
});
