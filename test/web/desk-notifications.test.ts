/**
 * A liaison's working day in Chromium: the desk (本单位工作) lists only what
 * awaits them, the report the office returned first with its comment, and
 * none of a closed round's drafts (they are in the history tab); the menu
 * shows the desk's count. The office returning the report and opening a
 * round each reach the liaison in the bell, and opening a notification marks
 * it read and leads to the thing to do.
 */
import { expect, it } from 'vitest';
import { approveReport, returnReport, submitReport, updateDraft } from '../../src/modules/report/report-steps.js';
import { roundCloser, roundOpener } from '../../src/modules/round/round.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { actorOf, describeBrowser, OFFICE, signIn, useBrowser, type WebUser } from './browser.js';

const TIMEOUT = 120_000;
const PASSWORD = 'Desk-Note-Passw0rd!';
const RETURN_COMMENT = '请补充本期完成的投资额和佐证材料。';

describeBrowser('the liaison’s desk and notifications [browser]', () => {
  const web = useBrowser();

  it(
    'lists only actionable items, returned first; a return and a round opening reach the liaison in the bell and lead to the thing to do',
    async () => {
      const { page, server } = web();
      const db = server.store.db;
      const tasks = await listTasks(db, server.governmentId, { planId: server.planId });
      const task = tasks.find((t) => t.hostUnits.length > 0);
      const unit = task?.hostUnits[0]?.name;
      if (!task || !unit) throw new Error('the seed has no task with a host unit');
      const liaison: WebUser = { username: 'dn_liaison', password: PASSWORD, role: 'liaison', unitName: unit, displayName: '联络员' };
      const head: WebUser = { username: 'dn_head', password: PASSWORD, role: 'head', unitName: unit, displayName: '负责人' };
      for (const u of [liaison, head]) {
        await createUser(db, server.operator, { username: u.username, password: u.password, role: u.role, displayName: u.displayName ?? '', unitName: unit });
      }
      const office = await actorOf(db, server.governmentId, OFFICE.username);
      const reportIn = (roundId: number) =>
        db
          .selectFrom('reports')
          .select(['id', 'version'])
          .where('round_id', '=', roundId)
          .where('task_id', '=', task.id)
          .where('role', '=', 'host')
          .executeTakeFirstOrThrow();

      // A round the office has closed: its drafts are no longer anyone's work.
      const old = await roundOpener.open(db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '一季度专项',
        periodEnd: '2026-03-31',
        dueOn: '2026-04-05',
      });
      await roundCloser.close(db, office, { id: old.round.id, version: old.round.version });
      const stale = await reportIn(old.round.id);

      // An open round: the unit's report is sent, and the office returns it with its comment.
      const open = await roundOpener.open(db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '二季度专项',
        periodEnd: '2026-06-30',
        dueOn: '2026-07-10',
      });
      const report = await reportIn(open.round.id);
      const writer = await actorOf(db, server.governmentId, liaison.username);
      const boss = await actorOf(db, server.governmentId, head.username);
      await updateDraft(db, writer, report.id, { version: report.version, progress: '按计划推进。', confidence: 'on_track', confidenceReason: null });
      await approveReport(db, boss, report.id, {});
      await submitReport(db, boss, report.id, {});
      await returnReport(db, office, report.id, { comment: RETURN_COMMENT });
      // Then a new round opens.
      const next = await roundOpener.open(db, office, {
        planId: server.planId,
        kind: 'adhoc',
        label: '三季度专项',
        periodEnd: '2026-09-30',
        dueOn: '2026-10-10',
      });

      await signIn(page, liaison, '/login?next=%2Fmy');
      await page.waitForURL((u) => u.pathname === '/my');
      await page.getByRole('heading', { name: '本单位工作' }).waitFor();
      const desk = page.getByTestId('desk-items');
      const rows = desk.locator('tbody tr[data-testid^="desk-row-"]');
      await rows.first().waitFor();
      // Returned first, with the office's comment and one action.
      const first = rows.first();
      expect(await first.getAttribute('data-testid')).toBe(`desk-row-report-${report.id}`);
      await first.getByText(RETURN_COMMENT).waitFor();
      await first.getByText('二季度专项').waitFor();
      await first.getByRole('link', { name: '修改后重新报送' }).waitFor();
      // Only actionable items: drafts of the open rounds; the closed round's draft is not among them.
      const states: (string | null)[] = [];
      for (let i = 0; i < (await rows.count()); i += 1) states.push(await rows.nth(i).getAttribute('data-state'));
      expect(states.slice(1).every((s) => s === 'draft')).toBe(true);
      expect(await desk.getByTestId(`desk-row-report-${stale.id}`).count()).toBe(0);
      const count = states.length;
      await page
        .getByTestId('menu-count-my')
        .filter({ hasText: String(count) })
        .waitFor();
      // The closed round's report stays visible in the history.
      await page.getByRole('tab', { name: /历史/ }).click();
      await page.getByTestId('desk-history').getByTestId(`desk-row-report-${stale.id}`).waitFor();

      // The bell: the return and the round opening, each a link to the thing to do.
      await page.getByTestId('notifications').click();
      const bell = page.getByTestId('bell-notification');
      await bell.filter({ hasText: '三季度专项 期调度已开始' }).waitFor();
      await bell.filter({ hasText: RETURN_COMMENT }).getByRole('link').click();
      await page.waitForURL((u) => u.pathname === `/reports/${report.id}`);
      await page.getByLabel('工作进展').waitFor();

      await page.getByTestId('notifications').click();
      await bell.filter({ hasText: '三季度专项 期调度已开始' }).getByRole('link').click();
      await page.waitForURL((u) => u.pathname === '/my');
      await page.getByTestId('desk-items').waitFor();

      // Both are read now; the return was told once.
      const mine = (await (await page.request.get('/api/notifications')).json()) as {
        items: { kind: string; objectType: string | null; objectId: number | null; readAt: string | null }[];
      };
      const returned = mine.items.filter((n) => n.kind === 'report_return');
      expect(returned).toEqual([expect.objectContaining({ objectType: 'report', objectId: report.id })]);
      expect(returned[0]?.readAt).not.toBeNull();
      const opened = mine.items.find((n) => n.kind === 'round_open' && n.objectId === next.round.id);
      expect(opened).toMatchObject({ objectType: 'round' });
      expect(opened?.readAt).not.toBeNull();
    },
    TIMEOUT,
  );
});
