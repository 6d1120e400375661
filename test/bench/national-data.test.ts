/**
 * The national benchmark's data set (bench/national/generate.ts) at its
 * smallest: generated into a database the migrations made, it reads as the
 * application's own data (dashboards, roll-ups, the ledger), so that the
 * benchmark keeps measuring real answers as the schema moves on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_HANDS_DOWN, PROVINCE_HANDS_DOWN, ROUNDS, UNITS_PER_TASK, generate, shapeAt, type Generated } from '../../bench/national/generate.js';
import { systemActor } from '../../src/domain/actor.js';
import { governmentRollup } from '../../src/modules/assignment/assignment.service.js';
import { dashboard } from '../../src/modules/dashboard/dashboard.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { openDatabase } from '../../src/startup/open.js';
import type { Store } from '../../src/store/connection.js';
import { dropPostgresDatabase, freshPostgresDatabase, hasPostgres, withPgClient } from '../helpers/databases.js';

const SCALE = 0.001;
const AS_OF = '2026-12-10';

describe.skipIf(!hasPostgres())('the national data set [postgres]', () => {
  let url: string;
  let store: Store;
  let made: Generated;
  const shape = shapeAt(SCALE);
  const firstCounty = 2 + shape.cities;

  beforeAll(async () => {
    url = (await freshPostgresDatabase()) ?? '';
    ({ store } = await openDatabase(url, { adminUsername: 'admin', adminPassword: 'Nat-Bench-7f3a-Qx9', notice: () => undefined }));
    made = await withPgClient(url, (client) => generate(client, SCALE, () => undefined));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    if (url) await dropPostgresDatabase(url);
  });

  it('counts what it says: governments in a tree, a report per task, unit and round', async () => {
    expect(made.governments).toBe(1 + shape.cities + shape.counties);
    expect(made.reports).toBe(made.tasks * ROUNDS * UNITS_PER_TASK);
    expect(made.assignments).toBe(shape.cities * PROVINCE_HANDS_DOWN + shape.counties * CITY_HANDS_DOWN);
    const parents = await store.db.selectFrom('governments').select(['id', 'parent_id']).orderBy('id').execute();
    expect(parents[0]).toEqual({ id: 1, parent_id: null });
    for (const g of parents.slice(1)) expect(g.parent_id).toBe(g.id <= 1 + shape.cities ? 1 : 2 + ((g.id - firstCounty) % shape.cities));
  });

  it("gives a county's dashboard every task, green where reported and red where round 12 is overdue", async () => {
    const tasks = await listTasks(store.db, firstCounty);
    const view = await dashboard(store.db, systemActor(firstCounty), { asOf: AS_OF });
    expect(view.total).toBe(tasks.length);
    expect(view.lights.green).toBeGreaterThan(0);
    expect(view.lights.red).toBeGreaterThan(0);
    expect(tasks.filter((t) => t.source)).toHaveLength(CITY_HANDS_DOWN);
    for (const t of tasks) {
      expect(t.hostUnits).toHaveLength(1);
      expect(t.coUnits).toHaveLength(UNITS_PER_TASK - 1);
      expect(t.targets.length).toBeGreaterThan(0);
    }
  });

  it('rolls up the tasks the province handed to each city', async () => {
    const rollup = await governmentRollup(store.db, systemActor(1), AS_OF);
    expect(rollup.items.map((i) => i.governmentId).sort((a, b) => a - b)).toEqual(Array.from({ length: shape.cities }, (_, i) => i + 2));
    for (const item of rollup.items) {
      expect(item.tasks).toBe(PROVINCE_HANDS_DOWN);
      expect(item.lights.green + item.lights.yellow + item.lights.red + item.lights.none).toBe(PROVINCE_HANDS_DOWN);
    }
  });
});
