/**
 * The scheduler ticks every government of a deployment, each in its own ledger, on both databases (pg-boss's one
 * queue on PostgreSQL, the in-process timer on SQLite): two governments' scheduled rounds open from one scheduler,
 * and a government added while it runs is ticked at the next slot, without a restart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { importNotice, parseUnitDirectory } from '../../src/importer/index.js';
import { createScheduler, prepareJobQueue, type Scheduler } from '../../src/jobs/scheduler.js';
import type { TickResult } from '../../src/jobs/tick.js';
import { addGovernment } from '../../src/modules/government/government-tree.service.js';
import { sourceOf } from '../../src/modules/plan/plan-importer.js';
import { storeNotice } from '../../src/modules/plan/plan.service.js';
import { setPlanSchedule } from '../../src/modules/schedule/schedule.service.js';
import { openDatabase } from '../../src/startup/open.js';
import type { Store } from '../../src/store/connection.js';
import { describeEachDatabase } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { count, dayClock } from './supervision-helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await sleep(100);
}

describeEachDatabase('the scheduler over several governments', (getUrl, kind) => {
  let store: Store;
  let firstId = 0;

  /** A government with the sample plan on a monthly schedule due on the 25th. */
  async function governmentWithPlan(name: string, parentName?: string): Promise<number> {
    const government = await addGovernment(store.db, systemActor(firstId, 'test'), { name, parentName });
    const directory = parseUnitDirectory(readFileSync(samplePath('units.json'), 'utf8'));
    const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
    const actor = systemActor(government.id, 'test');
    const stored = await storeNotice(store.db, actor, { plan: await importNotice(bytes, { directory }), directory, source: sourceOf('notice.txt', bytes) });
    await setPlanSchedule(store.db, actor, stored.planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, dayClock('2026-04-01'));
    return government.id;
  }

  beforeAll(async () => {
    const opened = await openDatabase(getUrl(), { adminPassword: 'Adm1n-Test-Passw0rd', notice: () => undefined });
    store = opened.store;
    firstId = opened.governmentId;
    if (kind === 'postgres') await prepareJobQueue(getUrl(), firstId);
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  it("opens two governments' rounds, and ticks a government added while it runs", async () => {
    const county = await governmentWithPlan('甲市人民政府');
    expect(county, 'the unnamed government of the new database took the first name').toBe(firstId);
    const district = await governmentWithPlan('乙区人民政府', '甲市人民政府');
    const results: { governmentId: number; of: number; result: TickResult }[] = [];
    const errors: unknown[] = [];
    const scheduler: Scheduler = createScheduler({
      store,
      url: getUrl(),
      governmentId: firstId,
      clock: dayClock('2026-04-15'),
      slotSeconds: 1,
      pollingIntervalSeconds: 0.5,
      onResult: (result, about) => results.push({ governmentId: about?.government.id ?? 0, of: about?.of ?? 0, result }),
      onError: (err) => errors.push(err),
    });
    const ticked = (id: number): TickResult[] => results.filter((r) => r.governmentId === id).map((r) => r.result);
    try {
      await scheduler.start();
      await waitFor(() => ticked(district).length > 0 || errors.length > 0, 30_000);
      expect(errors.map(String)).toEqual([]);
      for (const id of [county, district]) {
        const [first] = ticked(id);
        expect(first?.errors).toEqual([]);
        expect(first?.rounds.opened.map((r) => r.label)).toContain('2026-04');
        expect(await count(store.db, 'rounds', id)).toBe(first?.rounds.opened.length);
        expect(await count(store.db, 'reports', id)).toBe(first?.rounds.opened.reduce((sum, r) => sum + r.reports, 0));
      }
      expect(results[0]?.of).toBe(2);

      const town = await governmentWithPlan('丙镇人民政府', '乙区人民政府');
      await sleep(1_500);
      await scheduler.trigger();
      await waitFor(() => ticked(town).length > 0 || errors.length > 0, 30_000);
      expect(errors.map(String)).toEqual([]);
      expect(ticked(town)[0]?.rounds.opened.map((r) => r.label)).toContain('2026-04');
      expect(await count(store.db, 'rounds', town)).toBeGreaterThan(0);
      expect(results.at(-1)?.of).toBe(3);
      // The rounds already open stay as they were: each government's tick reads its own rows only.
      expect(ticked(county).at(-1)?.rounds.opened).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  }, 180_000);
});
