/**
 * The office corrects a task's targets in the import preview, on both
 * databases: the task's whole list of targets replaces the importer's
 * reading, so that targets are retyped, renamed, excluded from measurement,
 * split, merged, added or deleted before anything is stored. A correction
 * that does not fit is refused in Chinese and nothing is written. Targets the
 * office changed in the ledger afterwards are a decision a revised notice
 * keeps unless the office takes the notice's.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import type { Target } from '../../../src/domain/plan.js';
import { planImporter, type PlanCorrections } from '../../../src/modules/plan/plan-importer.js';
import { changeTargets } from '../../../src/modules/target/target.service.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { samplePath } from '../../helpers/paths.js';
import { countRows, freshActor, noticeFromText, openMigrated, readNotice, type Notice } from '../store-fixture.js';
import { readFileSync } from 'node:fs';

const KEY = '二/1';

describeEachDatabase('target corrections at import', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store?.close();
  });
  const commit = (actor: Actor, notice: Notice, corrections?: PlanCorrections, override?: { taskNumber: number; section: string; field: 'targets' }[]) =>
    store.db.transaction().execute((trx) => planImporter.commit(trx, actor, notice.plan, notice.source, { corrections, overrides: override }));
  const stored = async (actor: Actor, planId: number) => (await listTasks(store.db, actor.governmentId, { planId })).find((t) => t.key === KEY);

  /** Task 二/1 of the sample, its targets corrected: the levels are long-term aims, one increment split in two, one total deleted, one target added. */
  function corrected(targets: readonly Target[]): PlanCorrections['tasks'] {
    const [first, second, third, ...rest] = targets;
    if (!first || !second || !third) throw new Error('task 二/1 of the sample has at least three targets');
    return [
      {
        key: KEY,
        targets: [
          { ...first, scope: 'long_term', measured: false },
          // Measurement left out: it follows the scope.
          { ...second, metric: '高端装备产业集群规模', kind: 'level', scope: 'scale', measured: undefined },
          { ...third, metric: '新能源材料营收', value: 10 },
          { ...third, metric: '高端装备营收', value: 8, text: undefined },
          ...rest.slice(1),
          { metric: '新增规上企业', kind: 'count', value: 6, unit: '家' },
        ],
      },
    ];
  }

  it('stores the corrected targets of a task, the others as the importer read them', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    const task = sample.plan.tasks.find((t) => `${t.section ?? ''}/${t.number}` === KEY);
    if (!task) throw new Error(`the sample has task ${KEY}`);
    const corrections = { tasks: corrected(task.targets) };

    const preview = await planImporter.preview(store.db, actor.governmentId, sample.plan, sample.source, { corrections });
    const previewed = preview.plan.tasks.find((t) => `${t.section ?? ''}/${t.number}` === KEY);
    expect(previewed?.targets.map((t) => [t.metric, t.scope, t.measured])).toEqual([
      [task.targets[0]?.metric, 'long_term', false],
      ['高端装备产业集群规模', 'scale', false],
      ['新能源材料营收', 'annual', true],
      ['高端装备营收', 'annual', true],
      ...task.targets.slice(4).map((t) => [t.metric, 'annual', true]),
      ['新增规上企业', 'annual', true],
    ]);
    expect(previewed?.targets.at(-1)).toEqual({
      text: '新增规上企业',
      metric: '新增规上企业',
      kind: 'count',
      value: 6,
      unit: '家',
      qualifiers: [],
      scope: 'annual',
      measured: true,
    });

    const result = await commit(actor, sample, corrections);
    const saved = await stored(actor, result.planId);
    expect(saved?.targets.map((t) => [t.metric, t.scope, t.measured, t.value])).toEqual(
      previewed?.targets.map((t) => [t.metric, t.scope ?? 'annual', t.measured ?? true, t.value]),
    );
    const other = (await listTasks(store.db, actor.governmentId, { planId: result.planId })).find((t) => t.key === '二/2');
    expect(other?.targets.map((t) => t.metric)).toEqual(sample.plan.tasks.find((t) => t.number === 2)?.targets.map((t) => t.metric));

    // The same file with the same corrections again changes nothing; the file without them takes the importer's reading back.
    expect((await commit(actor, sample, corrections)).created).toBe(false);
    const copy = await noticeFromText('copy.txt', `${readFileSync(samplePath('notice.txt'), 'utf8')}\n`);
    const back = await commit(actor, copy);
    expect(back).toMatchObject({ created: true, diff: { tasks: { changed: [{ key: KEY, fields: ['targets'] }] } } });
  });

  it('refuses a correction that does not fit, in Chinese, writing nothing', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    const bad = async (targets: unknown[], words: RegExp) => {
      const before = await countRows(store, actor.governmentId);
      const corrections = { tasks: [{ key: KEY, targets }] } as unknown as PlanCorrections;
      const err: unknown = await commit(actor, sample, corrections).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'bad_correction' });
      expect((err as Error).message).toMatch(words);
      expect(await countRows(store, actor.governmentId)).toEqual(before);
    };
    await bad([{ metric: ' ', kind: 'count', value: 1 }], /任务“二\/1”的第 1 个指标的名称/);
    await bad([{ metric: '营收', kind: 'percent', value: 1 }], /的类型不正确/);
    await bad([{ metric: '营收', kind: 'count', value: 1e13 }], /目标值应为绝对值不超过/);
    await bad([{ metric: '营收', kind: 'count', value: 1, scope: 'forever' }], /的性质不正确/);
  });

  it('keeps the targets the office changed in the ledger when a revised notice comes, unless the office takes the notice’s', async () => {
    const actor = await freshActor(store);
    const sample = await readNotice(samplePath('notice.txt'));
    const first = await commit(actor, sample);
    const office = await createUser(store.db, actor, { username: `dcs_${actor.governmentId}`, role: 'office', password: 'Lh-51-Strong!Pass9' });
    const clerk: Actor = {
      governmentId: actor.governmentId,
      userId: office.id,
      username: office.username,
      role: 'office',
      unitId: null,
      leaderId: null,
      ip: null,
    };
    const before = await stored(actor, first.planId);
    const target = before?.targets.find((t) => t.measured);
    if (!before || !target) throw new Error('task 二/1 has targets');
    const row = await store.db.selectFrom('targets').select('version').where('id', '=', target.id).executeTakeFirstOrThrow();
    await changeTargets(
      store.db,
      clerk,
      { targetId: target.id },
      { op: 'edit', targetId: target.id, version: row.version, fields: { measured: false, scope: 'long_term' }, reason: '属长远目标' },
    );
    const added = await changeTargets(
      store.db,
      clerk,
      { taskId: before.id },
      { op: 'add', target: { metric: '新增规上企业', kind: 'count', value: 6, unit: '家' }, reason: '区政府增列' },
    );
    const addedTarget = added.targets.targets.at(-1);
    if (!addedTarget) throw new Error('the target was added');

    const text = readFileSync(samplePath('notice.txt'), 'utf8').replace('年内新增营收18亿元', '年内新增营收20亿元');
    const revised = await noticeFromText('revised.txt', text);
    const preview = await planImporter.preview(store.db, actor.governmentId, revised.plan, revised.source);
    expect(preview.diff.conflicts).toEqual([
      expect.objectContaining({
        key: KEY,
        field: 'targets',
        decision: 'office',
        kept: true,
        message: expect.stringMatching(/^第1项任务的指标已由督查室调整.*保留调整后的指标$/) as unknown,
      }),
    ]);
    const kept = await commit(actor, revised);
    expect(kept.created).toBe(true);
    const afterKept = (await stored(actor, first.planId))?.targets;
    expect(afterKept?.slice(0, -1)).toEqual(before.targets.map((t) => (t.id === target.id ? { ...t, scope: 'long_term', measured: false } : t)));
    expect(afterKept?.at(-1)).toMatchObject({ id: addedTarget.id, metric: '新增规上企业' });

    const taken = await commit(actor, await noticeFromText('revised-2.txt', `${text}\n`), undefined, [{ taskNumber: 1, section: '二', field: 'targets' }]);
    expect(taken.diff.conflicts).toEqual([expect.objectContaining({ field: 'targets', kept: false })]);
    const after = await stored(actor, first.planId);
    expect(after?.targets.map((t) => [t.metric, t.value, t.scope, t.measured])).toEqual(
      revised.plan.tasks.find((t) => t.number === 1)?.targets.map((t) => [t.metric, t.value, t.scope ?? 'annual', t.measured ?? true]),
    );
    // The target the office added is dropped by the notice's list: retired, not deleted, its revision kept.
    const row2 = await store.db.selectFrom('targets').select(['retired_at']).where('id', '=', addedTarget.id).executeTakeFirst();
    expect(row2?.retired_at).not.toBeNull();
    const revisions = await store.db.selectFrom('target_revisions').select('change').where('target_id', '=', addedTarget.id).execute();
    expect(revisions.map((r) => r.change)).toEqual(['add']);
  });
});
