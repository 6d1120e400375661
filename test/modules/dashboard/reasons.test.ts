/**
 * Why a light, through the HTTP API on both databases: the dashboard's lagging
 * tasks, its task list and a task's status carry the reasons of each light.
 * A task red only because its host report is overdue says so (and shows no
 * points behind); a target behind says by how much, with its figures; a
 * missed milestone leads the reasons of a task whose targets are only
 * yellow; an open supervision order is noted after the light's reasons.
 */
import { beforeAll, expect, it } from 'vitest';
import { orderService } from '../../../src/modules/order/order.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInAs, useApiFixture, type Session } from '../../server/api-fixture.js';
import { castOf, file, type Cast } from '../status/status-helpers.js';

interface Reason {
  kind: string;
  light: string;
  text: string;
  targetId: number | null;
  behindPoints: number | null;
  milestone: string | null;
  dueOn: string | null;
  round: string | null;
  order: string | null;
}
interface Lagging {
  taskId: number;
  light: string;
  behindPoints: number | null;
  reportOverdue: boolean;
  reasons: Reason[];
}
interface Dashboard {
  lagging: Lagging[];
  tasks: { taskId: number; light: string; reasons: Reason[] }[];
}
interface Status {
  light: string;
  reasons: Reason[];
}

/** The March report owed by every host unit of the task. */
const overdueMarch = (units: readonly string[]): string => `${units.join('、')}的3月份进展报告应于 4月5日前报送，逾期未报`;

describeEachDatabase('the reasons of the lights', (getUrl) => {
  // 16:30 UTC on 5 April is 6 April in Shanghai: the March round (due 5 April) is overdue.
  const now = new Date('2026-04-05T16:30:00Z');
  const fx = useApiFixture(getUrl, { clock: () => now });
  let cast: Cast;
  let observer: Session;
  let increment = 0;
  beforeAll(async () => {
    cast = await castOf(fx());
    observer = await signInAs(fx().app, 'observer');
    // 年内新增营收18亿元: an increment of this year, measured against time progress.
    const target = await fx()
      .store.db.selectFrom('targets')
      .select('id')
      .where('task_id', '=', fx().tasks.a.id)
      .where('kind', '=', 'increment')
      .where('value', '=', 18)
      .executeTakeFirstOrThrow();
    increment = target.id;
  });

  const get = async <T>(url: string): Promise<T> => {
    const res = await call(fx().app, observer, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const laggingOf = (d: Dashboard, taskId: number): Lagging => {
    const found = d.lagging.find((l) => l.taskId === taskId);
    if (!found) throw new Error(`task ${taskId} is not lagging`);
    return found;
  };

  it('says a task is red only because its report is overdue, with no points behind, and notes its open order after', async () => {
    const b = fx().tasks.b;
    const order = await orderService.issue(
      fx().store.db,
      fx().operator,
      { taskId: b.id, unitId: fx().units.b.id, grade: 'yellow', reason: '进度滞后' },
      () => now,
    );
    const d = await get<Dashboard>('/api/dashboard');
    const lag = laggingOf(d, b.id);
    expect(lag).toMatchObject({ light: 'red', reportOverdue: true, behindPoints: null });
    expect(lag.reasons).toEqual([
      {
        kind: 'report_overdue',
        light: 'red',
        text: overdueMarch(b.hostUnits),
        targetId: null,
        behindPoints: null,
        milestone: null,
        dueOn: '2026-04-05',
        round: '2026-03',
        order: null,
      },
      {
        kind: 'order',
        light: 'none',
        text: `督办〔2026〕第${order.serial}号（黄色）尚未办结`,
        targetId: null,
        behindPoints: null,
        milestone: null,
        dueOn: order.respondBy,
        round: null,
        order: `督办〔2026〕第${order.serial}号`,
      },
    ]);
    // The same reasons in the task list the ledger reads and on the task's own status.
    expect(d.tasks.find((t) => t.taskId === b.id)?.reasons).toEqual(lag.reasons);
    const status = await get<Status>(`/api/tasks/${b.id}/status`);
    expect(status).toMatchObject({ light: 'red', reasons: lag.reasons });
    // Every red or yellow task has a reason of its colour first.
    for (const l of d.lagging) expect(l.reasons[0]?.light, String(l.taskId)).toBe(l.light);
  });

  it('says how far a target is behind, with its figures, on a yellow task', async () => {
    const a = fx().tasks.a;
    // Sent on time on 5 April, accepted: 1 of 18 亿元 (5.6 %) against 96/365 = 26.3 % of the year elapsed.
    await file(fx().store.db, cast, fx().reports.a, {
      author: cast.liaisonA,
      head: cast.headA,
      values: [{ targetId: increment, value: 1 }],
      submitAt: '2026-04-05T02:00:00Z',
    });
    const lag = laggingOf(await get<Dashboard>('/api/dashboard'), a.id);
    expect(lag).toMatchObject({ light: 'yellow', reportOverdue: false, behindPoints: 20.745814 });
    expect(lag.reasons).toEqual([
      {
        kind: 'target',
        light: 'yellow',
        text: '“年内新增营收18亿元”完成 1 亿元，为目标的 5.6%，落后时序进度 20.7 个百分点',
        targetId: increment,
        behindPoints: 20.745814,
        milestone: null,
        dueOn: null,
        round: null,
        order: null,
      },
    ]);
  });

  it('leads with a missed milestone on a red task whose target is only yellow, and shows no points behind for it', async () => {
    const a = fx().tasks.a;
    const gov = fx().governmentId;
    const db = fx().store.db;
    const at = '2026-03-10T00:00:00.000Z';
    const plan = await db
      .insertInto('work_plans')
      .values({ government_id: gov, task_id: a.id, unit_id: fx().units.a.id, revision: 1, status: 'approved', decided_at: at, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('work_plan_milestones')
      .values({ government_id: gov, work_plan_id: plan.id, position: 1, due_on: '2026-04-01', title: '完成新能源材料项目备案', unit_id: null })
      .execute();

    // A day not asked before: the dashboard is computed afresh.
    const lag = laggingOf(await get<Dashboard>('/api/dashboard?asOf=2026-04-07'), a.id);
    expect(lag).toMatchObject({ light: 'red', reportOverdue: false, behindPoints: null });
    expect(lag.reasons.map((r) => [r.kind, r.light, r.text])).toEqual([
      ['milestone', 'red', '节点“完成新能源材料项目备案”应于 4月1日前完成，尚未完成'],
      ['target', 'yellow', '“年内新增营收18亿元”完成 1 亿元，为目标的 5.6%，落后时序进度 21.0 个百分点'],
      // The unit rated it 正常推进: the opposite of red, noted for the office to check.
      ['confidence', 'none', '单位自评“正常推进”，与指标和节点的情况相反，请核实'],
    ]);
    expect(lag.reasons[0]).toMatchObject({ milestone: '完成新能源材料项目备案', dueOn: '2026-04-01' });
    const status = await get<Status>(`/api/tasks/${a.id}/status?asOf=2026-04-07`);
    expect(status.reasons).toEqual(lag.reasons);
  });
});
