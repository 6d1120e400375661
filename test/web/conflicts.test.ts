/**
 * A stale step is refused and the user told, in Chromium. A unit's head opens
 * a draft report; the liaison changes it meanwhile (through the service, as
 * the unit would); the head's 审核通过 is refused (409 version_conflict), the
 * page says someone else changed it and shows the report as it now is, and
 * the report has not moved; approving again then works. The same on a list: a
 * lead leader's 同意 on a work plan that was returned, edited and submitted
 * again meanwhile closes the dialog, says so, and shows the plan as it now is.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { updateDraft } from '../../src/modules/report/report-steps.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { workPlanService } from '../../src/modules/workplan/workplan.service.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebServer, type WebUser } from './browser.js';

const TIMEOUT = 90_000;
const PASSWORD = 'Stale-Web-Passw0rd!';

interface Cast {
  taskId: number;
  taskKey: string;
  leader: WebUser;
  head: WebUser;
  liaison: WebUser;
}

let cast: Cast | undefined;

/** A task of the seed with a lead leader and a host unit, and accounts for its people (once per file). */
async function castOf(server: WebServer): Promise<Cast> {
  if (cast) return cast;
  const db = server.store.db;
  const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
  const task = tasks.find((t) => t.leaders.length > 0 && t.hostUnits.length === 1);
  const unitName = task?.hostUnits[0]?.name;
  const leaderName = task?.leaders[0]?.name;
  if (!task || !unitName || !leaderName) throw new Error('the seed has no task with a lead leader and one host unit');
  const leader: WebUser = { username: 'stale_leader', password: PASSWORD, role: 'leader', leaderName };
  const head: WebUser = { username: 'stale_head', password: PASSWORD, role: 'head', unitName };
  const liaison: WebUser = { username: 'stale_liaison', password: PASSWORD, role: 'liaison', unitName };
  for (const u of [leader, head, liaison]) {
    await createUser(db, server.operator, {
      username: u.username,
      password: u.password,
      role: u.role,
      ...(u.unitName ? { unitName: u.unitName } : {}),
      ...(u.leaderName ? { leaderName: u.leaderName } : {}),
    });
  }
  cast = { taskId: task.id, taskKey: task.key, leader, head, liaison };
  return cast;
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describeBrowser('a stale step is refused and the user told [browser]', () => {
  const web = useBrowser();

  it(
    'the head approves a report the liaison changed meanwhile: refused, told, shown the fresh report; then approved',
    async () => {
      const { page, server, expectResponse } = web();
      const { taskId, head, liaison } = await castOf(server);
      const db = server.store.db;
      const office = await actorOf(db, server.governmentId, OFFICE.username);
      const { round } = await roundOpener.open(db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '冲突测试',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-10',
      });
      const report = await db
        .selectFrom('reports')
        .select(['id', 'version'])
        .where('round_id', '=', round.id)
        .where('task_id', '=', taskId)
        .where('role', '=', 'host')
        .executeTakeFirstOrThrow();
      const writer = await actorOf(db, server.governmentId, liaison.username);
      const first = await updateDraft(db, writer, report.id, {
        version: report.version,
        progress: '一季度完成选址。',
        confidence: 'on_track',
        confidenceReason: null,
      });

      await signIn(page, head, `/login?next=${encodeURIComponent(`/reports/${report.id}`)}`);
      await page.waitForURL((u) => u.pathname === `/reports/${report.id}`);
      await expect.poll(() => page.getByLabel('工作进展').inputValue()).toBe('一季度完成选址。');

      // Behind the head's back, the liaison writes the draft again.
      await updateDraft(db, writer, report.id, { version: first.version, progress: '一季度完成选址和立项。', confidence: 'on_track', confidenceReason: null });

      expectResponse(409, 'POST', `/api/reports/${report.id}/approve`);
      const refused = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${report.id}/approve`));
      await page.getByRole('button', { name: '审核通过' }).click();
      expect((await refused).status()).toBe(409);
      await expect.poll(() => page.getByTestId('conflict').textContent()).toContain('已被他人修改');
      await expect.poll(() => page.getByLabel('工作进展').inputValue()).toBe('一季度完成选址和立项。');
      expect((await apiGet<{ status: string }>(page, `/api/reports/${report.id}`)).status).toBe('draft');

      // Having seen the fresh report, the head approves it.
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.locator('.ant-message-notice', { hasText: '报告已审核' }).waitFor();
      expect(await apiGet<{ status: string; progress: string }>(page, `/api/reports/${report.id}`)).toMatchObject({
        status: 'approved',
        progress: '一季度完成选址和立项。',
      });
    },
    TIMEOUT,
  );

  it(
    'the lead leader approves a work plan resubmitted meanwhile: the dialog closes, the leader is told and sees the new plan',
    async () => {
      const { page, server, expectResponse } = web();
      const { taskId, taskKey, leader, head, liaison } = await castOf(server);
      const db = server.store.db;
      const writer = await actorOf(db, server.governmentId, liaison.username);
      const boss = await actorOf(db, server.governmentId, head.username);
      const decider = await actorOf(db, server.governmentId, leader.username);
      const created = await workPlanService.create(db, writer, taskId, {});
      const drafted = await workPlanService.update(db, writer, created.id, { version: created.version, measures: '一、压实责任。' });
      const submitted = await workPlanService.submit(db, boss, created.id, { version: drafted.version });

      await signIn(page, leader, '/login?next=%2Fdecisions');
      await page.waitForURL((u) => u.pathname === '/decisions');
      const row = page.getByTestId('pending-plans').getByRole('row', { name: new RegExp(taskKey) });
      await row.getByText('一、压实责任。').waitFor();

      // Meanwhile the plan is returned, rewritten and submitted again: the same state, another version.
      const returned = await workPlanService.return(db, decider, created.id, { version: submitted.version, comment: '请细化措施。' });
      const rewritten = await workPlanService.update(db, writer, created.id, { version: returned.version, measures: '一、压实责任；二、按月调度。' });
      await workPlanService.submit(db, boss, created.id, { version: rewritten.version });

      expectResponse(409, 'POST', `/api/workplans/${created.id}/approve`);
      await row.getByRole('button', { name: /同\s*意/ }).click();
      const dialog = page.getByRole('dialog', { name: '同意' });
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => page.getByTestId('conflict').textContent()).toContain('已被他人修改');
      await dialog.waitFor({ state: 'hidden' });
      await row.getByText('一、压实责任；二、按月调度。').waitFor();
      expect((await apiGet<{ status: string }>(page, `/api/workplans/${created.id}`)).status).toBe('submitted');
    },
    TIMEOUT,
  );
});
