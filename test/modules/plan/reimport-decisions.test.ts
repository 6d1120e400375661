/**
 * A revised notice never silently undoes a decision, on both databases: an
 * extension approved, a text the office corrected, a task closed as done
 * (销号). The preview lists each conflict in Chinese and keeps the decision;
 * the office may take the notice's value conflict by conflict (`override`),
 * and the import's audit row says what it kept and what it replaced.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { extensionService as extensions } from '../../../src/modules/extension/extension.service.js';
import { completeTask } from '../../../src/modules/task/task.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, signInAs, taskVersion, useApiFixture, type Session } from '../../server/api-fixture.js';
import { movableClock } from '../support.js';
import { everyone, taskNumbered, type Who } from '../workplan/people.js';

interface Conflict {
  key: string;
  taskNumber: number;
  field: string;
  decision: string;
  current: string | null;
  notice: string | null;
  kept: boolean;
  message: string;
}

describeEachDatabase('re-importing a revised notice over decisions', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const clock = movableClock('2026-11-29T02:00:00.000Z');
  let as: Record<Who, Actor>;
  let office: Session;
  beforeAll(async () => {
    as = await everyone(fx());
    office = await signInAs(fx().app, 'office');
  });
  const db = () => fx().store.db;
  const task = (id: number) => db().selectFrom('tasks').select(['text', 'deadline', 'deadline_text', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  const lastAudit = async (action: string, objectId?: number) => {
    let q = db().selectFrom('audit_log').selectAll().where('action', '=', action);
    if (objectId !== undefined) q = q.where('object_id', '=', String(objectId));
    return q.orderBy('seq', 'desc').executeTakeFirst();
  };

  /** The sample notice with task 1's revenue target set to `revenue` and task 24 dropped. */
  const revised = (revenue: number) => {
    const text = Buffer.from(fx().upload.content, 'base64').toString('utf8').replace('年内新增营收18亿元', `年内新增营收${revenue}亿元`);
    const content = Buffer.from(
      text
        .split('\n')
        .filter((l) => !l.startsWith('24.'))
        .join('\n'),
    ).toString('base64');
    return { fileName: `notice-${revenue}.txt`, content };
  };
  const importing = async (step: 'preview' | 'commit', body: object) => {
    const res = await call(fx().app, office, 'POST', `/api/imports/${step}`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ diff: { conflicts: Conflict[]; tasks: { changed: { key: string }[]; removed: string[] } }; version?: number }>();
  };

  it('keeps an approved extension, an office correction and a 销号 by default, lists them in the preview, and takes the notice’s value where the office chooses', async () => {
    const t11 = await taskNumbered(fx(), 11); // 年内 (2026-12-31), hosted by unit B, led by 罗清禾
    const t12 = await taskNumbered(fx(), 12);
    const t24 = await taskNumbered(fx(), 24);
    const r = await extensions.request(db(), as.liaisonB, t11, { reason: '主体工程受汛期影响顺延。', newDeadline: '2027-03-31' }, clock);
    await extensions.approve(db(), as.leaderLuo, r.id, { comment: '同意。' }, clock);
    const corrected = '督查室更正的第12项任务内容：年底前改造老旧小区30个。';
    const patched = await call(fx().app, office, 'PATCH', `/api/tasks/${t12}`, {
      version: await taskVersion(fx(), t12),
      text: corrected,
      reason: '区政府常务会议调整',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await completeTask(db(), as.office, t24, { version: await taskVersion(fx(), t24), comment: '已完成。' }, clock);
    const before11 = await task(t11);

    const preview = await importing('preview', revised(20));
    expect(preview.diff.conflicts).toEqual([
      expect.objectContaining({
        taskNumber: 11,
        field: 'deadline',
        decision: 'extension',
        current: '2027-03-31',
        notice: '2026-12-31',
        kept: true,
        message: '第11项任务的完成时限已因延期申请获批改为 2027-03-31，新通知为 2026-12-31：保留原决定',
      }),
      expect.objectContaining({ taskNumber: 12, field: 'text', decision: 'office', current: corrected, kept: true }),
      expect.objectContaining({
        taskNumber: 24,
        field: 'status',
        decision: 'completed',
        kept: true,
        message: expect.stringContaining('第24项任务已销号') as unknown,
      }),
    ]);
    const keyOf = (n: number) => preview.diff.conflicts.find((c) => c.taskNumber === n)?.key;
    expect(preview.diff.tasks.changed.map((c) => c.key)).not.toContain(keyOf(11));
    expect(preview.diff.tasks.removed).not.toContain(keyOf(24));

    const committed = await importing('commit', revised(20));
    expect(committed.diff.conflicts.every((c) => c.kept)).toBe(true);
    expect(await task(t11)).toEqual(before11);
    expect(await task(t12)).toMatchObject({ text: corrected });
    expect(await task(t24)).toMatchObject({ status: 'completed' });
    const revise = JSON.parse((await lastAudit('plan.revise'))?.after ?? '{}') as { decisionsKept: object[]; decisionsOverridden: object[] };
    expect(revise.decisionsKept).toEqual([
      { key: keyOf(11), field: 'deadline', decision: 'extension', current: '2027-03-31', notice: '2026-12-31' },
      expect.objectContaining({ key: keyOf(12), field: 'text', decision: 'office' }),
      expect.objectContaining({ key: keyOf(24), field: 'status', decision: 'completed' }),
    ]);
    expect(revise.decisionsOverridden).toEqual([]);

    // The office takes the notice's deadline for task 11; the other decisions are kept again.
    const override = { ...revised(22), override: [{ taskNumber: 11, field: 'deadline' }] };
    const chosen = (await importing('preview', override)).diff.conflicts.find((c) => c.taskNumber === 11);
    expect(chosen).toMatchObject({ kept: false, message: '第11项任务的完成时限已因延期申请获批改为 2027-03-31，新通知为 2026-12-31：采用新通知' });
    await importing('commit', override);
    expect(await task(t11)).toMatchObject({ deadline: '2026-12-31', deadline_text: '年内' });
    expect(await task(t12)).toMatchObject({ text: corrected });
    const taskRevise = await lastAudit('task.revise', t11);
    expect(JSON.parse(taskRevise?.before ?? '{}')).toMatchObject({ deadline: '2027-03-31' });
    expect(JSON.parse(taskRevise?.after ?? '{}')).toMatchObject({ deadline: '2026-12-31' });
    expect(JSON.parse((await lastAudit('plan.revise'))?.after ?? '{}')).toMatchObject({
      decisionsOverridden: [{ key: keyOf(11), field: 'deadline', decision: 'extension', current: '2027-03-31', notice: '2026-12-31' }],
    });

    // The notice's deadline is now in force: a later revision has nothing to undo on task 11.
    expect((await importing('preview', revised(23))).diff.conflicts.map((c) => c.taskNumber)).toEqual([12, 24]);
  });
});
