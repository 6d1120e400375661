/**
 * A task's text and deadline are the notice's, on both databases: a head, a
 * liaison or a leader of the task is refused (403) and nothing changes; the
 * office changes them only with a reason, recorded in the audit row; a
 * deadline moved while an extension request is pending leaves the request
 * pending, named in the audit row, for its decider to weigh.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { extensionService as extensions } from '../../../src/modules/extension/extension.service.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { call, CHINESE, errorOf, signInAs, taskVersion, useApiFixture, type Session } from '../../server/api-fixture.js';
import { movableClock } from '../support.js';
import { everyone, taskNumbered, type Who } from '../workplan/people.js';

describeEachDatabase('a task’s text and deadline', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const clock = movableClock('2026-11-29T02:00:00.000Z');
  let as: Record<Who, Actor>;
  let s: Record<'office' | 'leader' | 'headA' | 'liaisonA' | 'liaisonB', Session>;
  beforeAll(async () => {
    as = await everyone(fx());
    s = {
      office: await signInAs(fx().app, 'office'),
      leader: await signInAs(fx().app, 'leader'),
      headA: await signInAs(fx().app, 'headA'),
      liaisonA: await signInAs(fx().app, 'liaisonA'),
      liaisonB: await signInAs(fx().app, 'liaisonB'),
    };
  });
  const db = () => fx().store.db;
  const row = (id: number) => db().selectFrom('tasks').select(['text', 'deadline', 'deadline_text', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const taskAudit = (id: number) =>
    db().selectFrom('audit_log').selectAll().where('object_type', '=', 'task').where('object_id', '=', String(id)).orderBy('seq').execute();

  it('refuses the host’s and the co-units’ heads and liaisons and the lead leader (403 in Chinese), with or without a reason, and changes nothing', async () => {
    // Task 9: hosted by 区投资促进中心, with unit A and unit B as co-units, led by 罗清禾 and 闵晓川.
    const id = await taskNumbered(fx(), 9);
    const before = { task: await row(id), audit: await taskAudit(id) };
    for (const who of ['headA', 'liaisonA', 'liaisonB', 'leader'] as const) {
      for (const change of [{ deadline: '2027-12-31' }, { text: '改写后的任务内容。' }, { deadline: '2027-12-31', reason: '工作需要' }]) {
        const res = await call(fx().app, s[who], 'PATCH', `/api/tasks/${id}`, { version: before.task.version, ...change });
        expect(res.statusCode, `${who} ${JSON.stringify(change)}`).toBe(403);
        expect(errorOf(res)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/只有督查室可以修改/) as unknown });
      }
    }
    // Task a is hosted by unit A and led by 闵晓川: hosting or leading it gives no power over its text either.
    const a = fx().tasks.a.id;
    for (const who of ['headA', 'liaisonA', 'leader'] as const) {
      const res = await call(fx().app, s[who], 'PATCH', `/api/tasks/${a}`, { version: await taskVersion(fx(), a), deadline: '2027-12-31', reason: '顺延' });
      expect(res.statusCode, who).toBe(403);
    }
    expect({ task: await row(id), audit: await taskAudit(id) }).toEqual(before);
  });

  it('lets the office change them only with a reason, audited with the before, the after and the reason; a stale version is 409', async () => {
    const id = await taskNumbered(fx(), 10);
    const before = await row(id);
    const patch = { version: before.version, deadline: '2027-06-30', deadlineText: '2027年6月底前' };
    for (const reason of [undefined, '', '   ']) {
      const res = await call(fx().app, s.office, 'PATCH', `/api/tasks/${id}`, { ...patch, ...(reason === undefined ? {} : { reason }) });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'reason_required' });
      expect(errorOf(res).message).toMatch(CHINESE);
    }
    expect(await row(id)).toEqual(before);

    const res = await call(fx().app, s.office, 'PATCH', `/api/tasks/${id}`, { ...patch, reason: ' 区政府常务会议决定顺延。 ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, deadline: '2027-06-30', deadlineText: '2027年6月底前', version: before.version + 1 });
    const audit = (await taskAudit(id)).at(-1);
    expect(audit).toMatchObject({ action: 'task.update', actor_role: 'office' });
    expect(JSON.parse(audit?.before ?? '{}')).toEqual({ deadline: before.deadline, deadlineText: before.deadline_text });
    expect(JSON.parse(audit?.after ?? '{}')).toEqual({ deadline: '2027-06-30', deadlineText: '2027年6月底前', reason: '区政府常务会议决定顺延。' });

    const stale = await call(fx().app, s.office, 'PATCH', `/api/tasks/${id}`, { ...patch, deadline: '2027-09-30', reason: '再调整' });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toMatchObject({ code: 'version_conflict', details: { current: { version: before.version + 1 } } });

    const text = await call(fx().app, s.office, 'PATCH', `/api/tasks/${id}`, {
      version: before.version + 1,
      text: '督查室更正的任务内容。',
      reason: '原文有误',
    });
    expect(text.statusCode, text.body).toBe(200);
    expect(JSON.parse((await taskAudit(id)).at(-1)?.after ?? '{}')).toEqual({ text: '督查室更正的任务内容。', reason: '原文有误' });
  });

  it('moves a deadline under a pending extension request: the request stays pending, named in the audit row, and cannot be approved short of the new deadline', async () => {
    const id = await taskNumbered(fx(), 11); // hosted by unit B, led by 罗清禾, 年内
    const r = await extensions.request(db(), as.liaisonB, id, { reason: '主体工程受汛期影响顺延。', newDeadline: '2027-03-31' }, clock);
    const res = await call(fx().app, s.office, 'PATCH', `/api/tasks/${id}`, { version: (await row(id)).version, deadline: '2027-06-30', reason: '区政府决定' });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse((await taskAudit(id)).at(-1)?.after ?? '{}')).toMatchObject({ deadline: '2027-06-30', pendingExtensionRequestIds: [r.id] });
    expect((await extensions.list(db(), as.office, { taskId: id })).find((x) => x.id === r.id)).toMatchObject({ status: 'pending' });
    await expect(extensions.approve(db(), as.leaderLuo, r.id, {}, clock)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    expect((await row(id)).deadline).toBe('2027-06-30');
  });
});
