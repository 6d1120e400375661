/**
 * The reporting flow through the services, on both databases: a round is
 * opened, the unit drafts, its head approves, the host unit's head submits,
 * the office returns and later accepts. Every step leaves an event and an
 * audit row; a refused step leaves nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../../src/modules/report/report-steps.js';
import { getReport, listVisibleReports } from '../../../src/modules/report/report.service.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { PEOPLE, uniqueName, useApiFixture, type ApiFixture, type PersonKey } from '../../server/api-fixture.js';

const CO_UNIT = '区发展和改革局';

async function actorOf(fx: ApiFixture, username: string): Promise<Actor> {
  const u = await fx.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return {
    governmentId: fx.governmentId,
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    unitId: u.unit_id,
    leaderId: u.leader_id,
    ip: '10.0.0.1',
  };
}

/** Everything a step could write: a refused step must leave all of it as it was. */
async function footprint(fx: ApiFixture, reportId: number) {
  const db = fx.store.db;
  return {
    report: await db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow(),
    values: await db.selectFrom('report_values').selectAll().where('report_id', '=', reportId).orderBy('target_id').execute(),
    events: (await db.selectFrom('report_events').select('id').where('report_id', '=', reportId).execute()).length,
    audit: (await db.selectFrom('audit_log').select('id').execute()).length,
  };
}

describeEachDatabase('the reporting flow', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const as: Partial<Record<PersonKey | 'coLiaison' | 'coHead', Actor>> = {};
  const who = (key: keyof typeof as): Actor => {
    const a = as[key];
    if (!a) throw new Error(`no actor ${key}`);
    return a;
  };
  /** A fresh ad hoc round, so that each test starts from new drafts. */
  const openRound = async (): Promise<number> =>
    (
      await roundOpener.open(fx().store.db, who('office'), {
        planId: fx().planId,
        kind: 'adhoc',
        label: uniqueName('专项调度'),
        periodEnd: '2026-05-31',
        dueOn: '2026-06-05',
      })
    ).round.id;
  const reportIn = async (roundId: number, taskId: number, unitId: number): Promise<number> =>
    (
      await fx()
        .store.db.selectFrom('reports')
        .select('id')
        .where('round_id', '=', roundId)
        .where('task_id', '=', taskId)
        .where('unit_id', '=', unitId)
        .executeTakeFirstOrThrow()
    ).id;
  const targetsOf = async (taskId: number): Promise<number[]> =>
    (await fx().store.db.selectFrom('targets').select('id').where('task_id', '=', taskId).orderBy('id').execute()).map((t) => t.id);
  const coUnitId = async (): Promise<number> => (await fx().store.db.selectFrom('units').select('id').where('name', '=', CO_UNIT).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    for (const key of ['office', 'leader', 'headA', 'liaisonA', 'liaisonB', 'observer'] as const) as[key] = await actorOf(fx(), PEOPLE[key].username);
    const operator = fx().operator;
    await createUser(fx().store.db, operator, { username: 'fgj_lly', role: 'liaison', unitName: CO_UNIT, password: 'Lh-21-Strong!Pass9' });
    await createUser(fx().store.db, operator, { username: 'fgj_head', role: 'head', unitName: CO_UNIT, password: 'Lh-22-Strong!Pass9' });
    as.coLiaison = await actorOf(fx(), 'fgj_lly');
    as.coHead = await actorOf(fx(), 'fgj_head');
  });

  it('opens a round with one draft per responsible unit of each active task, in one audited transaction', async () => {
    const db = fx().store.db;
    const auditBefore = (await db.selectFrom('audit_log').select('id').execute()).length;
    const label = uniqueName('专项');
    const opened = await roundOpener.open(db, who('office'), { planId: fx().planId, kind: 'adhoc', label, periodEnd: '2026-05-31', dueOn: '2026-06-05' });
    // Each unit a task names owes a report, and for a unit group (各镇街) each of its members, once per task.
    const named = await db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .innerJoin('units', 'units.id', 'task_units.unit_id')
      .select(['task_units.task_id', 'task_units.unit_id', 'units.kind'])
      .where('tasks.plan_id', '=', fx().planId)
      .where('tasks.status', '=', 'active')
      .execute();
    const members = await db.selectFrom('unit_group_members').select(['group_id', 'member_id']).execute();
    const owed = new Set(
      named.flatMap((n) =>
        (n.kind === 'group' ? members.filter((m) => m.group_id === n.unit_id).map((m) => m.member_id) : [n.unit_id]).map((unit) => `${n.task_id}:${unit}`),
      ),
    );
    const reports = await db.selectFrom('reports').selectAll().where('round_id', '=', opened.round.id).execute();
    expect(new Set(reports.map((r) => `${r.task_id}:${r.unit_id}`))).toEqual(owed);
    expect(reports).toHaveLength(owed.size);
    expect(opened.reports).toBe(owed.size);
    expect(reports.every((r) => r.status === 'draft' && r.return_count === 0 && r.version === 1)).toBe(true);
    const audit = await db.selectFrom('audit_log').selectAll().where('id', '>', 0).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect((await db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore + 1);
    expect(audit).toMatchObject({ action: 'round.open', object_type: 'round', object_id: String(opened.round.id), actor_username: PEOPLE.office.username });

    // The same period twice, or a liaison opening a round: refused, nothing written.
    await expect(
      roundOpener.open(db, who('office'), { planId: fx().planId, kind: 'adhoc', label, periodEnd: '2026-05-31', dueOn: '2026-06-05' }),
    ).rejects.toMatchObject({ status: 409, code: 'round_exists' });
    await expect(
      roundOpener.open(db, who('liaisonA'), { planId: fx().planId, kind: 'monthly', label: '2026-07', periodEnd: '2026-07-31', dueOn: '2026-08-05' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      roundOpener.open(db, who('office'), { planId: fx().planId, kind: 'monthly', label: '三月', periodEnd: '2026-03-31', dueOn: '2026-04-05' }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore + 1);
    expect(await db.selectFrom('rounds').select('id').where('label', 'in', [label, '2026-07', '三月']).execute()).toHaveLength(1);
  });

  it('walks draft → approve → submit → return → redraft → approve → submit → accept, with events, audit rows and times', async () => {
    const db = fx().store.db;
    const roundId = await openRound();
    const id = await reportIn(roundId, fx().tasks.a.id, fx().units.a.id);
    const auditBefore = (await db.selectFrom('audit_log').select('id').execute()).length;
    const [t1 = 0, t2 = 0] = await targetsOf(fx().tasks.a.id);

    let r = await updateDraft(db, who('liaisonA'), id, {
      version: 1,
      progress: '新能源材料产业集群已落地项目 3 个。',
      problems: '用地指标紧张。',
      nextSteps: '二季度完成土地报批。',
      confidence: 'at_risk',
      confidenceReason: '用地审批进度慢于预期',
      values: [
        { targetId: t1, value: 4.5 },
        { targetId: t2, value: 2.25 },
      ],
    });
    expect(r).toMatchObject({
      status: 'draft',
      version: 2,
      authorId: who('liaisonA').userId,
      values: [
        { targetId: t1, value: 4.5 },
        { targetId: t2, value: 2.25 },
      ],
    });
    r = await approveReport(db, who('headA'), id, {});
    expect(r).toMatchObject({ status: 'approved', approvedBy: who('headA').userId });
    expect(r.approvedAt).toBeTruthy();
    r = await submitReport(db, who('headA'), id, {});
    expect(r.status).toBe('submitted');
    expect(r.submittedAt).toBeTruthy();
    r = await returnReport(db, who('office'), id, { comment: '请补充营收数据的统计口径。' });
    expect(r).toMatchObject({ status: 'returned', returnCount: 1 });
    expect(r.returnedAt).toBeTruthy();

    r = await updateDraft(db, who('liaisonA'), id, { version: r.version, progress: '新能源材料产业集群已落地项目 3 个（按规上企业口径）。' });
    expect(r).toMatchObject({ status: 'draft', returnCount: 1 });
    await approveReport(db, who('headA'), id, {});
    await submitReport(db, who('headA'), id, {});
    r = await acceptReport(db, who('office'), id, {});
    expect(r).toMatchObject({ status: 'accepted', returnCount: 1, version: 9 });
    expect(r.acceptedAt).toBeTruthy();
    expect(r.events.map((e) => e.action)).toEqual(['edit', 'approve', 'submit', 'return', 'edit', 'approve', 'submit', 'accept']);
    expect(r.events.find((e) => e.action === 'return')?.comment).toBe('请补充营收数据的统计口径。');

    const audit = await db.selectFrom('audit_log').selectAll().where('object_type', '=', 'report').where('object_id', '=', String(id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'report.edit',
      'report.approve',
      'report.submit',
      'report.return',
      'report.edit',
      'report.approve',
      'report.submit',
      'report.accept',
    ]);
    expect((await db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore + 8);
    expect(audit[3]?.after).toContain('请补充营收数据的统计口径。');
  });

  it('keeps a draft to its unit, reviewers and the office, and opens it to everyone once accepted (comments stay private)', async () => {
    const db = fx().store.db;
    const roundId = await openRound();
    const id = await reportIn(roundId, fx().tasks.a.id, fx().units.a.id);
    const visibleTo = async (key: keyof typeof as): Promise<boolean> => (await listVisibleReports(db, who(key), { roundId })).some((r) => r.id === id);

    await updateDraft(db, who('liaisonA'), id, { version: 1, progress: '推进中。', confidence: 'on_track' });
    for (const key of ['office', 'leader', 'headA', 'liaisonA'] as const) {
      expect(await visibleTo(key), key).toBe(true);
      await expect(getReport(db, who(key), id)).resolves.toMatchObject({ id });
    }
    for (const key of ['liaisonB', 'observer'] as const) {
      expect(await visibleTo(key), key).toBe(false);
      await expect(getReport(db, who(key), id), key).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(updateDraft(db, who('liaisonB'), id, { version: 2, progress: '冒名填写' })).rejects.toBeInstanceOf(ForbiddenError);

    await approveReport(db, who('headA'), id, {});
    await submitReport(db, who('headA'), id, {});
    await returnReport(db, who('office'), id, { comment: '内部意见：数据待核。' });
    const again = await getReport(db, who('liaisonA'), id);
    await updateDraft(db, who('liaisonA'), id, { version: again.version, progress: '推进中，数据已核。' });
    await approveReport(db, who('headA'), id, {});
    await submitReport(db, who('headA'), id, {});
    await acceptReport(db, who('office'), id, {});

    for (const key of ['liaisonB', 'observer'] as const) {
      expect(await visibleTo(key), key).toBe(true);
      const seen = await getReport(db, who(key), id);
      expect(seen.status).toBe('accepted');
      expect(
        seen.events.every((e) => e.comment === null),
        'review comments stay with the unit and its reviewers',
      ).toBe(true);
    }
    expect((await getReport(db, who('liaisonA'), id)).events.some((e) => e.comment === '内部意见：数据待核。')).toBe(true);
  });

  it('lets nobody approve their own draft, and writes nothing when a step is refused', async () => {
    const db = fx().store.db;
    const roundId = await openRound();
    const id = await reportIn(roundId, fx().tasks.a.id, fx().units.a.id);
    await updateDraft(db, who('headA'), id, { version: 1, progress: '负责人亲自填写。', confidence: 'on_track' });
    const [foreignTarget = 0] = await targetsOf(fx().tasks.b.id);
    const before = await footprint(fx(), id);
    await expect(approveReport(db, who('headA'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveReport(db, who('liaisonA'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitReport(db, who('headA'), id, {})).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    await expect(acceptReport(db, who('office'), id, {})).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    await expect(updateDraft(db, who('liaisonA'), id, { version: 2, values: [{ targetId: foreignTarget, value: 3 }] })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_target',
    });
    expect(await footprint(fx(), id)).toEqual(before);
    // Someone else of the reviewers may: the task's lead leader.
    await expect(approveReport(db, who('leader'), id, {})).resolves.toMatchObject({ status: 'approved' });
  });

  it('refuses a stale version with 409 and the current report, changing nothing', async () => {
    const db = fx().store.db;
    const roundId = await openRound();
    const id = await reportIn(roundId, fx().tasks.a.id, fx().units.a.id);
    await updateDraft(db, who('liaisonA'), id, { version: 1, progress: '第一稿' });
    const before = await footprint(fx(), id);
    const stale = updateDraft(db, who('headA'), id, { version: 1, progress: '基于旧版本的修改' });
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'version_conflict', details: { current: { id, version: 2, progress: '第一稿' } } });
    expect(await footprint(fx(), id)).toEqual(before);
  });

  it('passes a co-unit’s approved input to the host unit; only the host submits', async () => {
    const db = fx().store.db;
    const roundId = await openRound();
    const id = await reportIn(roundId, fx().tasks.a.id, await coUnitId());
    await updateDraft(db, who('coLiaison'), id, { version: 1, progress: '配合完成项目备案。', confidence: 'on_track' });
    await expect(getReport(db, who('liaisonA'), id), 'a draft stays with the co-unit').rejects.toBeInstanceOf(ForbiddenError);
    await approveReport(db, who('coHead'), id, {});
    await expect(getReport(db, who('liaisonA'), id)).resolves.toMatchObject({ role: 'co', status: 'approved' });
    await expect(getReport(db, who('liaisonB'), id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitReport(db, who('coHead'), id, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});
