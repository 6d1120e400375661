/**
 * Extension requests (延期申请) through the service, on both databases: the
 * host unit asks for a later deadline with a reason, the lead leader decides
 * (the office for a task without one). An approval moves the task's deadline
 * in the same transaction, each change with its audit row; a refusal or a
 * failure changes nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { extensionService as extensions } from '../../../src/modules/extension/extension.service.js';
import { changeTask } from '../../../src/modules/task/task.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { movableClock } from '../support.js';
import { useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import { actorNamed, auditCount, everyone, taskNumbered, withoutLeaders, type Who } from '../workplan/people.js';

async function footprint(fx: ApiFixture, taskId: number) {
  const db = fx.store.db;
  return {
    task: await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow(),
    requests: await db.selectFrom('extension_requests').selectAll().where('task_id', '=', taskId).orderBy('id').execute(),
    audit: await auditCount(fx),
  };
}

describeEachDatabase('extension requests (延期申请)', (getUrl) => {
  const fx = useApiFixture(getUrl);
  // 2026-11-29 10:00 in 临河 (UTC+8).
  const clock = movableClock('2026-11-29T02:00:00.000Z');
  let as: Record<Who, Actor>;
  beforeAll(async () => {
    as = await everyone(fx());
  });
  const db = () => fx().store.db;
  const task = (id: number) => db().selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (type: string, id: number) =>
    db().selectFrom('audit_log').selectAll().where('object_type', '=', type).where('object_id', '=', String(id)).orderBy('seq').execute();

  it('moves the deadline when the lead leader approves, with the task’s version bumped and both changes audited', async () => {
    const taskId = await taskNumbered(fx(), 11); // hosted by unit B alone, led by 罗清禾, 年内 (2026-12-31)
    const before = await task(taskId);
    const r = await extensions.request(db(), as.liaisonB, taskId, { reason: '  跨境电商产业园主体工程受汛期影响顺延。 ', newDeadline: '2027-03-31' }, clock);
    expect(r).toMatchObject({
      taskId,
      unitId: fx().units.b.id,
      requestedBy: as.liaisonB.userId,
      reason: '跨境电商产业园主体工程受汛期影响顺延。',
      fromDeadline: '2026-12-31',
      toDeadline: '2027-03-31',
      status: 'pending',
      version: 1,
      actions: [],
    });
    await expect(extensions.request(db(), as.headB, taskId, { reason: '再申请一次', newDeadline: '2027-06-30' }, clock)).rejects.toMatchObject({
      status: 409,
      code: 'extension_pending',
    });

    const pendingSeenByLeader = (await extensions.list(db(), as.leaderLuo, { taskId })).find((x) => x.id === r.id);
    expect(pendingSeenByLeader?.actions).toEqual(['extension.decide']);
    clock.advance(86_400_000);
    const decided = await extensions.approve(db(), as.leaderLuo, r.id, { comment: '同意延期，请加快进度。' }, clock);
    expect(decided).toMatchObject({
      status: 'approved',
      decidedBy: as.leaderLuo.userId,
      decidedAt: clock().toISOString(),
      decisionComment: '同意延期，请加快进度。',
      version: 2,
      actions: [],
    });

    const after = await task(taskId);
    expect(after).toMatchObject({ deadline: '2027-03-31', deadline_text: '2027年3月31日前（延期）', version: before.version + 1 });
    expect((await auditOf('extension_request', r.id)).map((a) => a.action)).toEqual(['extension.request', 'extension.approve']);
    // The asking unit's head is told, once, linked to the task.
    const told = await db().selectFrom('notifications').selectAll().where('dedupe_key', '=', `extension:${r.id}:approve`).execute();
    expect(told.map((n) => n.user_id)).toContain(as.headB.userId);
    expect(told.every((n) => n.kind === 'extension_decision' && n.object_type === 'task' && n.object_id === taskId)).toBe(true);
    expect(told[0]?.body).toContain('2027-03-31');
    const taskAudit = (await auditOf('task', taskId)).at(-1);
    expect(taskAudit?.action).toBe('task.update');
    expect(JSON.parse(taskAudit?.before ?? '{}')).toEqual({ deadline: '2026-12-31', deadlineText: before.deadline_text });
    expect(JSON.parse(taskAudit?.after ?? '{}')).toEqual({ deadline: '2027-03-31', deadlineText: '2027年3月31日前（延期）', extensionRequestId: r.id });
    await expect(extensions.approve(db(), as.leaderLuo, r.id, {}, clock)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });

    // Decided, the next request may be made, and must go beyond the new deadline.
    await expect(extensions.request(db(), as.liaisonB, taskId, { reason: '再延', newDeadline: '2027-03-31' }, clock)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_deadline',
    });
    await expect(extensions.request(db(), as.liaisonB, taskId, { reason: '再延', newDeadline: '2027-04-30' }, clock)).resolves.toMatchObject({
      fromDeadline: '2027-03-31',
      status: 'pending',
    });
  });

  it('refuses a date that is not real, not later than today or not later than the deadline, and a blank reason, writing nothing', async () => {
    const taskId = await taskNumbered(fx(), 10); // hosted by unit B, 年内
    const before = await footprint(fx(), taskId);
    const refused = async (input: { reason: string; newDeadline: string }, words: RegExp) => {
      const err: unknown = await extensions.request(db(), as.liaisonB, taskId, input, clock).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toMatchObject({ status: 400 });
      expect((err as Error).message).toMatch(words);
    };
    await refused({ reason: '顺延', newDeadline: '2027-02-30' }, /不是有效日期/);
    await refused({ reason: '顺延', newDeadline: '2026-12-31' }, /应晚于现行完成时限 2026-12-31/);
    await refused({ reason: '顺延', newDeadline: '2026-12-15' }, /应晚于现行完成时限/);
    await refused({ reason: '   ', newDeadline: '2027-01-31' }, /延期理由/);
    expect(await footprint(fx(), taskId)).toEqual(before);

    // A task without a deadline: only later than today (the government's day, UTC+8).
    const [row] = await db().selectFrom('tasks').select('version').where('id', '=', taskId).execute();
    await changeTask(db(), as.office, taskId, { version: row?.version ?? 0, deadline: null, reason: '区政府要求不设时限' }, clock);
    const lateEvening = movableClock('2026-11-29T16:30:00.000Z'); // already 30 November in 临河
    await expect(extensions.request(db(), as.liaisonB, taskId, { reason: '顺延', newDeadline: '2026-11-30' }, lateEvening)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('今天（2026-11-30）') as unknown,
    });
    await expect(extensions.request(db(), as.liaisonB, taskId, { reason: '顺延', newDeadline: '2026-12-01' }, lateEvening)).resolves.toMatchObject({
      fromDeadline: null,
      toDeadline: '2026-12-01',
    });
  });

  it('is asked by the host unit only and decided by the lead leader, or by the office when the task has none; never by whoever asked', async () => {
    const led = fx().tasks.b.id; // hosted by unit B (and 区发展和改革局), led by 罗清禾
    const orphan = await taskNumbered(fx(), 14); // hosted by 区城市管理局
    await withoutLeaders(fx(), orphan);
    const before = await footprint(fx(), led);
    for (const who of ['office', 'leader', 'leaderLuo', 'liaisonA', 'headA', 'observer'] as const) {
      await expect(extensions.request(db(), as[who], led, { reason: '顺延', newDeadline: '2026-12-31' }, clock), who).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await footprint(fx(), led)).toEqual(before);

    const r = await extensions.request(db(), as.headB, led, { reason: '公铁联运货场征地未完成。', newDeadline: '2026-12-31' }, clock);
    for (const who of ['office', 'office2', 'leader', 'headB', 'liaisonB'] as const) {
      await expect(extensions.approve(db(), as[who], r.id, {}, clock), who).rejects.toBeInstanceOf(ForbiddenError);
      await expect(extensions.reject(db(), as[who], r.id, { comment: '不同意' }, clock), who).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await footprint(fx(), led)).audit).toBe(before.audit + 1);
    await expect(extensions.reject(db(), as.leaderLuo, r.id, { comment: '   ' }, clock)).rejects.toMatchObject({ status: 400 });
    const rejected = await extensions.reject(db(), as.leaderLuo, r.id, { comment: '征地问题请协调解决，时限不变。' }, clock);
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: '征地问题请协调解决，时限不变。' });
    expect((await task(led)).deadline, 'a rejection leaves the deadline').toBe(before.task.deadline);
    expect((await auditOf('extension_request', r.id)).map((a) => a.action)).toEqual(['extension.request', 'extension.reject']);

    // Nobody leads the task: the office decides.
    await createUser(db(), fx().operator, { username: 'cgj_lly', role: 'liaison', unitName: '区城市管理局', password: 'Lh-34-Strong!Pass9' });
    const cityLiaison = await actorNamed(fx(), 'cgj_lly');
    const o = await extensions.request(db(), cityLiaison, orphan, { reason: '设备到货延迟。', newDeadline: '2027-01-31' }, clock);
    await expect(extensions.approve(db(), as.leader, o.id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(extensions.approve(db(), as.office, o.id, {}, clock)).resolves.toMatchObject({ status: 'approved' });
    expect(await task(orphan)).toMatchObject({ deadline: '2027-01-31', deadline_text: '2027年1月31日前（延期）' });
  });

  it('keeps a pending request to the unit, the lead leader and the office, and shows decided ones to everyone', async () => {
    const taskId = await taskNumbered(fx(), 2); // hosted by unit A, led by 闵晓川
    const r = await extensions.request(db(), as.liaisonA, taskId, { reason: '专精特新申报推迟。', newDeadline: '2027-02-28' }, clock);
    const sees = async (who: Who): Promise<boolean> => (await extensions.list(db(), as[who], { taskId })).some((x) => x.id === r.id);
    for (const who of ['office', 'leader', 'headA', 'liaisonA'] as const) expect(await sees(who), who).toBe(true);
    for (const who of ['liaisonB', 'observer', 'leaderLuo', 'sysadmin'] as const) expect(await sees(who), who).toBe(false);
    expect((await extensions.list(db(), as.leader, { status: 'pending' })).map((x) => x.id)).toContain(r.id);
    expect((await extensions.list(db(), as.leader, { status: 'approved' })).map((x) => x.id)).not.toContain(r.id);
    await extensions.approve(db(), as.leader, r.id, {}, clock);
    for (const who of ['liaisonB', 'observer', 'leaderLuo', 'sysadmin'] as const) expect(await sees(who), who).toBe(true);
  });

  it('fails as a whole: an approval the task has overtaken changes nothing; two decisions at once give one success and one 409', async () => {
    const taskId = await taskNumbered(fx(), 4); // hosted by unit A, led by 闵晓川, 年内
    const r = await extensions.request(db(), as.headA, taskId, { reason: '数字化车间验收推迟。', newDeadline: '2027-01-31' }, clock);
    const [row] = await db().selectFrom('tasks').select('version').where('id', '=', taskId).execute();
    await changeTask(db(), as.office, taskId, { version: row?.version ?? 0, deadline: '2027-03-31', reason: '区政府常务会议决定顺延' }, clock);
    const before = await footprint(fx(), taskId);
    await expect(extensions.approve(db(), as.leader, r.id, {}, clock)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await footprint(fx(), taskId)).toEqual(before);
    await extensions.reject(db(), as.leader, r.id, { comment: '时限已另行调整。' }, clock);

    const s = await extensions.request(db(), as.liaisonA, taskId, { reason: '再顺延一个月。', newDeadline: '2027-04-30' }, clock);
    const results = await Promise.allSettled([
      extensions.approve(db(), as.leader, s.id, {}, clock),
      extensions.reject(db(), as.leader, s.id, { comment: '不同意。' }, clock),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((x) => x.status === 'rejected');
    expect(failed?.status === 'rejected' ? failed.reason : null).toMatchObject({ status: 409 });
    const final = await footprint(fx(), taskId);
    const won = final.requests.find((x) => x.id === s.id)?.status;
    expect(final.task.deadline).toBe(won === 'approved' ? '2027-04-30' : '2027-03-31');
  });
});
