/**
 * A unit's report and work plan in Chromium: the liaison of a host unit fills
 * a report with a target's value and saves it; the head approves and submits
 * it; the API then shows it submitted with the value. The head drafts a work
 * plan from the task page and submits it.
 */
import { request as playwrightRequest, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 120_000;
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const UNIT = '区科学技术局';
const HEAD: WebUser = { username: 'kj.head', password: 'Unit-Head-Passw0rd!', role: 'head', unitName: UNIT, displayName: '科技局负责人' };
const LIAISON: WebUser = { username: 'kj.liaison', password: 'Unit-Liaison-Passw0rd!', role: 'liaison', unitName: UNIT, displayName: '科技局联络员' };

interface ApiTask {
  id: number;
  key: string;
  deadline: string | null;
  hostUnits: string[];
  hostUnitRefs: { id: number; name: string }[];
  targets: { id: number; value: number | null; unit: string | null; text: string }[];
}
interface ApiReport {
  id: number;
  taskId: number;
  unitId: number;
  status: string;
  values: { targetId: number; value: number }[];
  attachments: { fileName: string }[];
}

/** An API session of its own (not the page's cookies), as the office. */
async function apiAs(url: string, user: Pick<WebUser, 'username' | 'password'>): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL: url });
  const answer = await api.post('/api/session', { data: { username: user.username, password: user.password } });
  expect(answer.status()).toBe(200);
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  return { api, csrf: csrfToken };
}

async function signOutAndIn(page: Page, user: WebUser, path: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user, `/login?next=${encodeURIComponent(path)}`);
  await page.waitForURL((u) => u.pathname === path, { timeout: 30_000 });
}

describeBrowser('a unit reports and plans in the browser', () => {
  const web = useBrowser({ users: [HEAD, LIAISON] });
  const sessions: APIRequestContext[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.dispose();
  });

  /** The first task the unit hosts that has a quantified target. */
  async function hostedTask(api: APIRequestContext): Promise<ApiTask> {
    const list = (await (await api.get('/api/tasks', { params: { unit: UNIT } })).json()) as { items: ApiTask[] };
    const task =
      list.items.find((t) => t.hostUnits.includes(UNIT) && t.targets.some((x) => x.value !== null)) ?? list.items.find((t) => t.hostUnits.includes(UNIT));
    if (!task) throw new Error(`${UNIT} hosts no task in the seed`);
    return task;
  }

  it(
    'the liaison fills and saves a report, the head approves and submits it',
    async () => {
      const { page, server } = web();
      const { api, csrf } = await apiAs(server.url, OFFICE);
      sessions.push(api);
      const opened = await api.post('/api/rounds', {
        headers: { 'x-csrf-token': csrf },
        data: { planId: server.planId, kind: 'monthly', label: '2026-10', periodEnd: '2026-10-31', dueOn: '2026-11-10' },
      });
      expect(opened.status()).toBe(200);
      const task = await hostedTask(api);
      const unitId = task.hostUnitRefs.find((u) => u.name === UNIT)?.id;
      const reports = (await (await api.get('/api/reports', { params: { taskId: task.id, unitId: unitId ?? 0 } })).json()) as { items: ApiReport[] };
      const report = reports.items[0];
      if (!report) throw new Error('the round made no report for the unit');
      const target = task.targets.find((x) => x.value !== null) ?? task.targets[0];

      // The liaison finds the report under 我的工作 and fills it.
      await signIn(page, LIAISON, '/login?next=%2Fmy');
      await page.waitForURL((u) => u.pathname === '/my');
      await page.getByRole('heading', { name: '本单位工作' }).waitFor();
      await page.getByTestId(`open-report-${report.id}`).click();
      await page.waitForURL((u) => u.pathname === `/reports/${report.id}`);
      await page.getByRole('heading', { name: `任务 ${task.key} 进展报告` }).waitFor();
      if (target) {
        const input = page.locator(`#target-${target.id}`);
        await input.fill('12.5');
        if (target.unit) expect(await page.locator('.ant-input-number-suffix', { hasText: target.unit }).count()).toBeGreaterThan(0);
      }
      await page.getByLabel('工作进展').fill('已完成年度目标的大部分工作。');
      await page.getByLabel('正常推进').check();
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
      // Evidence: a picture is attached; a text file is refused with the server's Chinese message.
      const fileInput = page.locator('.ant-upload input[type=file]');
      await fileInput.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('link', { name: '现场照片.png' }).waitFor();
      await fileInput.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('纯文本说明') });
      await page.getByRole('link', { name: '说明.txt' }).waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: '说明.txt' })
        .getByRole('button', { name: /删\s*除/ })
        .click();
      await page.getByRole('link', { name: '说明.txt' }).waitFor({ state: 'detached' });
      web().expectResponse(415, 'POST', `/api/reports/${report.id}/attachments`);
      await fileInput.setInputFiles({
        name: '程序.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]),
      });
      await page.locator('.ant-message-notice', { hasText: '不支持的文件类型' }).waitFor();
      // A liaison may not approve: no such button.
      expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);

      // The head approves and submits.
      await signOutAndIn(page, HEAD, `/reports/${report.id}`);
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.locator('.ant-message-notice', { hasText: '报告已审核' }).waitFor();
      await page.getByRole('button', { name: '报送督查室' }).click();
      await page.locator('.ant-message-notice', { hasText: '报告已报送督查室' }).waitFor();
      await page.locator('.ant-tag', { hasText: '已报送' }).waitFor();

      const after = (await (await api.get(`/api/reports/${report.id}`)).json()) as ApiReport;
      expect(after.status).toBe('submitted');
      expect(after.attachments.map((a) => a.fileName)).toEqual(['现场照片.png']);
      if (target) expect(after.values).toContainEqual({ targetId: target.id, value: 12.5 });
    },
    TIMEOUT,
  );

  it(
    'the head drafts a work plan from the task page and submits it',
    async () => {
      const { page, server } = web();
      const { api } = await apiAs(server.url, OFFICE);
      sessions.push(api);
      const task = await hostedTask(api);
      await signIn(page, HEAD, `/login?next=${encodeURIComponent(`/tasks/${task.id}`)}`);
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}`);
      await page.getByTestId('task-workplan-link').click();
      await page.waitForURL((u) => u.pathname === `/tasks/${task.id}/workplan`);
      await page.getByRole('button', { name: '新建工作方案' }).click();
      await page.getByTestId('plan-status').filter({ hasText: '草稿' }).waitFor();
      await page.getByLabel('工作措施').fill('一、压实责任；二、按月调度。');
      await page.getByRole('button', { name: '添加节点' }).click();
      const due = task.deadline && task.deadline < '2026-09-30' ? task.deadline : '2026-09-30';
      await page.getByLabel('第 1 个节点的完成日期').fill(due);
      await page.getByLabel('第 1 个节点的内容').fill('完成项目主体建设');
      const target = task.targets.find((x) => x.value !== null);
      if (target) await page.getByLabel(`${target.text} 2026-06`, { exact: true }).fill('3');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-message-notice', { hasText: '已保存' }).waitFor();
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByTestId('plan-status').filter({ hasText: '待审批' }).waitFor();

      const plans = (await (await api.get(`/api/tasks/${task.id}/workplans`)).json()) as {
        items: {
          status: string;
          measures: string;
          milestones: { title: string; dueOn: string }[];
          values: { targetId: number; periodEnd: string; value: number }[];
        }[];
      };
      expect(plans.items[0]?.status).toBe('submitted');
      expect(plans.items[0]?.measures).toBe('一、压实责任；二、按月调度。');
      expect(plans.items[0]?.milestones).toEqual([expect.objectContaining({ title: '完成项目主体建设', dueOn: due })]);
      if (target) expect(plans.items[0]?.values).toContainEqual({ targetId: target.id, periodEnd: '2026-06-30', value: 3 });
    },
    TIMEOUT,
  );
});
