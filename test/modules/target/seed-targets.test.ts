/**
 * The line on the seed notice, on both databases: "Task 1's long-term
 * aims and capacities are not measured after import, and the office can change
 * any target; the lead leader approves changes after the first round."
 *
 * Task 1's aims (levels such as 千亿级) and capacities (GWh, 万吨 of a line) are
 * left unmeasured after import: as the importer reads them, or as the office
 * corrects them in the preview where it did not. Then the office changes a
 * target at once, a round opens, and a further change waits for the task's
 * lead leader, who approves it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/actor.js';
import { isMeasured, type Target } from '../../../src/domain/plan.js';
import { planImporter, type PlanCorrections } from '../../../src/modules/plan/plan-importer.js';
import { roundOpener } from '../../../src/modules/round/round.service.js';
import { approveTargetChange, changeTargets } from '../../../src/modules/target/target.service.js';
import { listTasks } from '../../../src/modules/task/task.repository.js';
import { createUser } from '../../../src/modules/user/user.service.js';
import type { Store } from '../../../src/store/connection.js';
import { describeEachDatabase } from '../../helpers/databases.js';
import { hasSeed, seedPath } from '../../helpers/paths.js';
import { freshActor, openMigrated, readNotice } from '../store-fixture.js';

/** What an aim or a capacity looks like among a task's targets: a level (…亿级), or a production capacity of a line. */
const CAPACITY_UNITS = new Set(['GWh', 'MW', 'GW', '万吨', '吨']);
const isAimOrCapacity = (t: Target): boolean => t.kind === 'level' || (t.kind === 'other' && t.unit !== null && CAPACITY_UNITS.has(t.unit));

describeEachDatabase('the seed: task 1’s aims and capacities unmeasured, its targets changed by the office', (getUrl) => {
  let store: Store;
  beforeAll(async () => {
    store = await openMigrated(getUrl());
  });
  afterAll(async () => {
    await store?.close();
  });

  it.runIf(hasSeed)('leaves them unmeasured after import; the office changes a target at once, then by a request the lead leader approves', async () => {
    const operator = await freshActor(store);
    const seed = await readNotice(seedPath);
    const task1 = seed.plan.tasks.find((t) => t.number === 1);
    if (!task1) throw new Error('the seed has a task 1');
    const aims = task1.targets.filter(isAimOrCapacity);
    expect(aims.length, 'task 1 frames itself with aims and capacities').toBeGreaterThan(1);
    // Where the importer already reads them as such, nothing is corrected; otherwise the office retypes them in the preview.
    const corrections: PlanCorrections = {
      tasks: [
        {
          key: `${task1.section ?? ''}/1`,
          targets: task1.targets.map((t) =>
            isAimOrCapacity(t) && isMeasured(t) ? { ...t, scope: t.kind === 'level' ? 'long_term' : 'capacity', measured: undefined } : t,
          ),
        },
      ],
    };
    const imported = await store.db.transaction().execute((trx) => planImporter.commit(trx, operator, seed.plan, seed.source, { corrections }));
    const stored = (await listTasks(store.db, operator.governmentId, { planId: imported.planId })).find((t) => t.number === 1);
    if (!stored) throw new Error('task 1 is stored');
    const unmeasured = stored.targets.filter((t) => !t.measured);
    for (const aim of aims) expect(unmeasured.some((t) => t.text === aim.text && t.metric === aim.metric)).toBe(true);
    expect(unmeasured.every((t) => t.scope !== 'annual')).toBe(true);
    expect(stored.targets.filter((t) => t.measured).every((t) => t.scope === 'annual')).toBe(true);

    const office = await createUser(store.db, operator, { username: `dcs_${operator.governmentId}`, role: 'office', password: 'Lh-61-Strong!Pass9' });
    const leaderName = stored.leaders[0]?.name;
    if (!leaderName) throw new Error('task 1 has a lead leader');
    const leader = await createUser(store.db, operator, {
      username: `ld_${operator.governmentId}`,
      role: 'leader',
      leaderName,
      password: 'Lh-62-Strong!Pass9',
    });
    const as = (u: { id: number; username: string; role: string; leaderId: number | null }): Actor => ({
      governmentId: operator.governmentId,
      userId: u.id,
      username: u.username,
      role: u.role as Actor['role'],
      unitId: null,
      leaderId: u.leaderId,
      ip: null,
    });
    const version = async (id: number) => (await store.db.selectFrom('targets').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

    const [one, two] = stored.targets.filter((t) => t.measured);
    if (!one || !two) throw new Error('task 1 has annual targets');
    const before = await changeTargets(
      store.db,
      as(office),
      { targetId: one.id },
      { op: 'edit', targetId: one.id, version: await version(one.id), fields: { owners: [stored.hostUnits[0]?.id ?? 0] }, reason: '由第一主办单位承担' },
    );
    expect(before.outcome).toBe('applied');

    await roundOpener.open(store.db, operator, { planId: imported.planId, kind: 'monthly', label: '2026-03', periodEnd: '2026-03-31', dueOn: '2026-04-05' });
    const after = await changeTargets(
      store.db,
      as(office),
      { targetId: two.id },
      { op: 'edit', targetId: two.id, version: await version(two.id), fields: { value: (two.value ?? 0) + 10 }, reason: '区政府常务会议调高目标' },
    );
    expect(after.outcome).toBe('requested');
    const approved = await approveTargetChange(store.db, as(leader), after.request?.id ?? 0, { comment: '同意' });
    expect(approved.status).toBe('approved');
    const now = (await listTasks(store.db, operator.governmentId, { planId: imported.planId })).find((t) => t.number === 1);
    expect(now?.targets.find((t) => t.id === two.id)?.value).toBe((two.value ?? 0) + 10);
  });
});
