/**
 * Issue 16's acceptance through the API, on SQLite and PostgreSQL: a city and two counties, the sample notice
 * in the city, an office in each; the city hands task 1 down with shares of its targets, each county sees it as
 * a task from above, neither county sees the other's, and the city's roll-up reads what a county accepted, as
 * of the date asked.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { roundOpener } from '../../src/modules/round/round.service.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { CHINESE, call, errorOf } from './api-fixture.js';
import { COUNTY_A, COUNTY_B, CITY, createGovernmentsFixture, type GovernmentsFixture } from './governments-fixture.js';

interface TaskItem {
  id: number;
  key: string;
  version: number;
  sourceTaskId: number | null;
  sourceGovernmentId: number | null;
  sourceGovernmentName: string | null;
  targets: { id: number; value: number | null; text: string }[];
}
interface Rollup {
  asOf: string;
  items: {
    governmentId: number;
    governmentName: string;
    taskId: number;
    light: string;
    completion: number | null;
    targets: { sourceTargetId: number; share: number | null; value: number | null }[];
    lastReport: unknown;
  }[];
  targets: { targetId: number; sharesTotal: number | null; combined: number | null; value: number | null }[];
}

describeEachDatabase('many governments', (getUrl) => {
  let fx: GovernmentsFixture;
  beforeAll(async () => {
    fx = await createGovernmentsFixture(getUrl());
  }, 120_000);
  afterAll(async () => fx.close());

  const shareTarget = () => {
    const t = fx.cityTask.targets.find((x) => x.combine === 'sum' && x.value !== null && x.scope === 'annual');
    if (!t) throw new Error('task 1 has no target that adds up');
    return t;
  };

  it('lists the governments each caller may see, never a sibling', async () => {
    const cityOffice = await fx.signIn('cityOffice');
    const names = async (key: string): Promise<string[]> => {
      const res = await call(fx.app, await fx.signIn(key), 'GET', '/api/governments');
      expect(res.statusCode).toBe(200);
      return res.json<{ items: { id: number; name: string; parentId: number | null }[] }>().items.map((g) => g.name);
    };
    const all = await call(fx.app, cityOffice, 'GET', '/api/governments');
    expect(all.json()).toEqual({
      items: [
        { id: fx.governments.city.id, name: CITY, parentId: null },
        { id: fx.governments.countyA.id, name: COUNTY_A, parentId: fx.governments.city.id },
        { id: fx.governments.countyB.id, name: COUNTY_B, parentId: fx.governments.city.id },
      ],
    });
    expect(await names('aOffice')).toEqual([CITY, COUNTY_A]);
    expect(await names('bOffice')).toEqual([CITY, COUNTY_B]);
    expect(await names('cityObserver')).toEqual([CITY]);
  });

  it('refuses shares that do not add up, saying by how much, and writes nothing', async () => {
    const office = await fx.signIn('cityOffice');
    const target = shareTarget();
    const value = target.value ?? 0;
    const res = await call(fx.app, office, 'POST', `/api/tasks/${fx.cityTask.id}/assignments`, {
      governmentIds: [fx.governments.countyA.id, fx.governments.countyB.id],
      shares: [
        { targetId: target.id, governmentId: fx.governments.countyA.id, value: value / 2 },
        { targetId: target.id, governmentId: fx.governments.countyB.id, value: value / 4 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('shares_do_not_add_up');
    expect(errorOf(res).message).toMatch(CHINESE);
    expect(errorOf(res).message).toContain(String(value));
    const missing = await call(fx.app, office, 'POST', `/api/tasks/${fx.cityTask.id}/assignments`, {
      governmentIds: [fx.governments.countyA.id, fx.governments.countyB.id],
      shares: [{ targetId: target.id, governmentId: fx.governments.countyA.id, value }],
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).code).toBe('shares_incomplete');
    expect(await fx.store.db.selectFrom('task_assignments').select('id').execute()).toEqual([]);
    expect(await fx.store.db.selectFrom('tasks').select('id').where('government_id', '!=', fx.governments.city.id).execute()).toEqual([]);
  });

  it('hands task 1 down to both counties; each county sees it from above, linked to the source', async () => {
    const office = await fx.signIn('cityOffice');
    const target = shareTarget();
    const value = target.value ?? 0;
    const res = await call(fx.app, office, 'POST', `/api/tasks/${fx.cityTask.id}/assignments`, {
      governmentIds: [fx.governments.countyA.id, fx.governments.countyB.id],
      shares: [
        { targetId: target.id, governmentId: fx.governments.countyA.id, value: value * 0.6 },
        { targetId: target.id, governmentId: fx.governments.countyB.id, value: value * 0.4 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json<{ items: { governmentId: number; taskId: number; shares: { targetId: number; value: number }[] }[] }>().items;
    expect(items.map((i) => i.governmentId)).toEqual([fx.governments.countyA.id, fx.governments.countyB.id]);
    expect(items[0]?.shares.find((s) => s.targetId === target.id)?.value).toBeCloseTo(value * 0.6);

    const again = await call(fx.app, office, 'POST', `/api/tasks/${fx.cityTask.id}/assignments`, { governmentIds: [fx.governments.countyA.id] });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('already_assigned');

    for (const [key, government, share] of [
      ['aOffice', fx.governments.countyA, value * 0.6],
      ['bOffice', fx.governments.countyB, value * 0.4],
    ] as const) {
      const list = await call(fx.app, await fx.signIn(key), 'GET', '/api/tasks');
      expect(list.statusCode).toBe(200);
      const tasks = list.json<{ items: TaskItem[] }>().items;
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ sourceTaskId: fx.cityTask.id, sourceGovernmentId: fx.governments.city.id, sourceGovernmentName: CITY });
      expect(tasks[0]?.targets.map((t) => t.value)).toContain(share);
      expect(items.find((i) => i.governmentId === government.id)?.taskId).toBe(tasks[0]?.id);
    }
  });

  it("keeps each county out of the other one and the city, and what came from above out of the county office's hands", async () => {
    const [aTask, bTask] = await lowerTasks();
    const aOffice = await fx.signIn('aOffice');
    for (const url of [`/api/tasks/${bTask.id}`, `/api/tasks/${fx.cityTask.id}`, `/api/tasks/${fx.cityTask.id}/rollup`, `/api/tasks/${bTask.id}/status`]) {
      const res = await call(fx.app, aOffice, 'GET', url);
      expect([403, 404], url).toContain(res.statusCode);
    }
    const other = await call(fx.app, aOffice, 'GET', `/api/governments/${fx.governments.countyB.id}/assigned`);
    expect([403, 404]).toContain(other.statusCode);
    const upward = await call(fx.app, aOffice, 'POST', `/api/tasks/${fx.cityTask.id}/assignments`, { governmentIds: [fx.governments.countyB.id] });
    expect([403, 404]).toContain(upward.statusCode);
    const change = await call(fx.app, aOffice, 'PATCH', `/api/tasks/${aTask.id}`, { version: aTask.version, text: '改写的任务', reason: '试图改写' });
    expect(change.statusCode).toBe(409);
    expect(errorOf(change).code).toBe('from_above');
    const cityOffice = await fx.signIn('cityOffice');
    const fromAbove = await call(fx.app, cityOffice, 'PATCH', `/api/tasks/${aTask.id}`, { version: aTask.version, text: '改写的任务', reason: '试图改写' });
    expect(fromAbove.statusCode).toBe(404);
  });

  it("rolls up both counties, and a county's accepted value appears as of the same date, not before", async () => {
    const [aTask] = await lowerTasks();
    const target = shareTarget();
    const cityOffice = await fx.signIn('cityOffice');
    const before = await call(fx.app, cityOffice, 'GET', `/api/tasks/${fx.cityTask.id}/rollup`);
    expect(before.statusCode).toBe(200);
    expect(
      before
        .json<Rollup>()
        .items.map((i) => i.governmentId)
        .sort(),
    ).toEqual([fx.governments.countyA.id, fx.governments.countyB.id].sort());

    // The county gives the task to its unit, opens a round, and the unit reports; the county's office accepts.
    const aOffice = await fx.signIn('aOffice');
    const owners = await call(fx.app, aOffice, 'PUT', `/api/tasks/${aTask.id}/owners`, {
      version: aTask.version,
      leaderIds: [fx.countyLeaderId],
      hostUnitIds: [fx.countyUnitId],
      coUnitIds: [],
    });
    expect(owners.statusCode, owners.body).toBe(200);
    const opened = await roundOpener.open(fx.store.db, systemActor(fx.governments.countyA.id, 'test-operator'), {
      planId: (await fx.store.db.selectFrom('tasks').select('plan_id').where('id', '=', aTask.id).executeTakeFirstOrThrow()).plan_id,
      kind: 'monthly',
      label: '2026-11',
      periodEnd: '2026-11-30',
      dueOn: '2026-12-05',
    });
    const report = await fx.store.db
      .selectFrom('reports')
      .select(['id', 'version'])
      .where('round_id', '=', opened.round.id)
      .where('task_id', '=', aTask.id)
      .executeTakeFirstOrThrow();
    const lowerTarget = aTask.targets.find((t) => t.text.startsWith(target.text));
    if (!lowerTarget) throw new Error('the share is not among the county task targets');
    const liaison = await fx.signIn('aLiaison');
    const drafted = await call(fx.app, liaison, 'PATCH', `/api/reports/${report.id}`, {
      version: report.version,
      progress: '已完成年度任务的一半。',
      confidence: 'on_track',
      values: [{ targetId: lowerTarget.id, value: 4 }],
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const head = await fx.signIn('aHead');
    const approved = await call(fx.app, head, 'POST', `/api/reports/${report.id}/approve`, { version: drafted.json<{ version: number }>().version });
    expect(approved.statusCode, approved.body).toBe(200);
    const submitted = await call(fx.app, head, 'POST', `/api/reports/${report.id}/submit`, { version: approved.json<{ version: number }>().version });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // Submitted, not yet accepted: the city reads nothing of it.
    const pending = (await call(fx.app, cityOffice, 'GET', `/api/tasks/${fx.cityTask.id}/rollup`)).json<Rollup>();
    expect(pending.items.find((i) => i.governmentId === fx.governments.countyA.id)?.targets.find((t) => t.sourceTargetId === target.id)?.value).toBeNull();

    const accepted = await call(fx.app, aOffice, 'POST', `/api/reports/${report.id}/accept`, { version: submitted.json<{ version: number }>().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const today = (await call(fx.app, cityOffice, 'GET', `/api/tasks/${fx.cityTask.id}/rollup`)).json<Rollup>();
    const itemA = today.items.find((i) => i.governmentId === fx.governments.countyA.id);
    expect(itemA?.targets.find((t) => t.sourceTargetId === target.id)).toMatchObject({ value: 4, share: (target.value ?? 0) * 0.6 });
    expect(itemA?.lastReport).not.toBeNull();
    expect(today.targets.find((t) => t.targetId === target.id)).toMatchObject({ combined: 4, sharesTotal: target.value });

    const yesterday = new Date(Date.parse(`${today.asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const earlier = (await call(fx.app, cityOffice, 'GET', `/api/tasks/${fx.cityTask.id}/rollup?asOf=${yesterday}`)).json<Rollup>();
    expect(earlier.asOf).toBe(yesterday);
    expect(earlier.items.find((i) => i.governmentId === fx.governments.countyA.id)?.lastReport).toBeNull();
    expect(earlier.targets.find((t) => t.targetId === target.id)?.combined ?? null).toBeNull();

    const leader = await fx.signIn('cityLeader');
    expect((await call(fx.app, leader, 'GET', `/api/tasks/${fx.cityTask.id}/rollup`)).statusCode).toBe(200);
    const byGovernment = await call(fx.app, cityOffice, 'GET', '/api/rollup');
    expect(byGovernment.statusCode).toBe(200);
    expect(byGovernment.json<{ items: { governmentId: number; tasks: number }[] }>().items.map((i) => [i.governmentId, i.tasks])).toEqual([
      [fx.governments.countyA.id, 1],
      [fx.governments.countyB.id, 1],
    ]);
    const assigned = await call(fx.app, cityOffice, 'GET', `/api/governments/${fx.governments.countyA.id}/assigned`);
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json<{ items: { sourceTaskId: number }[] }>().items.map((i) => i.sourceTaskId)).toEqual([fx.cityTask.id]);
  });

  it("proposes the county's own task that takes up the task from above, and the office confirms it", async () => {
    const [aTask] = await lowerTasks();
    // The county's own notice: here the sample again, so its first task answers the city's word for word.
    const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
    const units = readFileSync(samplePath('units.json'), 'utf8');
    await commitImport(fx.store, systemActor(fx.governments.countyA.id, 'test-operator'), { fileName: 'notice.txt', bytes, units });
    const aOffice = await fx.signIn('aOffice');
    const proposals = await call(fx.app, aOffice, 'GET', `/api/tasks/${aTask.id}/link-proposals`);
    expect(proposals.statusCode, proposals.body).toBe(200);
    const [best] = proposals.json<{ items: { taskId: number; text: string; score: number; reasons: string[]; linked: boolean }[] }>().items;
    expect(best?.text).toBe(fx.cityTask.text);
    expect(best?.reasons.join('')).toMatch(CHINESE);
    const own = (await call(fx.app, aOffice, 'GET', `/api/tasks/${aTask.id}/links`)).json<{ items: unknown[] }>();
    expect(own.items).toEqual([]);
    const confirmed = await call(fx.app, aOffice, 'PUT', `/api/tasks/${aTask.id}/links`, { taskIds: [best?.taskId] });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<{ items: { taskId: number }[] }>().items.map((i) => i.taskId)).toEqual([best?.taskId]);
    const wrong = await call(fx.app, aOffice, 'PUT', `/api/tasks/${aTask.id}/links`, { taskIds: [aTask.id] });
    expect(wrong.statusCode).toBe(400);
    const notAbove = await call(fx.app, aOffice, 'GET', `/api/tasks/${best?.taskId}/link-proposals`);
    expect(notAbove.statusCode).toBe(409);
    const rollup = (await call(fx.app, await fx.signIn('cityOffice'), 'GET', `/api/tasks/${fx.cityTask.id}/rollup`)).json<{
      items: { governmentId: number; linkedTasks: { taskId: number }[] }[];
    }>();
    expect(rollup.items.find((i) => i.governmentId === fx.governments.countyA.id)?.linkedTasks.map((l) => l.taskId)).toEqual([best?.taskId]);
  });

  it('keeps one audit chain per government, each whole, with the hand-down in both', async () => {
    expect((await verifyChain(fx.store.db)).broken).toBeNull();
    const actions = async (governmentId: number): Promise<string[]> =>
      (await fx.store.db.selectFrom('audit_log').select('action').where('government_id', '=', governmentId).execute()).map((r) => r.action);
    expect(await actions(fx.governments.city.id)).toContain('task.assign');
    expect(await actions(fx.governments.countyA.id)).toEqual(expect.arrayContaining(['task.receive', 'task.owners', 'task.link']));
    expect(await actions(fx.governments.countyB.id)).toContain('task.receive');
    expect(await actions(fx.governments.countyB.id)).not.toContain('task.owners');
  });

  async function lowerTasks(): Promise<[TaskItem, TaskItem]> {
    const fromAbove = async (key: string): Promise<TaskItem | undefined> =>
      (await call(fx.app, await fx.signIn(key), 'GET', '/api/tasks')).json<{ items: TaskItem[] }>().items.find((t) => t.sourceTaskId !== null);
    const a = await fromAbove('aOffice');
    const b = await fromAbove('bOffice');
    if (!a || !b) throw new Error('the counties have no task from above');
    return [a, b];
  }
});
