/**
 * Issue 4's acceptance, on SQLite and on PostgreSQL. Through the API: a
 * liaison files a report, the unit head approves it, the office returns it
 * and later accepts it; the task's light and the dashboard change as
 * docs/status-rules.md says (only accepted figures count; the light follows
 * the calendar), and every step is in the audit log. From the command line:
 * the seed imported and `luoshi simulate --until 2026-06-30 --seed 7`, after
 * which the dashboard's lights add up to the 39 tasks and show green, yellow
 * and red.
 */
import { afterAll, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { runCli } from '../helpers/cli.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { hasSeed, seedPath } from '../helpers/paths.js';
import { call, signIn, signInEveryone, useApiFixture, type PersonKey, type Session } from './api-fixture.js';

interface Lights {
  green: number;
  yellow: number;
  red: number;
  none: number;
}
interface Dashboard {
  total: number;
  lights: Lights;
  tasks: { taskId: number; light: string }[];
}

const sum = (l: Lights): number => l.green + l.yellow + l.red + l.none;

describeEachDatabase('issue 4 done when: a report through review, and the dashboard', (getUrl) => {
  let now = new Date('2026-04-02T02:00:00Z');
  const fx = useApiFixture(getUrl, { clock: () => now });

  it('moves the light and the dashboard only on acceptance, and audits every step', async () => {
    const { app, tasks, reports } = fx();
    let s = await signInEveryone(app);
    // Days pass between the steps; a day's idle time ends a session, so everyone signs in again.
    const moveTo = async (iso: string): Promise<void> => {
      now = new Date(iso);
      s = await signInEveryone(app);
    };
    const as = (who: PersonKey, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => call(app, s[who], method, url, body);
    const ok = async <T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> => {
      const res = await p;
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as T;
    };
    const light = async (asOf: string): Promise<string> =>
      (await ok<{ light: string }>(as('observer', 'GET', `/api/tasks/${tasks.a.id}/status?asOf=${asOf}`))).light;
    const dash = (asOf: string) => ok<Dashboard>(as('observer', 'GET', `/api/dashboard?asOf=${asOf}`));

    const before = await dash('2026-04-03');
    expect(await light('2026-04-03')).toBe('none');
    expect(before.total).toBe(sum(before.lights));

    const detail = await ok<{ version: number }>(as('liaisonA', 'GET', `/api/reports/${reports.a}`));
    const task = await ok<{ targets: { id: number; kind: string; value: number | null }[] }>(as('liaisonA', 'GET', `/api/tasks/${tasks.a.id}`));
    // A quarter of each increment, most of each total: on the calendar's pace at the end of the first quarter.
    const values = (share: number) =>
      task.targets.filter((t) => t.value !== null).map((t) => ({ targetId: t.id, value: t.kind === 'total' ? (t.value ?? 0) * 0.94 : (t.value ?? 0) * share }));
    const file = (version: number, share: number) =>
      ok<{ version: number; status: string }>(
        as('liaisonA', 'PATCH', `/api/reports/${reports.a}`, {
          version,
          progress: '一季度各项工作按计划推进。',
          confidence: 'on_track',
          values: values(share),
        }),
      );

    const first = await file(detail.version, 0.05);
    expect(first.status).toBe('draft');
    expect((await ok<{ status: string }>(as('headA', 'POST', `/api/reports/${reports.a}/approve`))).status).toBe('approved');
    expect((await ok<{ status: string }>(as('headA', 'POST', `/api/reports/${reports.a}/submit`))).status).toBe('submitted');
    await moveTo('2026-04-03T02:00:00Z');
    const returned = await ok<{ status: string; returnCount: number; version: number }>(
      as('office', 'POST', `/api/reports/${reports.a}/return`, { comment: '营收数据与统计部门口径不一致，请核实。' }),
    );
    expect(returned).toMatchObject({ status: 'returned', returnCount: 1 });
    // A returned report's figures are not the ledger's: nothing changed.
    expect(await light('2026-04-03')).toBe('none');
    expect((await dash('2026-04-03')).lights).toEqual(before.lights);

    const second = await file(returned.version, 0.25);
    await ok(as('headA', 'POST', `/api/reports/${reports.a}/approve`));
    await ok(as('headA', 'POST', `/api/reports/${reports.a}/submit`));
    // Accepted the same afternoon: known at the end of 3 April (a later acceptance would leave 3 April as it was).
    await moveTo('2026-04-03T08:00:00Z');
    expect((await ok<{ status: string }>(as('office', 'POST', `/api/reports/${reports.a}/accept`))).status).toBe('accepted');
    expect(second.status).toBe('draft');

    // Accepted: 25 % of the increments on 3 April (time progress 25.5 %) is on pace.
    expect(await light('2026-04-03')).toBe('green');
    const after = await dash('2026-04-03');
    expect(after.lights).toEqual({ ...before.lights, none: before.lights.none - 1, green: before.lights.green + 1 });
    expect(after.tasks.find((t) => t.taskId === tasks.a.id)?.light).toBe('green');
    // The same figures later in the year: behind by more than 10 points at the end of June, more than 30 at the end of September.
    expect(await light('2026-06-30')).toBe('yellow');
    expect(await light('2026-09-30')).toBe('red');

    const audit = await ok<{ items: { action: string; object: { type: string; id: string | null }; actor: { username: string | null } }[] }>(
      call(app, await signIn(app, 'sj_gly', 'Lh-09-Strong!Pass9'), 'GET', '/api/audit?limit=100'),
    );
    const steps = audit.items.filter((a) => a.object.type === 'report' && a.object.id === String(reports.a)).reverse();
    expect(steps.map((a) => a.action)).toEqual([
      'report.edit',
      'report.approve',
      'report.submit',
      'report.return',
      'report.edit',
      'report.approve',
      'report.submit',
      'report.accept',
    ]);
    expect(steps.map((a) => a.actor.username)).toEqual(['gxj_lly', 'gxj_head', 'gxj_head', 'dcs_zhang', 'gxj_lly', 'gxj_head', 'gxj_head', 'dcs_zhang']);
  });
});

describeEachDatabase('issue 4 done when: the seed, simulated to the end of June', (getUrl, kind) => {
  let opened: OpenedDatabase | undefined;
  let app: App | undefined;
  afterAll(async () => {
    await app?.close();
    await opened?.store.close();
  });

  it.runIf(hasSeed)(
    'luoshi simulate --until 2026-06-30 --seed 7: 39 tasks, green, yellow and red',
    async () => {
      const env = { LUOSHI_ADMIN_PASSWORD: 'Adm1n-Sim-Passw0rd!' };
      const imported = runCli(['import', seedPath, '--commit', '--db', getUrl()], { env });
      expect(imported.status, imported.stderr).toBe(0);
      const simulated = runCli(['simulate', '--until', '2026-06-30', '--seed', '7', '--db', getUrl()], { env, timeoutMs: 300_000 });
      expect(simulated.status, simulated.stderr).toBe(0);
      expect(simulated.stdout).toMatch(/已模拟 2026-02-13 至 2026-06-30（138 天，种子 7）/);

      opened = await openDatabase(getUrl());
      const { store, governmentId } = opened;
      await createUser(store.db, systemActor(governmentId), { username: 'sim_observer', role: 'observer', password: 'Lh-31-Strong!Pass9' });
      app = await buildApp({ store, governmentId, files: testFiles(store) });
      checkAnswersAgainstSchemas(app);
      const session: Session = await signIn(app, 'sim_observer', 'Lh-31-Strong!Pass9');
      const res = await call(app, session, 'GET', '/api/dashboard?asOf=2026-06-30');
      expect(res.statusCode, res.body).toBe(200);
      const d = res.json<Dashboard>();
      expect(d.total, kind).toBe(39);
      expect(sum(d.lights)).toBe(39);
      expect(d.lights.green).toBeGreaterThan(0);
      expect(d.lights.yellow).toBeGreaterThan(0);
      expect(d.lights.red).toBeGreaterThan(0);

      // A plan whose supervision has begun is not simulated again.
      const again = runCli(['simulate', '--until', '2026-06-30', '--seed', '7', '--db', getUrl()], { env });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('已有调度记录');
    },
    360_000,
  );
});
