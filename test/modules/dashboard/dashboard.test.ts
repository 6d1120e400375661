/**
 * The dashboard, a task's status and closing a round, through the HTTP API on
 * both databases: the dashboard's counts add up to the plan's tasks in every
 * grouping, it follows the reports as they are accepted, the server's clock
 * decides "today" in Asia/Shanghai, and closing a round writes each task's
 * light at the round's period end into the history the task status shows,
 * and the histories of several tasks come in one answer.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, errorOf, signInAs, useApiFixture, type Session } from '../../server/api-fixture.js';
import { castOf, file, taskByKey, type Cast } from '../status/status-helpers.js';

interface Counts {
  green: number;
  yellow: number;
  red: number;
  none: number;
}
interface Dashboard {
  planId: number;
  asOf: string;
  timeProgress: number;
  lights: Counts;
  total: number;
  bySection: { sectionId: number | null; number: string | null; title: string | null; total: number; lights: Counts }[];
  byLeader: { leaderId: number; name: string; total: number; lights: Counts }[];
  byUnit: {
    unitId: number;
    name: string;
    total: number;
    lights: Counts;
    owed: number;
    onTime: number;
    late: number;
    returned: number;
    onTimeRate: number | null;
  }[];
  lagging: {
    taskId: number;
    key: string;
    text: string;
    light: string;
    behindPoints: number | null;
    reportOverdue: boolean;
    hostUnits: string[];
    leaders: string[];
  }[];
  targets: {
    targetId: number;
    taskId: number;
    text: string;
    metric: string;
    value: number | null;
    unit: string | null;
    actual: number | null;
    completion: number | null;
    expected: number | null;
    light: string;
  }[];
  tasks: { taskId: number; key: string; light: keyof Counts; source: string; reportOverdue: boolean; confidenceConflict: boolean }[];
}

const sum = (c: Counts): number => c.green + c.yellow + c.red + c.none;
const RANK: Record<string, number> = { red: 2, yellow: 1 };

describeEachDatabase('the dashboard', (getUrl) => {
  // 16:30 UTC on 5 April is already 6 April in Shanghai: the March round (due 5 April) is overdue.
  let now = '2026-04-05T16:30:00Z';
  const fx = useApiFixture(getUrl, { clock: () => new Date(now) });
  let cast: Cast;
  let office: Session;
  let observer: Session;
  beforeAll(async () => {
    cast = await castOf(fx());
    office = await signInAs(fx().app, 'office');
    observer = await signInAs(fx().app, 'observer');
  });

  const get = async (url: string, who: Session = observer) => {
    const res = await call(fx().app, who, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Dashboard>();
  };

  it('answers for the newest plan on today’s date in Shanghai, with counts that add up in every grouping', async () => {
    const d = await get('/api/dashboard');
    expect(d).toMatchObject({ planId: fx().planId, asOf: '2026-04-06', total: 24 });
    expect(d.timeProgress).toBeCloseTo(96 / 365, 12);
    // Nothing of March was sent: every task is red for its overdue report.
    expect(d.lights).toEqual({ green: 0, yellow: 0, red: 24, none: 0 });
    expect(d.tasks).toHaveLength(24);
    expect(d.tasks.every((t) => t.light === 'red' && t.reportOverdue && t.source === 'data')).toBe(true);
    expect(d.bySection.reduce((n, s) => n + s.total, 0)).toBe(24);
    for (const group of [...d.bySection, ...d.byLeader, ...d.byUnit]) expect(sum(group.lights)).toBe(group.total);
    expect(d.bySection[0]).toMatchObject({ number: '二', title: '坚持产业强区，加快构建现代化产业体系', total: 4 });

    const leader = d.byLeader.find((l) => l.name === '闵晓川');
    expect(leader?.total).toBe(d.lagging.filter((l) => l.leaders.includes('闵晓川')).length);
    const unitA = d.byUnit.find((u) => u.unitId === fx().units.a.id);
    const hostedByA = (
      await fx().store.db.selectFrom('task_units').select('task_id').where('unit_id', '=', fx().units.a.id).where('role', '=', 'host').execute()
    ).length;
    const owedByA = (
      await fx().store.db.selectFrom('reports').select('id').where('round_id', '=', fx().roundId).where('unit_id', '=', fx().units.a.id).execute()
    ).length;
    expect(unitA).toMatchObject({ name: fx().units.a.name, total: hostedByA, owed: owedByA, onTime: 0, late: 0, returned: 0, onTimeRate: null });

    expect(d.lagging).toHaveLength(24);
    expect(d.lagging[0]).toMatchObject({ light: 'red', reportOverdue: true });
    expect(d.lagging.find((l) => l.taskId === fx().tasks.a.id)).toMatchObject({
      key: fx().tasks.a.key,
      hostUnits: [fx().units.a.name],
      leaders: fx().tasks.a.leaders,
    });
    const targets = await fx().store.db.selectFrom('targets').select('id').where('plan_id', '=', fx().planId).where('task_id', 'is not', null).execute();
    expect(d.targets).toHaveLength(targets.length);
    expect(d.targets.every((t) => t.actual === null && t.completion === null && t.light === 'none')).toBe(true);
  });

  it('follows the reports: an accepted report lights its task by its figures and counts for its unit', async () => {
    const a = fx().tasks.a;
    const [level = 0, , increment = 0] = (await taskByKey(fx(), a.key)).targets;
    // Sent on 5 April at 10:00 in Shanghai (on time), accepted: 新能源材料 30 of 1000 亿元 (3 %), 营收 12 of 18 亿元 (66.7 %).
    await file(fx().store.db, cast, fx().reports.a, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [
        { targetId: level, value: 30 },
        { targetId: increment, value: 12 },
      ],
      submitAt: '2026-04-05T02:00:00Z',
    });

    const d = await get(`/api/dashboard?planId=${fx().planId}&asOf=2026-04-06`);
    expect(d.lights).toEqual({ green: 0, yellow: 1, red: 23, none: 0 });
    // 96/365 = 26.3 % elapsed: 3 % is 23.3 points behind (yellow), 66.7 % is ahead (green).
    expect(d.tasks.find((t) => t.taskId === a.id)).toMatchObject({ light: 'yellow', reportOverdue: false, confidenceConflict: false });
    expect(d.targets.find((t) => t.targetId === level)).toMatchObject({
      taskId: a.id,
      metric: '新能源材料',
      value: 1000,
      unit: '亿元',
      actual: 30,
      completion: 0.03,
      light: 'yellow',
    });
    expect(d.targets.find((t) => t.targetId === level)?.expected).toBeCloseTo(96 / 365, 12);
    expect(d.targets.find((t) => t.targetId === increment)).toMatchObject({ actual: 12, light: 'green' });
    expect(d.targets.find((t) => t.targetId === increment)?.completion).toBeCloseTo(12 / 18, 12);
    expect(d.lagging.at(-1), 'the yellow task after the red ones').toMatchObject({ taskId: a.id, light: 'yellow', behindPoints: 23.30137 });
    for (let i = 1; i < d.lagging.length; i++) expect(RANK[d.lagging[i - 1]?.light ?? ''] ?? 0).toBeGreaterThanOrEqual(RANK[d.lagging[i]?.light ?? ''] ?? 0);
    expect(d.byUnit.find((u) => u.unitId === fx().units.a.id)).toMatchObject({ onTime: 1, late: 0, onTimeRate: 1 });
  });

  it('refuses a date that does not exist and a plan that does not, and reads the plan the client names', async () => {
    const bad = await call(fx().app, observer, 'GET', '/api/dashboard?asOf=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('invalid_request');
    const unknown = await call(fx().app, observer, 'GET', '/api/dashboard?planId=999999');
    expect(unknown.statusCode).toBe(404);
    expect((await get('/api/dashboard?asOf=2026-04-05')).lights).toEqual({ green: 0, yellow: 1, red: 0, none: 23 });
  });

  it('closes a round once, writing each task’s light at the round’s period end, and shows it in the task’s history', async () => {
    now = '2026-04-10T02:00:00Z';
    // Four days on, yesterday's sessions have ended.
    office = await signInAs(fx().app, 'office');
    observer = await signInAs(fx().app, 'observer');
    const round = () => fx().store.db.selectFrom('rounds').selectAll().where('id', '=', fx().roundId).executeTakeFirstOrThrow();
    const { version } = await round();

    const stale = await call(fx().app, office, 'POST', `/api/rounds/${fx().roundId}/close`, { version: version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    expect((await round()).status).toBe('open');

    const refused = await call(fx().app, await signInAs(fx().app, 'headA'), 'POST', `/api/rounds/${fx().roundId}/close`, { version });
    expect(refused.statusCode).toBe(403);

    const res = await call(fx().app, office, 'POST', `/api/rounds/${fx().roundId}/close`, { version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: fx().roundId,
      status: 'closed',
      version: version + 1,
      closedBy: fx().userIds.office,
      closedAt: '2026-04-10T02:00:00.000Z',
    });

    // On 31 March nothing was overdue yet: task a by its figures, the others with none.
    const lights = await fx().store.db.selectFrom('task_lights').selectAll().where('round_id', '=', fx().roundId).orderBy('task_id').execute();
    expect(lights).toHaveLength(24);
    expect(lights.every((l) => l.as_of === '2026-03-31' && l.plan_id === fx().planId)).toBe(true);
    expect(lights.filter((l) => l.light !== 'none').map((l) => [l.task_id, l.light])).toEqual([[fx().tasks.a.id, 'yellow']]);
    const audit = await fx()
      .store.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'round.close')
      .where('object_id', '=', String(fx().roundId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ status: 'closed', asOf: '2026-03-31', lights: { yellow: 1, none: 23 } });

    const again = await call(fx().app, office, 'POST', `/api/rounds/${fx().roundId}/close`, { version: version + 1 });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('round_closed');
    expect(await fx().store.db.selectFrom('task_lights').select('task_id').where('round_id', '=', fx().roundId).execute()).toHaveLength(24);

    // A closed round asks nothing more: its unsent reports no longer make tasks red.
    expect((await get('/api/dashboard')).lights).toEqual({ green: 0, yellow: 1, red: 0, none: 23 });
  });

  it('shows a task’s status: each target against time progress, the latest figures and rating, and the light history', async () => {
    const a = fx().tasks.a;
    const [level = 0] = (await taskByKey(fx(), a.key)).targets;
    const res = await call(fx().app, observer, 'GET', `/api/tasks/${a.id}/status?asOf=2026-04-06`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<
      {
        targets: { targetId: number; actual: number | null; completion: number | null; expected: number | null; light: string; periodEnd: string | null }[];
      } & Record<string, unknown>
    >();
    expect(s).toMatchObject({
      taskId: a.id,
      key: a.key,
      asOf: '2026-04-06',
      light: 'yellow',
      source: 'data',
      reportOverdue: false,
      confidence: 'on_track',
      latest: { reportId: fx().reports.a, periodEnd: '2026-03-31', confidence: 'on_track', proposeComplete: false },
      history: [{ asOf: '2026-03-31', roundId: fx().roundId, light: 'yellow' }],
      milestones: [],
    });
    expect(s.targets).toHaveLength(6);
    expect(s.targets[0]).toMatchObject({ targetId: level, actual: 30, completion: 0.03, light: 'yellow', periodEnd: '2026-03-31' });
    expect(s.targets[0]?.expected).toBeCloseTo(96 / 365, 12);
    expect(s.targets[1]).toMatchObject({ actual: null, completion: null, light: 'none' });

    // Today by the server's clock (10 April in Shanghai) when no date is given.
    expect((await call(fx().app, observer, 'GET', `/api/tasks/${a.id}/status`)).json()).toMatchObject({ asOf: '2026-04-10' });
    expect((await call(fx().app, observer, 'GET', '/api/tasks/999999/status')).statusCode).toBe(404);
    expect((await call(fx().app, observer, 'GET', `/api/tasks/${a.id}/status?asOf=2026-13-01`)).statusCode).toBe(400);
  });

  it('gives the light histories of several tasks in one answer, in the order asked, as each task’s status shows them', async () => {
    const { a, b } = fx().tasks;
    const res = await call(fx().app, observer, 'GET', `/api/light-history?taskIds=${b.id},${a.id},${b.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { taskId: number; history: unknown[] }[] }>().items;
    expect(items.map((x) => x.taskId)).toEqual([b.id, a.id]);
    for (const item of items) {
      const status = (await call(fx().app, observer, 'GET', `/api/tasks/${item.taskId}/status`)).json<{ history: unknown[] }>();
      expect(item.history).toEqual(status.history);
    }
    expect(items[1]?.history).toEqual([{ asOf: '2026-03-31', roundId: fx().roundId, light: 'yellow' }]);

    // One unknown task, a malformed list or too many tasks: nothing is answered.
    const unknown = await call(fx().app, observer, 'GET', `/api/light-history?taskIds=${a.id},999999`);
    expect(unknown.statusCode).toBe(404);
    for (const query of ['', 'taskIds=', `taskIds=${a.id},`, `taskIds=0`, `taskIds=${a.id};${b.id}`, `taskIds=${a.id}&extra=1`]) {
      const bad = await call(fx().app, observer, 'GET', `/api/light-history?${query}`);
      expect(bad.statusCode, query).toBe(400);
    }
    const many = Array.from({ length: 501 }, (_, i) => i + 1).join(',');
    const tooMany = await call(fx().app, observer, 'GET', `/api/light-history?taskIds=${many}`);
    expect(tooMany.statusCode).toBe(400);
    expect(errorOf(tooMany).message).toMatch(/[\u4e00-\u9fff]/);
  });
});
