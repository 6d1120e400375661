/**
 * Target changes through the HTTP API, on both databases: the answers'
 * shapes, the buttons (`actions`) the client renders, the Chinese messages of
 * the schema and of the rules, a stale version answered with the targets as
 * they now are, and the lead leader's desk (GET /api/target-changes?awaiting=me).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { taskNumbered } from '../workplan/people.js';
import { activeTargets, beforeFirstRound, footprint } from './targets-world.js';

interface TargetsAnswer {
  taskId: number;
  changesNeedApproval: boolean;
  targets: { id: number; version: number; metric: string; measured: boolean; scope: string; pendingRequestId: number | null }[];
  pending: { id: number }[];
  actions: string[];
}
interface Outcome {
  outcome: 'applied' | 'requested';
  request: { id: number; version: number; status: string; summary: string; actions: string[] } | null;
  targets: TargetsAnswer;
}

describeEachDatabase('target changes through the API', (getUrl) => {
  const fx = useApiFixture(getUrl);
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });

  it('changes a target at once before the first round, refusing bad input in Chinese and a stale version with the current targets', async () => {
    const app = fx().app;
    const taskId = await taskNumbered(fx(), 18); // hosted by 区发展和改革局, led by 闵晓川
    await beforeFirstRound(fx(), taskId);
    const read = await call(app, s.office, 'GET', `/api/tasks/${taskId}/targets`);
    expect(read.statusCode, read.body).toBe(200);
    const before = read.json<TargetsAnswer>();
    expect(before).toMatchObject({ taskId, changesNeedApproval: false, pending: [], actions: ['target.change'] });
    expect((await call(app, s.leader, 'GET', `/api/tasks/${taskId}/targets`)).json<TargetsAnswer>().actions).toEqual([]);
    const [target] = before.targets;
    if (!target) throw new Error('task 18 has targets');

    const untouched = await footprint(fx(), taskId);
    const bad = async (body: object, status: number, code: string) => {
      const res = await call(app, s.office, 'PATCH', `/api/targets/${target.id}`, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(errorOf(res).code).toBe(code);
      expect(errorOf(res).message).toMatch(CHINESE);
      return errorOf(res);
    };
    await bad({ version: target.version, kind: 'percentage', reason: '改类型' }, 400, 'invalid_request');
    await bad({ version: target.version, value: 1e13, reason: '改数值' }, 400, 'invalid_request');
    await bad({ version: target.version, measured: false, owner: 3, reason: '认领' }, 400, 'invalid_request');
    await bad({ version: target.version, measured: false }, 400, 'reason_required');
    await bad({ version: target.version, owners: [fx().units.b.id], reason: '认领' }, 400, 'invalid_target');
    const stale = await bad({ version: target.version + 5, measured: false, reason: '不衡量' }, 409, 'version_conflict');
    expect((stale.details as { current: TargetsAnswer }).current.targets.find((t) => t.id === target.id)?.version).toBe(target.version);
    expect(await footprint(fx(), taskId)).toEqual(untouched);

    const ok = await call(app, s.office, 'PATCH', `/api/targets/${target.id}`, { version: target.version, measured: false, reason: '属能力建设，不亮灯。' });
    expect(ok.statusCode, ok.body).toBe(200);
    const applied = ok.json<Outcome>();
    expect(applied).toMatchObject({ outcome: 'applied', request: null });
    expect(applied.targets.targets.find((t) => t.id === target.id)).toMatchObject({ measured: false, version: target.version + 1 });
    const task = await call(app, s.observer, 'GET', `/api/tasks/${taskId}`);
    expect(task.json<{ targets: { id: number; measured: boolean }[] }>().targets.find((t) => t.id === target.id)?.measured).toBe(false);
    const history = await call(app, s.liaisonB, 'GET', `/api/tasks/${taskId}/targets/history`);
    expect(history.json()).toMatchObject({
      taskId,
      revisions: [{ targetId: target.id, change: 'exclude', actor: expect.any(String) as unknown, requestId: null }],
      requests: [],
    });
  });

  it('after the first round, proposes, lists on the leader’s desk, and approves without a body', async () => {
    const app = fx().app;
    const taskId = fx().tasks.a.id; // hosted by unit A, led by 闵晓川
    const [target] = await activeTargets(fx(), taskId);
    if (!target) throw new Error('task a has targets');
    const added = await call(app, s.office, 'POST', `/api/tasks/${taskId}/targets`, {
      target: { metric: '新增规上工业企业', kind: 'count', value: 12, unit: '家' },
      reason: '区政府常务会议增列。',
    });
    expect(added.statusCode, added.body).toBe(200);
    const proposed = added.json<Outcome>();
    expect(proposed).toMatchObject({
      outcome: 'requested',
      request: { status: 'pending', summary: '新增指标“新增规上工业企业”（12家，按时序进度衡量）', actions: ['target.change'] },
    });
    expect(proposed.targets.changesNeedApproval).toBe(true);
    expect(proposed.targets.targets.map((t) => t.metric)).not.toContain('新增规上工业企业');
    const id = proposed.request?.id ?? 0;

    const desk = await call(app, s.leader, 'GET', '/api/target-changes?awaiting=me');
    expect(desk.json<{ items: { id: number; actions: string[] }[] }>().items.find((r) => r.id === id)).toMatchObject({ actions: ['target.decide'] });
    expect((await call(app, s.office, 'GET', '/api/target-changes?awaiting=me')).json<{ items: { id: number }[] }>().items.map((r) => r.id)).not.toContain(id);
    const listed = await call(app, s.observer, 'GET', `/api/target-changes?taskId=${taskId}&status=pending`);
    expect(listed.json<{ items: { id: number; actions: string[] }[] }>().items.find((r) => r.id === id)?.actions).toEqual([]);

    const refused = await call(app, s.headA, 'POST', `/api/target-changes/${id}/approve`);
    expect(refused.statusCode).toBe(403);
    const rejectBlank = await call(app, s.leader, 'POST', `/api/target-changes/${id}/reject`, { comment: '' });
    expect(rejectBlank.statusCode).toBe(400);
    const approved = await call(app, s.leader, 'POST', `/api/target-changes/${id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ id, status: 'approved', decisionComment: null, actions: [] });
    const after = (await call(app, s.observer, 'GET', `/api/tasks/${taskId}/targets`)).json<TargetsAnswer>();
    expect(after.targets.at(-1)).toMatchObject({ metric: '新增规上工业企业', measured: true, pendingRequestId: null });
    const history = (await call(app, s.observer, 'GET', `/api/tasks/${taskId}/targets/history`)).json<{ revisions: { change: string; requestId: number }[] }>();
    expect(history.revisions[0]).toMatchObject({ change: 'add', requestId: id });
  });
});
