/**
 * The review queue in Chromium: a round is opened and a host unit files two
 * reports (server side, as the unit would); the office opens each from
 * /review in a drawer, accepts one and returns the other with a comment, and
 * the API then shows them accepted and returned; /rounds shows the round's
 * figure (reports sent of those owed) and closes it.
 */
import { expect, it } from 'vitest';
import { approveReport, submitReport, updateDraft } from '../../src/modules/report/report-steps.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebServer } from './browser.js';

const TIMEOUT = 90_000;
const HEAD = { username: 'review_head', password: 'Rv-Head-Strong!Pass9' };
const LIAISON = { username: 'review_lly', password: 'Rv-Lly-Strong!Pass9' };

/** Opens a round and has one host unit file two reports to the office; returns their ids. */
async function twoSubmitted(server: WebServer): Promise<number[]> {
  const db = server.store.db;
  const office = await actorOf(db, server.governmentId, OFFICE.username);
  const { round } = await roundOpener.open(db, office, {
    planId: server.planId,
    kind: 'adhoc',
    label: '审核测试',
    periodEnd: '2026-03-31',
    dueOn: '2026-04-10',
  });
  const hosts = await db.selectFrom('reports').select(['id', 'unit_id']).where('round_id', '=', round.id).where('role', '=', 'host').orderBy('id').execute();
  const byUnit = new Map<number, number[]>();
  for (const r of hosts) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r.id]);
  const [unitId, ids] = [...byUnit.entries()].find(([, list]) => list.length >= 2) ?? [0, []];
  const unit = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirstOrThrow();
  await createUser(db, server.operator, { ...HEAD, role: 'head', unitName: unit.name });
  await createUser(db, server.operator, { ...LIAISON, role: 'liaison', unitName: unit.name });
  const head = await actorOf(db, server.governmentId, HEAD.username);
  const liaison = await actorOf(db, server.governmentId, LIAISON.username);
  const chosen = ids.slice(0, 2);
  for (const id of chosen) {
    const { version } = await db.selectFrom('reports').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await updateDraft(db, liaison, id, { version, progress: `按计划推进（报告 ${id}）。`, confidence: 'on_track', confidenceReason: null });
    await approveReport(db, head, id, {});
    await submitReport(db, head, id, {});
  }
  return chosen;
}

describeBrowser('the review queue [browser]', () => {
  const web = useBrowser();

  it(
    'accepts one submitted report and returns another with a comment',
    async () => {
      const { page, server } = web();
      const [first, second] = await twoSubmitted(server);
      if (first === undefined || second === undefined) throw new Error('no host unit with two reports');

      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.getByRole('link', { name: '报告审核' }).click();
      await page.waitForURL('**/review');
      await expect.poll(() => page.getByTestId('review-count').textContent()).toBe('待审核 2 份');

      await page.getByRole('button', { name: `打开报告 ${first}` }).click();
      const drawer = page.getByRole('dialog', { name: '审核报告' });
      await drawer.getByText(`按计划推进（报告 ${first}）。`).waitFor();
      await drawer.getByText('能按期完成').waitFor();
      await drawer.getByRole('button', { name: /采\s*纳/ }).click();
      await expect.poll(() => page.getByTestId('review-count').textContent()).toBe('待审核 1 份');

      await page.getByRole('button', { name: `打开报告 ${second}` }).click();
      await page.getByRole('dialog', { name: '审核报告' }).getByText(`按计划推进（报告 ${second}）。`).waitFor();
      await page
        .getByRole('dialog', { name: '审核报告' })
        .getByRole('button', { name: /退\s*回/ })
        .click();
      const dialog = page.getByRole('dialog', { name: '退回报告' });
      await dialog.getByRole('button', { name: '确认退回' }).click();
      await dialog.getByText('请写明退回意见').waitFor();
      await dialog.getByLabel('退回意见').fill('请补充本期完成的实物量。');
      await dialog.getByRole('button', { name: '确认退回' }).click();
      await page.getByText('没有待审核的报告').waitFor();

      const status = async (id: number) => {
        const res = await page.request.get(`/api/reports/${id}`);
        expect(res.status()).toBe(200);
        return (await res.json()) as { status: string; events: { comment: string | null }[] };
      };
      expect((await status(first)).status).toBe('accepted');
      const returned = await status(second);
      expect(returned.status).toBe('returned');
      expect(returned.events.some((e) => e.comment === '请补充本期完成的实物量。')).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "shows the round's report progress at /rounds and closes the round",
    async () => {
      // The round opened by the test above: one report accepted, one returned.
      const { page } = web();
      await signIn(page, OFFICE);
      await page.waitForURL('**/dashboard');
      await page.getByRole('link', { name: '调度期次' }).click();
      await page.waitForURL('**/rounds');
      const listed = async () => {
        const res = await page.request.get('/api/rounds');
        type Listed = { label: string; status: string; figure: { owed: number; sent: number; onTime: number; accepted: number } };
        return ((await res.json()) as { items: Listed[] }).items.find((r) => r.label === '审核测试');
      };
      // Both reports were sent (the returned one too), one accepted: the round's one figure, as the API gives it to everyone.
      const figure = (await listed())?.figure;
      expect(figure).toMatchObject({ sent: 2, accepted: 1 });
      const row = page.getByRole('row', { name: /审核测试/ });
      await row.getByText(`已报 2 / 应报 ${figure?.owed}（按时 ${figure?.onTime}，已采纳 1）`).waitFor();
      await row.getByText('进行中').waitFor();
      // The office has no unit of its own: no 本单位 figure beside the round's.
      expect(await row.getByTestId('round-mine').count()).toBe(0);
      await row.getByRole('button', { name: '结束调度' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: '结束调度' }).click();
      await row.getByText('已结束').waitFor();
      await row.getByText(`已报 2 / 应报 ${figure?.owed}（按时 ${figure?.onTime}，已采纳 1）`).waitFor();
      expect((await listed())?.status).toBe('closed');
    },
    TIMEOUT,
  );
});
