/**
 * 销号 (closing a task as done) and reopening it, on both databases: the
 * office alone decides, usually on the host unit's proposal; a completed task
 * owes no report in the rounds opened after it.
 */
import { expect, it } from 'vitest';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import { updateDraft } from '../../../src/modules/report/report-steps.js';
import { completeTask, reopenTask } from '../../../src/modules/task/task.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInAs, useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { auditOf, openRound, useActors } from '../attachment/world.js';

const taskRow = (fx: ApiFixture, id: number) => fx.store.db.selectFrom('tasks').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const reportsOfTask = async (fx: ApiFixture, roundId: number, taskId: number): Promise<number> =>
  (await fx.store.db.selectFrom('reports').select('id').where('round_id', '=', roundId).where('task_id', '=', taskId).execute()).length;

describeEachDatabase('closing a task (销号)', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const who = useActors(fx);

  it('lets the office close an active task on the unit’s proposal, with a new version and an audit row', async () => {
    const db = fx().store.db;
    const taskId = fx().tasks.b.id;
    // The host unit proposes it in its report; the proposal is on the report for the office to see.
    const proposed = await updateDraft(db, who('liaisonB'), fx().reports.b, {
      version: (await db.selectFrom('reports').select('version').where('id', '=', fx().reports.b).executeTakeFirstOrThrow()).version,
      proposeComplete: true,
    });
    expect(proposed.proposeComplete).toBe(true);

    const before = await taskRow(fx(), taskId);
    const closed = await completeTask(db, who('office'), taskId, { comment: '年度目标已全部完成，同意销号。' });
    expect(closed).toMatchObject({ id: taskId, status: 'completed', version: before.version + 1 });
    const [audit] = await auditOf(fx(), 'task.complete', taskId);
    expect(audit?.actor_username).toBe(who('office').username);
    expect(JSON.parse(audit?.before ?? '{}')).toEqual({ status: 'active', version: before.version });
    expect(JSON.parse(audit?.after ?? '{}')).toEqual({ status: 'completed', comment: '年度目标已全部完成，同意销号。' });

    // A completed task owes no report in a new round; the others still do.
    const roundId = await openRound(fx(), who('office'));
    expect(await reportsOfTask(fx(), roundId, taskId)).toBe(0);
    expect(await reportsOfTask(fx(), roundId, fx().tasks.a.id)).toBeGreaterThan(0);

    // Closing it again is refused; reopening brings it back, and the next round asks for its report again.
    await expect(completeTask(db, who('office'), taskId, { comment: '重复销号' })).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    const reopened = await reopenTask(db, who('office'), taskId, { comment: '经核查尚有收尾工作，恢复督办。' });
    expect(reopened).toMatchObject({ status: 'active', version: before.version + 2 });
    expect(JSON.parse((await auditOf(fx(), 'task.reopen', taskId))[0]?.after ?? '{}')).toEqual({ status: 'active', comment: '经核查尚有收尾工作，恢复督办。' });
    await expect(reopenTask(db, who('office'), taskId, { comment: '再次恢复' })).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await reportsOfTask(fx(), await openRound(fx(), who('office')), taskId)).toBeGreaterThan(0);
  });

  it('is the office’s decision alone, needs a comment, and writes nothing when refused', async () => {
    const db = fx().store.db;
    const taskId = fx().tasks.a.id;
    const before = { task: await taskRow(fx(), taskId), audit: (await auditOf(fx(), 'task.complete', taskId)).length };
    for (const key of ['leader', 'headA', 'liaisonA', 'observer', 'sysadmin'] as const) {
      await expect(completeTask(db, who(key), taskId, { comment: '提前销号' }), key).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(completeTask(db, who('office'), taskId, { comment: '  ' })).rejects.toMatchObject({ status: 400 });
    await expect(completeTask(db, who('office'), 999_999, { comment: '不存在的任务' })).rejects.toMatchObject({ status: 404 });
    expect({ task: await taskRow(fx(), taskId), audit: (await auditOf(fx(), 'task.complete', taskId)).length }).toEqual(before);
  });

  it('closes and reopens through the API', async () => {
    const office = await signInAs(fx().app, 'office');
    const headA = await signInAs(fx().app, 'headA');
    const url = `/api/tasks/${fx().tasks.a.id}`;
    expect((await call(fx().app, headA, 'POST', `${url}/complete`, { comment: '我单位认为已完成' })).statusCode).toBe(403);
    const done = await call(fx().app, office, 'POST', `${url}/complete`, { comment: '同意销号。' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: fx().tasks.a.id, status: 'completed' });
    expect((await call(fx().app, office, 'GET', url)).json()).toMatchObject({ status: 'completed' });
    const again = await call(fx().app, office, 'POST', `${url}/complete`, { comment: '同意销号。' });
    expect(again.statusCode).toBe(409);
    expect((await call(fx().app, office, 'POST', `${url}/reopen`, { comment: '恢复。' })).json()).toMatchObject({ status: 'active' });
    expect((await call(fx().app, office, 'POST', `${url}/reopen`, {})).statusCode).toBe(400);
  });
});
