/** listTasks: filters, and a fixed number of queries whatever the number of tasks. */
import { defaultCombine } from '../../src/domain/completion.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { ensureGovernment } from '../../src/modules/government/government.repository.js';
import { planImporter } from '../../src/modules/plan/plan-importer.js';
import { listLeaders } from '../../src/modules/leader/leader.repository.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { ledgerJson } from '../../src/modules/task/task.service.js';
import { listUnits } from '../../src/modules/unit/unit.repository.js';
import type { Store } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { freshActor, openMigrated, readNotice, type Notice } from './store-fixture.js';

/** Counts the statements a database handle executes (one result each; subqueries are part of their statement). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return Promise.resolve(args.result);
  }
}

describeEachDatabase('task list', (getUrl) => {
  let store: Store;
  let actor: Actor;
  let sample: Notice;
  let planId: number;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
    actor = await freshActor(store);
    sample = await readNotice(samplePath('notice.txt'));
    planId = (await store.db.transaction().execute((trx) => planImporter.commit(trx, actor, sample.plan, sample.source))).planId;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('lists every task in notice order with its section, owners, targets and projects', async () => {
    const tasks = await listTasks(store.db, actor.governmentId, { planId });
    expect(tasks.map((t) => t.key)).toEqual(sample.plan.tasks.map((t) => `${t.section ?? ''}/${t.number}`));
    const [first] = tasks;
    const parsed = sample.plan.tasks[0];
    expect(first?.section?.number).toBe('二');
    expect(first?.leaders.map((l) => l.name)).toEqual(parsed?.leaders);
    expect(first?.hostUnits.map((u) => u.name)).toEqual(parsed?.hostUnits);
    expect(first?.targets.map(({ id: _id, position: _p, combine: _c, ...t }) => t)).toEqual(parsed?.targets);
    // How several units' figures combine: summed for amounts and counts, per unit for rates and levels.
    for (const t of first?.targets ?? []) expect(t.combine).toBe(defaultCombine(t));
    expect(first?.projects.map((p) => ({ name: p.name, stage: p.stage }))).toEqual(parsed?.projects);
  });

  it('filters by unit, leader and section', async () => {
    const unit = (await listUnits(store.db, actor.governmentId)).find((u) => u.name === '区财政局');
    const byUnit = await listTasks(store.db, actor.governmentId, { unitId: unit?.id ?? -1 });
    const expectedUnit = sample.plan.tasks.filter((t) => [...t.hostUnits, ...t.coUnits].includes('区财政局')).length;
    expect(byUnit).toHaveLength(expectedUnit);
    expect(expectedUnit).toBeGreaterThan(0);

    const leader = (await listLeaders(store.db, actor.governmentId)).find((l) => l.name === '罗清禾');
    const byLeader = await listTasks(store.db, actor.governmentId, { leaderId: leader?.id ?? -1 });
    expect(byLeader.map((t) => t.number)).toEqual(sample.plan.tasks.filter((t) => t.leaders.includes('罗清禾')).map((t) => t.number));

    const sectionId = byUnit[0]?.section?.id ?? -1;
    const bySection = await listTasks(store.db, actor.governmentId, { planId, sectionId });
    expect(bySection.every((t) => t.section?.id === sectionId)).toBe(true);
    expect(bySection.length).toBeGreaterThan(0);

    const other = await ensureGovernment(store.db);
    if (other.id !== actor.governmentId) expect(await listTasks(store.db, other.id, { planId })).toEqual([]);
  });

  it('searches the listed tasks in a fixed number of queries, whatever the words', async () => {
    const counted = async (q: string): Promise<{ count: number; items: number }> => {
      const counter = new QueryCounter();
      const json = await ledgerJson(store.db.withPlugin(counter), actor, { planId, q }, (tasks) => JSON.stringify(tasks.map((t) => t.key)));
      return { count: counter.count, items: (JSON.parse(json) as string[]).length };
    };
    const one = await counted('建设');
    const three = await counted('建设 区财政局 各镇街');
    expect(one.items).toBeGreaterThan(three.items);
    expect(three.items).toBeGreaterThan(0);
    // The audit head, the six reads of the list and the two of the words' unit names.
    expect(one.count).toBe(9);
    expect(three.count).toBe(9);
  });

  it('reads all tasks in six queries', async () => {
    const counter = new QueryCounter();
    const tasks = await listTasks(store.db.withPlugin(counter), actor.governmentId, { planId });
    expect(tasks).toHaveLength(24);
    expect(counter.count).toBe(6);
  });
});
