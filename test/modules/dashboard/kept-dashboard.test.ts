/**
 * A kept dashboard (ADR 0033) must say exactly what evaluating the plan in
 * full says. A simulated spring (20 February to 30 April) of the sample notice (reports sent, late,
 * returned and accepted, work plans, orders, rounds opened and closed) runs
 * day by day; at the end of each day the dashboard kept for a fixed date (the
 * year's end, caught up from the audit rows of that day) and the one of the
 * day itself are read through the service and held against the plan
 * evaluated in full, not kept. Then the pages, and a standby that cannot write.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../src/domain/actor.js';
import { parseUnitDirectory } from '../../../src/importer/index.js';
import { appendAudit } from '../../../src/modules/audit/audit.repository.js';
import type { Paging } from '../../../src/modules/dashboard/dashboard-aggregate.js';
import { dashboard, evaluatedDashboard, planLights } from '../../../src/modules/dashboard/dashboard.service.js';
import { commitImport } from '../../../src/modules/plan/plan.service.js';
import { newestPlanRef } from '../../../src/modules/status/status.repository.js';
import { unitDirectoryImporter } from '../../../src/modules/unit/unit-directory-importer.js';
import { simulate } from '../../../src/simulate/simulator.js';
import { openDatabase, type OpenedDatabase } from '../../../src/startup/open.js';
import { openStore } from '../../../src/store/connection.js';
import { freshSqlitePath, removeSqlitePath } from '../../helpers/databases.js';
import { samplePath } from '../../helpers/paths.js';

const opened: { db: OpenedDatabase; path: string }[] = [];
afterAll(async () => {
  for (const { db, path } of opened) {
    await db.store.close();
    removeSqlitePath(path);
  }
});

async function sampleDatabase(): Promise<OpenedDatabase> {
  const path = freshSqlitePath();
  const db = await openDatabase(path, { adminPassword: 'Adm1n-Kept-Passw0rd!', notice: () => undefined });
  opened.push({ db, path });
  const units = readFileSync(samplePath('units.json'), 'utf8');
  const actor = systemActor(db.governmentId, 'test-operator');
  await db.store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, parseUnitDirectory(units)));
  await commitImport(db.store, actor, { fileName: 'notice.txt', bytes: new Uint8Array(readFileSync(samplePath('notice.txt'))), units });
  return db;
}

/** The database the first test fills; the second reads it (simulating a season takes a while). */
let spring: OpenedDatabase | undefined;

const ALL: Paging = { laggingOffset: 0, laggingLimit: 500, taskOffset: 0, taskLimit: 1000, groupLimit: 2000 };

describe('a kept dashboard', () => {
  it('says what the plan evaluated in full says, day after day of a simulated spring, for a fixed date and for each day', async () => {
    const db = await sampleDatabase();
    spring = db;
    const q = db.store.db;
    const actor = systemActor(db.governmentId, 'test-reader');
    const plan = await newestPlanRef(q, db.governmentId);
    if (!plan) throw new Error('no plan');
    let days = 0;
    let caughtUp = 0;
    const colours = new Set<string>();
    await simulate(q, db.governmentId, {
      until: '2026-04-30',
      seed: 5,
      onDay: async (date) => {
        days += 1;
        for (const asOf of ['2026-12-31', date]) {
          const before = await q.selectFrom('dashboard_snapshots').select(['head_seq']).where('as_of', '=', asOf).executeTakeFirst();
          const kept = await dashboard(q, actor, { asOf, ...ALL });
          const full = await evaluatedDashboard(q, db.governmentId, plan, asOf, ALL);
          expect(kept, `${asOf} read on ${date}`).toEqual(full);
          if (before !== undefined && asOf === '2026-12-31') caughtUp += 1;
          for (const [light, n] of Object.entries(kept.lights)) if (n > 0) colours.add(light);
        }
      },
    });
    expect(days).toBeGreaterThan(60);
    // The fixed date's snapshot was caught up from the day's changes, not evaluated anew each day.
    expect(caughtUp).toBe(days - 1);
    expect(colours).toEqual(new Set(['green', 'yellow', 'red', 'none']));

    // The ledger's lights are the same as the dashboard's tasks, in notice order.
    const lights = await planLights(q, actor, { asOf: '2026-04-30' });
    expect(lights.items).toEqual((await dashboard(q, actor, { asOf: '2026-04-30', ...ALL })).tasks);
  }, 300_000);

  it('pages its lists: the lagging worst first and the tasks in notice order, with the totals to page through', async () => {
    const db = spring;
    if (!db) throw new Error('the simulated spring is the first test’s');
    const q = db.store.db;
    const actor = systemActor(db.governmentId, 'test-reader');
    const whole = await dashboard(q, actor, { asOf: '2026-04-30', ...ALL });
    expect(whole.lagging.length).toBeGreaterThan(2);
    expect(whole.pages.lagging.total).toBe(whole.lights.red + whole.lights.yellow);
    expect(whole.pages.tasks.total).toBe(whole.total);

    const lagging = [];
    for (let offset = 0; offset < whole.pages.lagging.total; offset += 2)
      lagging.push(...(await dashboard(q, actor, { asOf: '2026-04-30', laggingOffset: offset, laggingLimit: 2 })).lagging);
    expect(lagging).toEqual(whole.lagging);

    const first = await dashboard(q, actor, { asOf: '2026-04-30', taskOffset: 5, taskLimit: 3 });
    expect(first.tasks).toEqual(whole.tasks.slice(5, 8));
    expect(first.targets).toEqual(whole.targets.filter((t) => first.tasks.some((x) => x.taskId === t.taskId)));
    expect(first.pages.tasks).toEqual({ offset: 5, limit: 3, total: whole.total });
    // The counts do not depend on the page.
    expect(first.lights).toEqual(whole.lights);
    expect(first.byUnit).toEqual(whole.byUnit);

    const few = await dashboard(q, actor, { asOf: '2026-04-30', groupLimit: 1 });
    expect(few.byUnit).toEqual(whole.byUnit.slice(0, 1));
    expect(few.pages.groups).toEqual({ limit: 1, sections: whole.bySection.length, leaders: whole.byLeader.length, units: whole.byUnit.length });
  }, 300_000);

  it('is read from a standby only when the snapshot kept there is as new as the standby’s audit log', async () => {
    const db = spring;
    if (!db) throw new Error('the simulated spring is the first test’s');
    const q = db.store.db;
    const actor = systemActor(db.governmentId, 'test-reader');
    const headOf = async (where: typeof q, asOf: string): Promise<number | undefined> =>
      (
        await where
          .selectFrom('dashboard_snapshots')
          .select('head_seq')
          .where('government_id', '=', db.governmentId)
          .where('as_of', '=', asOf)
          .executeTakeFirst()
      )?.head_seq;
    await dashboard(q, actor, { asOf: '2026-04-30' });
    // The standby: a copy of the primary taken now, its snapshot of 30 April current, none of 1 July.
    const copy = freshSqlitePath();
    await sql`VACUUM INTO ${copy}`.execute(q);
    const standby = openStore(copy);
    try {
      const [task] = await q.selectFrom('tasks').select('id').where('government_id', '=', db.governmentId).limit(1).execute();
      if (!task) throw new Error('no task');
      // A change on the primary the standby has not received.
      await q.transaction().execute((trx) => appendAudit(trx, actor, { action: 'task.update', objectType: 'task', objectId: task.id }));
      const kept = await headOf(q, '2026-04-30');

      const fromStandby = await dashboard(q, actor, { asOf: '2026-04-30', taskLimit: 7 }, undefined, standby.db);
      expect(fromStandby.total).toBeGreaterThan(0);
      // Read where it was current: the primary's snapshot was not caught up by this request.
      expect(await headOf(q, '2026-04-30')).toBe(kept);

      // Nothing kept on the standby for 1 July: the primary evaluates and keeps it.
      expect(await headOf(q, '2026-07-01')).toBeUndefined();
      await dashboard(q, actor, { asOf: '2026-07-01' }, undefined, standby.db);
      expect(await headOf(q, '2026-07-01')).toBeDefined();
      expect(await headOf(standby.db, '2026-07-01')).toBeUndefined();
    } finally {
      await standby.close();
      removeSqlitePath(copy);
    }
  }, 120_000);
});
