/** The plan importer on both databases: first import, idempotence, revisions, corrections, rollback. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { listAudit } from '../../src/modules/audit/audit.repository.js';
import { verifyChain } from '../../src/modules/audit/audit.service.js';
import { planImporter, type PlanCorrections } from '../../src/modules/plan/plan-importer.js';
import { PlanImportError } from '../../src/modules/plan/plan.errors.js';
import { listPlanVersions, listPlans } from '../../src/modules/plan/plan.repository.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import type { Store } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { hasSeed, samplePath, seedPath } from '../helpers/paths.js';
import { countRows, freshActor, noticeFromText, openMigrated, readNotice, type Notice } from './store-fixture.js';

const sampleText = readFileSync(samplePath('notice.txt'), 'utf8');

/** The sample, revised: task 1's revenue target raised, task 24 dropped, task 25 added. */
function revisedSample(): string {
  const raised = sampleText.replace('年内新增营收18亿元', '年内新增营收20亿元');
  const lines = raised.split('\n').filter((l) => !l.startsWith('24.'));
  const added = '25.建立政务数据共享目录，年内新增共享数据接口50个。（牵头领导：程远舟。承办单位：**区数据资源服务中心**，区直各部门）';
  const at = lines.findIndex((l) => l.startsWith('23.'));
  lines.splice(at + 1, 0, '', added);
  return lines.join('\n');
}

describeEachDatabase('plan importer', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store?.close();
  });

  const commit = (actor: Actor, notice: Notice, corrections?: PlanCorrections) =>
    store.db.transaction().execute((trx) => planImporter.commit(trx, actor, notice.plan, notice.source, { corrections }));

  it.runIf(hasSeed)('stores the seed once: the second commit writes nothing', async () => {
    const actor = await freshActor(store);
    const seed = await readNotice(seedPath);
    const first = await commit(actor, seed);
    expect(first).toMatchObject({ created: true, version: 1, tasks: 39 });
    expect(first.diff.tasks.added).toHaveLength(39);
    const afterFirst = await countRows(store, actor.governmentId);
    expect(afterFirst).toMatchObject({ plans: 1, plan_versions: 1, tasks: 39, sections: 11 });

    const second = await commit(actor, seed);
    expect(second).toMatchObject({ created: false, planId: first.planId, version: 1 });
    expect(second.diff.sameSource).toBe(true);
    expect(await countRows(store, actor.governmentId)).toEqual(afterFirst);

    const first1 = (await listTasks(store.db, actor.governmentId, { planId: first.planId })).find((t) => t.key === '二/1');
    expect(first1?.hostUnits.map((u) => u.name)).toEqual(['区工业和信息化局']);
    expect(first1?.coUnits).toHaveLength(4);
    const rows = await store.db
      .selectFrom('task_units')
      .innerJoin('units', 'units.id', 'task_units.unit_id')
      .select(['units.name', 'task_units.role'])
      .where('task_units.task_id', '=', first1?.id ?? -1)
      .execute();
    expect(rows.filter((r) => r.role === 'host').map((r) => r.name)).toEqual(['区工业和信息化局']);
    expect(rows.filter((r) => r.role === 'co')).toHaveLength(4);
    expect((await verifyChain(store.db)).broken).toBeNull();
  });

  it('stores the sample with its owners, targets, headline targets and one audit row', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    const result = await commit(actor, sample);
    const counts = await countRows(store, actor.governmentId);
    expect(counts).toMatchObject({ plans: 1, plan_versions: 1, tasks: 24, audit_log: 1 });
    const taskTargets = sample.plan.tasks.reduce((n, t) => n + t.targets.length, 0);
    expect(counts.targets).toBe(taskTargets + sample.plan.headlineTargets.length);

    const [audit] = await listAudit(store.db, actor.governmentId, { limit: 10 });
    expect(audit).toMatchObject({ action: 'plan.import', object_type: 'plan', object_id: String(result.planId) });
    expect(JSON.parse(audit?.after ?? '{}')).toMatchObject({ version: 1, added: 24, changed: 0, removed: 0 });

    const units = await store.db.selectFrom('units').select(['name', 'kind']).where('government_id', '=', actor.governmentId).execute();
    const kind = new Map(units.map((u) => [u.name, u.kind]));
    expect(kind.get('各镇街')).toBe('group');
    expect(kind.get('区直相关部门')).toBe('group');
    expect(kind.get('区财政局')).toBe('department');
  });

  it('revises a plan: changed tasks in place, new tasks added, dropped tasks marked removed', async () => {
    const actor = await freshActor(store);
    const v1 = await commit(actor, await readNotice(samplePath('notice.txt')));
    const before = await listTasks(store.db, actor.governmentId, { planId: v1.planId });
    const revised = await noticeFromText('notice-revised.txt', revisedSample());

    const preview = await planImporter.preview(store.db, actor.governmentId, revised.plan, revised.source);
    const expected = { added: ['九/25'], removed: ['九/24'], unchanged: 22 };
    expect(preview.diff).toMatchObject({ existingPlanId: v1.planId, sameSource: false, tasks: expected });
    expect(preview.diff.tasks.changed).toEqual([{ key: '二/1', fields: ['text', 'targets'] }]);
    expect(await countRows(store, actor.governmentId)).toMatchObject({ plan_versions: 1, audit_log: 1 });

    const auditBefore = (await countRows(store, actor.governmentId)).audit_log;
    const v2 = await commit(actor, revised);
    expect(v2).toMatchObject({ created: true, planId: v1.planId, version: 2, tasks: 24 });
    expect(v2.diff.tasks).toEqual(preview.diff.tasks);

    const all = await listTasks(store.db, actor.governmentId, { planId: v1.planId, includeRemoved: true });
    const byKey = new Map(all.map((t) => [t.key, t]));
    for (const old of before) {
      const now = byKey.get(old.key);
      if (old.key === '二/1') {
        expect(now).toMatchObject({ id: old.id, version: old.version + 1, status: 'active' });
        expect(now?.text).toContain('年内新增营收20亿元');
        // The targets keep their rows (and the figures reported on them); the raised one has its new number.
        expect(now?.targets.map((t) => t.id)).toEqual(old.targets.map((t) => t.id));
        expect(now?.targets.find((t) => t.text.includes('新增营收20亿元'))?.value).toBe(20);
      } else if (old.key === '九/24') {
        expect(now).toMatchObject({ id: old.id, version: old.version + 1, status: 'removed' });
      } else {
        // Unchanged: the same row, version and target rows.
        expect(now).toEqual(old);
      }
    }
    expect(byKey.get('九/25')).toMatchObject({ status: 'active', version: 1 });
    expect(await listTasks(store.db, actor.governmentId, { planId: v1.planId })).toHaveLength(24);

    const versions = await listPlanVersions(store.db, v1.planId);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[1]?.summary).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 22 });
    expect((await listPlans(store.db, actor.governmentId))[0]).toMatchObject({ currentVersion: 2, sourceHash: revised.source.hash });

    const audit = await listAudit(store.db, actor.governmentId, { limit: 10 });
    expect(audit).toHaveLength(auditBefore + 3);
    const actions = audit
      .map((a) => a.action)
      .reverse()
      .slice(auditBefore);
    expect(actions).toEqual(['plan.revise', 'task.revise', 'task.remove']);
    const taskRevision = audit.find((a) => a.action === 'task.revise');
    expect(taskRevision?.object_id).toBe(String(byKey.get('二/1')?.id));
    expect(Object.keys(JSON.parse(taskRevision?.before ?? '{}') as object).sort()).toEqual(['key', 'targets', 'text']);
    expect((await verifyChain(store.db)).broken).toBeNull();
  });

  it('keeps a target that reports refer to when a revision drops it, retired from the ledger', async () => {
    const actor = await freshActor(store);
    const v1 = await commit(actor, await readNotice(samplePath('notice.txt')));
    const task = (await listTasks(store.db, actor.governmentId, { planId: v1.planId })).find((t) => t.key === '二/1');
    const [first, second, ...rest] = task?.targets ?? [];
    if (!task || !first || !second) throw new Error('task 二/1 of the sample has at least two targets');
    const round = await store.db
      .insertInto('rounds')
      .values({
        government_id: actor.governmentId,
        plan_id: v1.planId,
        kind: 'adhoc',
        label: '修订测试',
        period_end: '2026-03-31',
        due_on: '2026-04-05',
        created_at: '2026-04-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unit = task.hostUnits[0]?.id ?? 0;
    const report = await store.db
      .insertInto('reports')
      .values({
        government_id: actor.governmentId,
        round_id: round.id,
        task_id: task.id,
        unit_id: unit,
        role: 'host',
        created_at: '2026-04-01T00:00:00.000Z',
        updated_at: '2026-04-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('report_values').values({ government_id: actor.governmentId, report_id: report.id, target_id: second.id, value: 4.5 }).execute();

    // The revision keeps only the first target of task 1: the second (reported on) is retired, the others deleted.
    const kept = sampleText
      .split('\n')
      .map((l) => (l.startsWith('1.') ? `1.${first.text}。${l.slice(l.indexOf('（牵头领导'))}` : l))
      .join('\n');
    await commit(actor, await noticeFromText('notice-fewer-targets.txt', kept));
    const after = (await listTasks(store.db, actor.governmentId, { planId: v1.planId })).find((t) => t.key === '二/1');
    expect(after?.targets.map((t) => t.id)).toEqual([first.id]);
    const rows = await store.db.selectFrom('targets').select(['id', 'retired_at']).where('task_id', '=', task.id).orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(rows[1]?.retired_at).not.toBeNull();
    expect(rest.length).toBeGreaterThan(0);
    expect(await store.db.selectFrom('report_values').select('value').where('target_id', '=', second.id).executeTakeFirst()).toEqual({ value: 4.5 });
  });

  it('brings a dropped task back on the same row when a later version restores it', async () => {
    const actor = await freshActor(store);
    const original = await readNotice(samplePath('notice.txt'));
    const v1 = await commit(actor, original);
    const dropped = (await listTasks(store.db, actor.governmentId, { planId: v1.planId })).find((t) => t.key === '九/24');
    await commit(actor, await noticeFromText('revised.txt', revisedSample()));
    const v3 = await commit(actor, original);
    expect(v3).toMatchObject({ created: true, version: 3 });
    expect(v3.diff.tasks).toMatchObject({ added: ['九/24'], removed: ['九/25'], changed: [{ key: '二/1' }] });
    const back = (await listTasks(store.db, actor.governmentId, { planId: v1.planId })).find((t) => t.key === '九/24');
    expect(back).toMatchObject({ id: dropped?.id, status: 'active', version: (dropped?.version ?? 0) + 2 });
  });

  it('applies corrections before writing, and a new file with the same content changes nothing', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    const corrections: PlanCorrections = {
      units: [{ from: '区工信局', to: '区工业和信息化局' }],
      tasks: [{ key: '八/22', hostUnits: ['区应急管理局'], coUnits: ['区消防救援大队'], leaders: ['程远舟'] }],
    };
    const result = await commit(actor, sample, corrections);
    const tasks = await listTasks(store.db, actor.governmentId, { planId: result.planId });
    const names = (refs: { name: string }[]): string[] => refs.map((r) => r.name);
    expect(tasks.flatMap((t) => [...names(t.hostUnits), ...names(t.coUnits)])).not.toContain('区工信局');
    const fixed = tasks.find((t) => t.key === '八/22');
    expect(fixed && { hosts: names(fixed.hostUnits), cos: names(fixed.coUnits), leaders: names(fixed.leaders) }).toEqual({
      hosts: ['区应急管理局'],
      cos: ['区消防救援大队'],
      leaders: ['程远舟'],
    });

    const counts = await countRows(store, actor.governmentId);
    // The same file again without corrections is the same notice: it does not undo them.
    expect((await commit(actor, sample)).created).toBe(false);
    // Same content under another name: the diff is empty, so nothing is written.
    const copy = await noticeFromText('copy.txt', `${sampleText}\n`);
    expect((await commit(actor, copy, corrections)).created).toBe(false);
    expect(await countRows(store, actor.governmentId)).toEqual(counts);

    // The same file with a further correction is a new version of the plan.
    const more: PlanCorrections = { ...corrections, tasks: [{ key: '八/22', hostUnits: ['区应急管理局', '区消防救援大队'] }] };
    const preview = await planImporter.preview(store.db, actor.governmentId, sample.plan, sample.source, { corrections: more });
    expect(preview.diff).toMatchObject({ sameSource: true, tasks: { changed: [{ key: '八/22', fields: ['leaders', 'hostUnits', 'coUnits'] }] } });
    expect(await commit(actor, sample, more)).toMatchObject({ created: true, version: 2 });
  });

  it('writes nothing when a correction names an unknown task, or the plan cannot be stored', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    await commit(actor, sample);
    const revised = await noticeFromText('revised.txt', revisedSample());
    const before = await countRows(store, actor.governmentId);

    await expect(commit(actor, revised, { tasks: [{ key: '九/99', hostUnits: ['区财政局'] }] })).rejects.toMatchObject({ code: 'unknown_task' });
    await expect(commit(actor, revised, { units: [{ from: '不存在的单位', to: '区财政局' }] })).rejects.toMatchObject({ code: 'bad_correction' });
    await expect(commit(actor, { ...revised, plan: { ...revised.plan, tasks: [] } })).rejects.toBeInstanceOf(PlanImportError);
    const duplicate = { ...revised.plan, tasks: [...revised.plan.tasks, ...revised.plan.tasks.slice(0, 1)] };
    await expect(commit(actor, { ...revised, plan: duplicate })).rejects.toMatchObject({ code: 'bad_plan' });
    expect(await countRows(store, actor.governmentId)).toEqual(before);
  });

  it('keeps every write, audit rows included, inside the caller transaction', async () => {
    const actor = await freshActor(store);
    await commit(actor, await readNotice(samplePath('notice.txt')));
    const revised = await noticeFromText('revised.txt', revisedSample());
    const before = await countRows(store, actor.governmentId);
    const failing = store.db.transaction().execute(async (trx) => {
      const result = await planImporter.commit(trx, actor, revised.plan, revised.source);
      expect(result.created).toBe(true);
      throw new Error('the caller fails after the import');
    });
    await expect(failing).rejects.toThrow('the caller fails after the import');
    expect(await countRows(store, actor.governmentId)).toEqual(before);
  });
});
