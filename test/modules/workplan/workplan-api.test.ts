/**
 * Work plans and extension requests through the HTTP API: the answers'
 * shapes, the buttons (`actions`) the client renders, the Chinese messages of
 * the rules, and steps sent without a body.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, signInEveryone, useApiFixture, type PersonKey, type Session } from '../../server/api-fixture.js';
import { movableClock } from '../support.js';
import { targetsOf } from './people.js';

describeEachDatabase('work plans through the API', (getUrl) => {
  // The government's 29 November 2026: extensions are asked for dates after it.
  const fx = useApiFixture(getUrl, { clock: movableClock('2026-11-29T02:00:00.000Z') });
  let s: Record<PersonKey | 'admin', Session>;
  beforeAll(async () => {
    s = await signInEveryone(fx().app);
  });

  it('files, submits and approves a plan, each answer carrying what the caller may do next', async () => {
    const app = fx().app;
    const taskId = fx().tasks.a.id;
    const created = await call(app, s.liaisonA, 'POST', `/api/tasks/${taskId}/workplans`);
    expect(created.statusCode, created.body).toBe(200);
    const plan = created.json<{ id: number; version: number; status: string; actions: string[] }>();
    expect(plan).toMatchObject({ status: 'draft', revision: 1, actions: ['workplan.write'], milestones: [], values: [], coParts: [] });

    const [target] = await targetsOf(fx(), taskId);
    const late = await call(app, s.liaisonA, 'PATCH', `/api/workplans/${plan.id}`, {
      version: plan.version,
      values: [{ targetId: target?.id, periodEnd: '2027-01-31', value: 1 }],
    });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).code).toBe('outside_plan_year');
    expect(errorOf(late).message).toMatch(CHINESE);

    const edited = await call(app, s.liaisonA, 'PATCH', `/api/workplans/${plan.id}`, {
      version: plan.version,
      measures: '建立链长制。',
      milestones: [{ dueOn: '2026-06-30', title: '项目开工', unitId: null }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, measures: '建立链长制。', milestones: [{ dueOn: '2026-06-30', title: '项目开工', unitId: null }] });
    const stale = await call(app, s.headA, 'PATCH', `/api/workplans/${plan.id}`, { version: 1, measures: '旧稿' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');

    const headView = await call(app, s.headA, 'GET', `/api/workplans/${plan.id}`);
    expect(headView.json()).toMatchObject({ actions: ['workplan.write', 'workplan.submit'] });
    const submitted = await call(app, s.headA, 'POST', `/api/workplans/${plan.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', actions: [] });
    const approved = await call(app, s.leader, 'POST', `/api/workplans/${plan.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decisionComment: null });

    const again = await call(app, s.liaisonA, 'POST', `/api/tasks/${taskId}/workplans`, {});
    expect(again.statusCode).toBe(200);
    const open = await call(app, s.headA, 'POST', `/api/tasks/${taskId}/workplans`, {});
    expect(open.statusCode).toBe(409);
    expect(errorOf(open).code).toBe('workplan_open');
    const listed = await call(app, s.observer, 'GET', `/api/tasks/${taskId}/workplans`);
    expect(listed.json<{ items: { revision: number; status: string }[] }>().items.map((p) => [p.revision, p.status])).toEqual([[1, 'approved']]);
  });

  it('asks for an extension and approves it: the task’s deadline and its text change', async () => {
    const app = fx().app;
    const taskId = fx().tasks.a.id;
    const asked = await call(app, s.headA, 'POST', `/api/tasks/${taskId}/extensions`, { reason: '设备到货延迟。', newDeadline: '2027-06-30' });
    expect(asked.statusCode, asked.body).toBe(200);
    const request = asked.json<{ id: number }>();
    expect(request).toMatchObject({ status: 'pending', fromDeadline: '2026-12-31', toDeadline: '2027-06-30', actions: [] });
    const twice = await call(app, s.liaisonA, 'POST', `/api/tasks/${taskId}/extensions`, { reason: '再次申请。', newDeadline: '2027-09-30' });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe('extension_pending');
    const listed = await call(app, s.leader, 'GET', `/api/extensions?taskId=${taskId}&status=pending`);
    expect(listed.json()).toMatchObject({ items: [{ id: request.id, actions: ['extension.decide'] }] });
    const approved = await call(app, s.leader, 'POST', `/api/extensions/${request.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const task = await call(app, s.observer, 'GET', `/api/tasks/${taskId}`);
    expect(task.json()).toMatchObject({ deadline: '2027-06-30', deadlineText: '2027年6月30日前（延期）' });
  });
});
