/**
 * Targets in Chromium. Before any round, the office opens a task of the seed
 * and excludes one of its targets from measurement: the change applies at
 * once. A round then asks the task for reports; the office proposes a new
 * value for another target, which waits as a 指标调整; the task's lead leader
 * finds it at /decisions and approves it, and the target then has its new
 * value and the task's history lists both changes.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 150_000;
const LEADER_PASSWORD = 'Targets-Web-Passw0rd!';

interface Target {
  id: number;
  metric: string;
  value: number | null;
  measured: boolean;
}

async function targetsOf(page: Page, taskId: number): Promise<Target[]> {
  const res = await page.request.get(`/api/tasks/${taskId}/targets`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { targets: Target[] }).targets;
}

describeBrowser('targets: the office changes them, the lead leader approves after the first round [browser]', () => {
  const web = useBrowser();

  it(
    'excludes a target before the first round, and after it a proposed change waits for the lead leader, who approves it at /decisions',
    async () => {
      const { page, server } = web();
      const db = server.store.db;
      const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
      // Targets the page names unambiguously: measured, with a value, and a name no other target of the task has.
      const editable = (t: (typeof tasks)[number]) =>
        t.targets.filter((x) => x.measured && x.value !== null && t.targets.filter((y) => y.metric === x.metric).length === 1);
      const task = tasks.find((t) => t.leaders.length > 0 && editable(t).length >= 2);
      const leaderName = task?.leaders[0]?.name;
      if (!task || !leaderName) throw new Error('the seed has no led task with two measured targets');
      const [first, second] = editable(task);
      if (!first || !second) throw new Error('two measured targets');
      const leader: WebUser = { username: 'tgt_leader', password: LEADER_PASSWORD, role: 'leader', leaderName };
      await createUser(db, server.operator, { username: leader.username, password: leader.password, role: 'leader', leaderName, displayName: leaderName });

      // Before any round: the change applies at once.
      await signIn(page, OFFICE, `/login?next=${encodeURIComponent(`/tasks/${task.id}`)}`);
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}`);
      const card = page.getByTestId('task-targets');
      await card.getByText('任务尚未开始调度：调整立即生效。').waitFor();
      await card
        .getByRole('button', { name: `修改指标“${first.metric}”`, exact: true })
        .first()
        .click();
      let dialog = page.getByRole('dialog', { name: '修改指标' });
      await dialog.getByRole('switch', { name: '是否衡量' }).click();
      await dialog.getByLabel('调整理由').fill('属长远目标，不按时序进度亮灯。');
      await dialog.getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('.ant-message-notice', { hasText: '指标已调整' }).waitFor();
      await dialog.waitFor({ state: 'detached' });
      expect((await targetsOf(page, task.id)).find((x) => x.id === first.id)?.measured).toBe(false);

      // A round asks the task for reports: from now on a change is a request.
      await roundOpener.open(db, server.operator, {
        planId: server.planId,
        kind: 'adhoc',
        label: '指标调整测试',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-05',
      });
      await page.reload();
      await card.getByText(/任务已开始调度：调整指标须经牵头领导批准/).waitFor();
      await card
        .getByRole('button', { name: `修改指标“${second.metric}”`, exact: true })
        .first()
        .click();
      dialog = page.getByRole('dialog', { name: '修改指标' });
      const raised = (second.value ?? 0) + 1;
      await dialog.getByLabel('目标值').fill(String(raised));
      await dialog.getByLabel('调整理由').fill('区政府常务会议调高目标。');
      await dialog.getByRole('button', { name: '提交审批' }).click();
      await page.locator('.ant-message-notice', { hasText: '指标调整已提交牵头领导审批' }).waitFor();
      await card.getByTestId('pending-target-changes').waitFor();
      expect((await targetsOf(page, task.id)).find((x) => x.id === second.id)?.value).toBe(second.value);

      // The lead leader decides at /decisions.
      await page.context().clearCookies();
      await signIn(page, leader, '/login?next=%2Fdecisions');
      await page.waitForURL((u) => u.pathname === '/decisions');
      const desk = page.getByTestId('pending-target-changes-desk');
      const row = desk.getByRole('row', { name: new RegExp(task.key) });
      await row.getByText('区政府常务会议调高目标。').waitFor();
      await row.getByRole('button', { name: /^同\s*意$/ }).click();
      const decide = page.getByRole('dialog', { name: '批准指标调整' });
      await decide.getByLabel('意见（可不填）').fill('同意调整。');
      await decide.getByRole('button', { name: /确\s*定/ }).click();
      await page.locator('.ant-message-notice', { hasText: '操作成功' }).waitFor();
      await desk.getByText('没有待审批的指标调整').waitFor();
      expect((await targetsOf(page, task.id)).find((x) => x.id === second.id)?.value).toBe(raised);

      // The task's history lists both changes.
      await page.goto(`/tasks/${task.id}`);
      await page.getByTestId('target-history-open').click();
      const history = page.getByTestId('target-history');
      await history.getByText('改为不衡量').waitFor();
      await history.getByText('改类型或数值').waitFor();
      await history.getByText('已批准').waitFor();
    },
    TIMEOUT,
  );
});
