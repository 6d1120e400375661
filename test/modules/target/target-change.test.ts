/**
 * The office changes a task's targets, on both databases. Before the task's
 * first round a change applies at once; after it, it is a request (指标调整)
 * the task's lead leader decides (the office, for a task without one, never
 * the proposer). Each applied change writes the targets, their audit rows and
 * a revision per target with the target before and after; a split or merge
 * retires the old targets, whose reported values stay with them. A refusal
 * writes nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { ForbiddenError } from '../../../src/modules/auth/forbidden-error.js';
import {
  approveTargetChange,
  changeTargets,
  listTargetChanges,
  rejectTargetChange,
  targetHistory,
  taskTargets,
  withdrawTargetChange,
} from '../../../src/modules/target/target.service.js';
import type { ChangeInput } from '../../../src/modules/target/target-change.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { useApiFixture, type ApiFixture } from '../../server/api-fixture.js';
import { movableClock } from '../support.js';
import { everyone, taskNumbered, unitNamed, withoutLeaders, type Who } from '../workplan/people.js';
import { activeTargets, auditRows, beforeFirstRound, footprint, ownerRows, requestRows, revisionRows, targetRows } from './targets-world.js';

type Input = ChangeInput & { reason?: string };

describeEachDatabase('target changes (指标调整)', (getUrl) => {
  const fx = useApiFixture(getUrl);
  const clock = movableClock('2026-05-10T02:00:00.000Z');
  let as: Record<Who, Actor>;
  beforeAll(async () => {
    as = await everyone(fx());
  });
  const db = () => fx().store.db;
  const onTarget = (who: Who, targetId: number, input: Input) => changeTargets(db(), as[who], { targetId }, input, { clock });
  const onTask = (who: Who, taskId: number, input: Input) => changeTargets(db(), as[who], { taskId }, input, { clock });
  const first = async (f: ApiFixture, taskId: number) => {
    const [t] = await activeTargets(f, taskId);
    if (!t) throw new Error(`task #${taskId} has no target`);
    return t;
  };

  it('before the first round, excludes a target from measurement at once, with its revision and audit row', async () => {
    const taskId = await taskNumbered(fx(), 4); // hosted by unit A, led by 闵晓川
    await beforeFirstRound(fx(), taskId);
    const target = await first(fx(), taskId);
    const out = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields: { measured: false },
      reason: '  属项目规格，不按时序进度衡量。 ',
    });
    expect(out.outcome).toBe('applied');
    expect(out.request).toBeNull();
    expect(out.targets).toMatchObject({ taskId, changesNeedApproval: false, actions: ['target.change'], pending: [] });
    expect(out.targets.targets.find((t) => t.id === target.id)).toMatchObject({ measured: false, version: target.version + 1 });

    const row = (await targetRows(fx(), taskId)).find((t) => t.id === target.id);
    expect(row).toMatchObject({ measured: 0, version: target.version + 1, retired_at: null });
    const [revision] = await revisionRows(fx(), taskId);
    expect(revision).toMatchObject({
      target_id: target.id,
      change: 'exclude',
      reason: '属项目规格，不按时序进度衡量。',
      request_id: null,
      at: clock().toISOString(),
    });
    expect(revision?.actor_user_id).toBe(as.office.userId);
    expect(JSON.parse(revision?.before ?? '{}')).toMatchObject({ id: target.id, metric: target.metric, measured: true, owners: [] });
    expect(JSON.parse(revision?.after ?? '{}')).toMatchObject({ id: target.id, metric: target.metric, measured: false, owners: [] });
    const audit = (await auditRows(fx(), 'target', target.id)).at(-1);
    expect(audit?.action).toBe('target.edit');
    expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({ measured: false, reason: '属项目规格，不按时序进度衡量。' });
    expect(await requestRows(fx(), taskId)).toEqual([]);

    // A new scope brings its default measurement, and a new kind its default combine rule.
    const second = (await activeTargets(fx(), taskId))[1];
    if (!second) throw new Error('task 4 has a second target');
    const retyped = await onTarget('office', second.id, {
      op: 'edit',
      targetId: second.id,
      version: second.version,
      fields: { scope: 'long_term', kind: 'growth_rate', unit: '%', value: 12 },
      reason: '按通知原意改为增速目标',
    });
    expect(retyped.targets.targets.find((t) => t.id === second.id)).toMatchObject({
      scope: 'long_term',
      measured: false,
      kind: 'growth_rate',
      unit: '%',
      value: 12,
      combine: 'per_unit',
    });
    expect((await revisionRows(fx(), taskId)).at(-1)?.change).toBe('retype');
  });

  it('splits, merges, adds and deletes before the first round, retiring old targets whose planned values stay', async () => {
    const taskId = await taskNumbered(fx(), 5); // hosted by 区科学技术局, six targets
    await beforeFirstRound(fx(), taskId);
    const [a, b, c, d] = await activeTargets(fx(), taskId);
    if (!a || !b || !c || !d) throw new Error('task 5 has at least four targets');
    // A value planned on the target to split, behind the API: it must stay with the old target.
    const unit = await unitNamed(fx(), '区科学技术局');
    await db()
      .insertInto('work_plans')
      .values({
        government_id: fx().governmentId,
        task_id: taskId,
        unit_id: unit,
        revision: 1,
        status: 'draft',
        measures: '按季度推进',
        created_at: '2026-04-21T00:00:00.000Z',
        updated_at: '2026-04-21T00:00:00.000Z',
      })
      .execute();
    const plan = await db().selectFrom('work_plans').select('id').where('task_id', '=', taskId).executeTakeFirstOrThrow();
    await db()
      .insertInto('work_plan_values')
      .values({ government_id: fx().governmentId, work_plan_id: plan.id, target_id: a.id, period_end: '2026-06-30', value: 15 })
      .execute();

    const split = await onTarget('office', a.id, {
      op: 'split',
      targetId: a.id,
      version: a.version,
      into: [
        { metric: '新认定高新技术企业（开发区）', kind: 'increment', value: 20 },
        { metric: '新认定高新技术企业（新城）', kind: 'increment', value: 10, owners: [unit] },
      ],
      reason: '按园区分解',
    });
    expect(split.outcome).toBe('applied');
    const afterSplit = await targetRows(fx(), taskId);
    const old = afterSplit.find((t) => t.id === a.id);
    expect(old?.retired_at).toBe(clock().toISOString());
    const parts = afterSplit.filter((t) => t.retired_at === null && t.created_at === clock().toISOString());
    expect(parts.map((t) => [t.metric, t.value, t.unit, t.position])).toEqual([
      ['新认定高新技术企业（开发区）', 20, a.unit, 0],
      ['新认定高新技术企业（新城）', 10, a.unit, 1],
    ]);
    expect(await ownerRows(fx(), parts[1]?.id ?? 0)).toEqual([{ unit_id: unit }]);
    expect((await db().selectFrom('work_plan_values').select('target_id').where('work_plan_id', '=', plan.id).execute()).map((r) => r.target_id)).toEqual([
      a.id,
    ]);
    expect(split.targets.targets.map((t) => t.id)).toEqual([...parts.map((p) => p.id), b.id, c.id, d.id, ...split.targets.targets.slice(5).map((t) => t.id)]);

    const merged = await onTask('office', taskId, {
      op: 'merge',
      targets: [
        { id: c.id, version: c.version },
        { id: d.id, version: d.version },
      ],
      into: { metric: '市级以上研发平台和成果转化', kind: 'count', value: 32, unit: '项' },
      reason: '两项合并考核',
    });
    const mergedId = merged.targets.targets.find((t) => t.metric === '市级以上研发平台和成果转化')?.id ?? 0;
    expect(merged.targets.targets.map((t) => t.id).indexOf(mergedId), 'the merged target takes the place of the first it replaces').toBe(3);
    const added = await onTask('office', taskId, {
      op: 'add',
      target: { metric: '技术合同成交额', kind: 'total', value: 5, unit: '亿元' },
      reason: '区政府常务会议增列',
    });
    const addedTarget = added.targets.targets.at(-1);
    expect(addedTarget).toMatchObject({ metric: '技术合同成交额', text: '技术合同成交额', scope: 'annual', measured: true, combine: 'sum', owners: [] });
    const deleted = await onTarget('office', b.id, { op: 'retire', targetId: b.id, version: b.version, reason: '与第一项重复' });
    expect(deleted.targets.targets.map((t) => t.id)).not.toContain(b.id);
    expect(deleted.targets.targets.map((t) => t.position)).toEqual(deleted.targets.targets.map((_, i) => i));

    const revisions = await revisionRows(fx(), taskId);
    expect(revisions.map((r) => [r.change, r.target_id, r.before === null, r.after === null])).toEqual([
      ['split', a.id, false, true],
      ['split', parts[0]?.id, true, false],
      ['split', parts[1]?.id, true, false],
      ['merge', c.id, false, true],
      ['merge', d.id, false, true],
      ['merge', mergedId, true, false],
      ['add', addedTarget?.id, true, false],
      ['retire', b.id, false, true],
    ]);
    const history = await targetHistory(db(), as.observer, taskId);
    expect(history.revisions).toHaveLength(8);
    expect(history.revisions[0]).toMatchObject({ change: 'retire', targetId: b.id, after: null, reason: '与第一项重复' });
  });

  it('refuses bad input, a stale version, a missing reason and anyone but the office, writing nothing', async () => {
    const taskId = await taskNumbered(fx(), 7); // hosted by 区人力资源和社会保障局 and 区科学技术局; 区教育和体育局 only helps
    await beforeFirstRound(fx(), taskId);
    const target = await first(fx(), taskId);
    const before = await footprint(fx(), taskId);
    const edit = (fields: object, extra: object = {}): Input => ({
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields,
      reason: '更正',
      ...extra,
    });
    const refused = async (input: Input, status: number, code: string, words: RegExp) => {
      const err: unknown = await onTarget('office', target.id, input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toMatchObject({ status, code });
      expect((err as Error).message).toMatch(words);
    };
    const coUnit = await unitNamed(fx(), '区教育和体育局');
    await refused(edit({ owners: [coUnit] }), 400, 'invalid_target', /“区教育和体育局”不是本任务的主办单位/);
    await refused(edit({ metric: '   ' }), 400, 'invalid_target', /指标名称不能为空/);
    await refused(edit({ value: 1e13 }), 400, 'invalid_target', /目标值应为绝对值不超过/);
    await refused(edit({}), 400, 'nothing_changed', /没有要修改的内容/);
    await refused(edit({ measured: false }, { reason: '  ' }), 400, 'reason_required', /须写明理由/);
    await refused(edit({ measured: false }, { version: target.version + 7 }), 409, 'version_conflict', /已被他人修改/);
    const split: Input = {
      op: 'split',
      targetId: target.id,
      version: target.version,
      into: [{ metric: '唯一的一项', kind: 'count', value: 1 }],
      reason: '拆分',
    };
    await refused(split, 400, 'invalid_target', /至少两个/);
    const merge: Input = {
      op: 'merge',
      targets: [{ id: target.id, version: target.version }],
      into: { metric: '合并', kind: 'count', value: 1 },
      reason: '合并',
    };
    const mergeErr: unknown = await onTask('office', taskId, merge).catch((e: unknown) => e);
    expect(mergeErr).toMatchObject({ status: 400, code: 'invalid_target' });
    const other = await first(fx(), await taskNumbered(fx(), 8));
    const foreign: Input = {
      op: 'merge',
      targets: [
        { id: target.id, version: target.version },
        { id: other.id, version: other.version },
      ],
      into: { metric: '合并', kind: 'count', value: 1 },
      reason: '合并',
    };
    expect(await onTask('office', taskId, foreign).catch((e: unknown) => e)).toMatchObject({ status: 409, code: 'target_retired' });
    for (const who of ['headA', 'liaisonA', 'liaisonB', 'leader', 'leaderLuo', 'observer', 'sysadmin'] as const) {
      await expect(onTarget(who, target.id, edit({ measured: false })), who).rejects.toBeInstanceOf(ForbiddenError);
      await expect(onTask(who, taskId, { op: 'add', target: { metric: '新指标', kind: 'count', value: 3 }, reason: '增列' }), who).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect(await footprint(fx(), taskId)).toEqual(before);

    // A stale version answers with the targets as they now are.
    const conflict: unknown = await onTarget('office', target.id, edit({ measured: false }, { version: target.version - 1 || 99 })).catch((e: unknown) => e);
    expect((conflict as { details?: { current?: { targets?: { id: number; version: number }[] } } }).details?.current?.targets).toContainEqual(
      expect.objectContaining({ id: target.id, version: target.version }),
    );
  });

  it('after the first round, makes a change a request the lead leader approves, telling the deciders and the proposer', async () => {
    const taskId = await taskNumbered(fx(), 2); // hosted by unit A, led by 闵晓川; asked by the fixture's round
    const target = await first(fx(), taskId);
    const out = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields: { value: 30, qualifiers: ['以上'] },
      reason: '区政府常务会议调高目标',
    });
    expect(out.outcome).toBe('requested');
    expect(out.request).toMatchObject({
      taskId,
      op: 'edit',
      status: 'pending',
      reason: '区政府常务会议调高目标',
      proposedBy: as.office.userId,
      actions: ['target.change'],
      events: [{ action: 'propose', comment: '区政府常务会议调高目标' }],
    });
    expect(out.request?.summary).toMatch(/^修改指标“.+”：目标值 25家→30家，限定词改为“以上”$/);
    expect(out.targets.changesNeedApproval).toBe(true);
    expect(out.targets.targets.find((t) => t.id === target.id)).toMatchObject({
      value: target.value,
      version: target.version,
      pendingRequestId: out.request?.id,
    });
    expect((await activeTargets(fx(), taskId)).find((t) => t.id === target.id)?.value, 'nothing changes until it is approved').toBe(target.value);
    expect(await revisionRows(fx(), taskId)).toEqual([]);
    const id = out.request?.id ?? 0;
    expect((await auditRows(fx(), 'target_change_request', id)).map((a) => a.action)).toEqual(['target_change.propose']);
    const told = await db().selectFrom('notifications').selectAll().where('dedupe_key', '=', `target-change:${id}:propose`).execute();
    expect(told.map((n) => n.user_id)).toEqual([as.leader.userId]);
    expect(told[0]?.title).toMatch(/^指标调整待审批：《/);

    // One pending change per target.
    const again = await onTarget('office2', target.id, { op: 'retire', targetId: target.id, version: target.version, reason: '删除' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: 'target_change_pending' });

    const seen = async (who: Who) => (await listTargetChanges(db(), as[who], { awaiting: 'me' })).map((r) => r.id);
    expect(await seen('leader')).toContain(id);
    for (const who of ['leaderLuo', 'office', 'office2', 'headA'] as const) expect(await seen(who), who).not.toContain(id);
    for (const who of ['office', 'office2', 'leaderLuo', 'headA', 'observer'] as const) {
      await expect(approveTargetChange(db(), as[who], id, {}, clock), who).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(approveTargetChange(db(), as.leader, id, { version: 99 }, clock)).rejects.toMatchObject({ status: 409, code: 'version_conflict' });

    clock.advance(86_400_000);
    const approved = await approveTargetChange(db(), as.leader, id, { version: 1, comment: '同意调整。' }, clock);
    expect(approved).toMatchObject({ status: 'approved', decidedBy: as.leader.userId, decisionComment: '同意调整。', version: 2, actions: [] });
    expect(approved.events.map((e) => e.action)).toEqual(['propose', 'approve']);
    const now = (await activeTargets(fx(), taskId)).find((t) => t.id === target.id);
    expect(now).toMatchObject({ value: 30, qualifiers: '["以上"]', version: target.version + 1 });
    const [revision] = await revisionRows(fx(), taskId);
    expect(revision).toMatchObject({ target_id: target.id, change: 'retype', request_id: id, reason: '区政府常务会议调高目标', at: clock().toISOString() });
    expect(revision?.actor_user_id).toBe(as.leader.userId);
    expect((await auditRows(fx(), 'target_change_request', id)).map((a) => a.action)).toEqual(['target_change.propose', 'target_change.approve']);
    expect((await auditRows(fx(), 'target', target.id)).at(-1)).toMatchObject({ action: 'target.edit' });
    const decided = await db().selectFrom('notifications').selectAll().where('dedupe_key', '=', `target-change:${id}:approve`).execute();
    expect(decided.map((n) => [n.user_id, n.title])).toEqual([[as.office.userId, expect.stringMatching(/^指标调整已批准：《/) as unknown]]);
    await expect(approveTargetChange(db(), as.leader, id, {}, clock)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
  });

  it('after the first round, an approved split retires the old target with the values reported on it, the new ones in force from the approval', async () => {
    const taskId = await taskNumbered(fx(), 11); // hosted by unit B, led by 罗清禾
    const target = await first(fx(), taskId);
    const report = await db().selectFrom('reports').select('id').where('task_id', '=', taskId).where('role', '=', 'host').executeTakeFirstOrThrow();
    await db().insertInto('report_values').values({ government_id: fx().governmentId, report_id: report.id, target_id: target.id, value: 12 }).execute();
    const out = await onTarget('office', target.id, {
      op: 'split',
      targetId: target.id,
      version: target.version,
      into: [
        { metric: '参加境内展会', kind: 'count', value: 20 },
        { metric: '参加境外展会', kind: 'count', value: 10 },
      ],
      reason: '境内外分开考核',
    });
    expect(out.outcome).toBe('requested');
    expect(out.request?.summary).toBe(`将指标“${target.metric}”拆分为“参加境内展会”、“参加境外展会”`);
    clock.advance(3 * 86_400_000);
    await approveTargetChange(db(), as.leaderLuo, out.request?.id ?? 0, {}, clock);
    const rows = await targetRows(fx(), taskId);
    expect(rows.find((t) => t.id === target.id)?.retired_at).toBe(clock().toISOString());
    expect(rows.filter((t) => t.created_at === clock().toISOString()).map((t) => [t.metric, t.unit, t.position])).toEqual([
      ['参加境内展会', target.unit, 0],
      ['参加境外展会', target.unit, 1],
    ]);
    expect(await db().selectFrom('report_values').select(['target_id', 'value']).where('report_id', '=', report.id).execute()).toEqual([
      { target_id: target.id, value: 12 },
    ]);
    expect((await revisionRows(fx(), taskId)).map((r) => [r.change, r.request_id])).toEqual([
      ['split', out.request?.id],
      ['split', out.request?.id],
      ['split', out.request?.id],
    ]);
  });

  it('rejects with a comment, withdraws, and refuses to approve a request the targets have overtaken', async () => {
    const taskId = await taskNumbered(fx(), 9); // hosted by 区投资促进中心, led by 罗清禾 and 闵晓川
    const [x, y] = await activeTargets(fx(), taskId);
    if (!x || !y) throw new Error('task 9 has two targets');
    const asked = await onTarget('office', x.id, {
      op: 'edit',
      targetId: x.id,
      version: x.version,
      fields: { measured: false },
      reason: '活动场次不按进度衡量',
    });
    const id = asked.request?.id ?? 0;
    await expect(rejectTargetChange(db(), as.leader, id, { comment: '  ' }, clock)).rejects.toMatchObject({ status: 400 });
    const rejected = await rejectTargetChange(db(), as.leaderLuo, id, { comment: '仍按进度衡量。' }, clock);
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: '仍按进度衡量。' });
    expect((await activeTargets(fx(), taskId)).find((t) => t.id === x.id)).toMatchObject({ measured: 1, version: x.version });

    const proposal = await onTask('office', taskId, {
      op: 'merge',
      targets: [
        { id: x.id, version: x.version },
        { id: y.id, version: y.version },
      ],
      into: { metric: '招商活动和过亿元项目', kind: 'count', value: 65 },
      reason: '合并考核',
    });
    const mergeId = proposal.request?.id ?? 0;
    await expect(withdrawTargetChange(db(), as.leader, mergeId, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await withdrawTargetChange(db(), as.office2, mergeId, { comment: '另行研究' }, clock)).toMatchObject({ status: 'withdrawn' });

    const stale = await onTarget('office', y.id, { op: 'retire', targetId: y.id, version: y.version, reason: '删除重复指标' });
    // Behind the API the target moves on (as a re-import would rewrite it): the request no longer fits.
    await db()
      .updateTable('targets')
      .set({ version: y.version + 1 })
      .where('id', '=', y.id)
      .execute();
    const before = await footprint(fx(), taskId);
    await expect(approveTargetChange(db(), as.leader, stale.request?.id ?? 0, {}, clock)).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await footprint(fx(), taskId)).toEqual(before);
  });

  it('has the office decide for a task without a lead leader, never the clerk who proposed it; two decisions at once give one', async () => {
    const taskId = await taskNumbered(fx(), 14); // hosted by 区城市管理局
    await withoutLeaders(fx(), taskId);
    const target = await first(fx(), taskId);
    const out = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields: { scope: 'capacity' },
      reason: '属能力建设',
    });
    const id = out.request?.id ?? 0;
    const told = await db().selectFrom('notifications').select('user_id').where('dedupe_key', '=', `target-change:${id}:propose`).execute();
    // Every office clerk but the proposer: the first administrator (an office account) and the second clerk.
    expect(told.map((n) => n.user_id).sort((p, q) => p - q)).toEqual([fx().userIds.admin, as.office2.userId ?? 0].sort((p, q) => p - q));
    await expect(approveTargetChange(db(), as.office, id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(approveTargetChange(db(), as.leader, id, {}, clock)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listTargetChanges(db(), as.office2, { awaiting: 'me' })).map((r) => r.id)).toContain(id);
    const results = await Promise.allSettled([
      approveTargetChange(db(), as.office2, id, {}, clock),
      rejectTargetChange(db(), as.office2, id, { comment: '不同意。' }, clock),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.status === 'rejected' ? failed.reason : null).toMatchObject({ status: 409 });
    const [request] = await requestRows(fx(), taskId);
    const row = (await activeTargets(fx(), taskId)).find((t) => t.id === target.id);
    expect(row?.scope).toBe(request?.status === 'approved' ? 'capacity' : target.scope);
    expect(await revisionRows(fx(), taskId)).toHaveLength(request?.status === 'approved' ? 1 : 0);
  });

  it('lets owners be the host units or the members standing for a host group, and nobody else', async () => {
    const taskId = await taskNumbered(fx(), 12); // hosted by 区住房和城乡建设局
    await beforeFirstRound(fx(), taskId);
    // Set-up: the task is also hosted by the group 各镇街, whose members (towns of the directory) stand for it.
    const group = await unitNamed(fx(), '各镇街');
    const members = await db().selectFrom('unit_group_members').select('member_id').where('group_id', '=', group).execute();
    expect(members.length).toBeGreaterThan(1);
    await db().insertInto('task_units').values({ government_id: fx().governmentId, task_id: taskId, unit_id: group, role: 'host', position: 1 }).execute();
    const view = await taskTargets(db(), as.observer, taskId);
    expect(view.actions).toEqual([]);
    expect(view.ownerChoices.map((u) => u.id)).toEqual([await unitNamed(fx(), '区住房和城乡建设局'), ...members.map((m) => m.member_id)]);
    const [town = 0, other = 0] = members.map((m) => m.member_id);
    const target = await first(fx(), taskId);
    const refused = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields: { owners: [group] },
      reason: '由各镇街承担',
    }).catch((e: unknown) => e);
    expect(refused, 'the group itself answers through its members').toMatchObject({ status: 400, code: 'invalid_target' });
    const out = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version,
      fields: { owners: [other, town], combine: 'per_unit' },
      reason: '由两个镇街分别承担',
    });
    expect(out.targets.targets.find((t) => t.id === target.id)?.owners.map((o) => o.id)).toEqual([Math.min(town, other), Math.max(town, other)]);
    expect((await ownerRows(fx(), target.id)).map((o) => o.unit_id)).toEqual([town, other].sort((p, q) => p - q));
    expect((await revisionRows(fx(), taskId)).at(-1)?.change).toBe('edit');
    const only = await onTarget('office', target.id, {
      op: 'edit',
      targetId: target.id,
      version: target.version + 1,
      fields: { owners: [] },
      reason: '恢复共同承担',
    });
    expect(only.targets.targets.find((t) => t.id === target.id)?.owners).toEqual([]);
    expect((await revisionRows(fx(), taskId)).at(-1)?.change).toBe('owners');
    expect(await ownerRows(fx(), target.id)).toEqual([]);
  });
});
