/**
 * The simulator's promises: the same seed tells the same story on two fresh
 * databases; every seed deals each kind of unit and task; the story it tells
 * has what a demo needs (late reports, returns, orders, lights of every colour).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { parseUnitDirectory } from '../../src/importer/index.js';
import { dashboard } from '../../src/modules/dashboard/dashboard.service.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { unitDirectoryImporter } from '../../src/modules/unit/unit-directory-importer.js';
import { paceShare, scenario, type Habit, type Pace } from '../../src/simulate/scenario.js';
import { simulate, SimulationError } from '../../src/simulate/simulator.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';

const opened: { db: OpenedDatabase; path: string }[] = [];
afterAll(async () => {
  for (const { db, path } of opened) {
    await db.store.close();
    removeSqlitePath(path);
  }
});

/** A fresh SQLite database with the sample notice (24 tasks) and its unit directory. */
async function sampleDatabase(): Promise<OpenedDatabase> {
  const path = freshSqlitePath();
  const db = await openDatabase(path, { adminPassword: 'Adm1n-Sim-Passw0rd!', notice: () => undefined });
  opened.push({ db, path });
  const units = readFileSync(samplePath('units.json'), 'utf8');
  const actor = systemActor(db.governmentId, 'test-operator');
  await db.store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, parseUnitDirectory(units)));
  await commitImport(db.store, actor, { fileName: 'notice.txt', bytes: new Uint8Array(readFileSync(samplePath('notice.txt'))), units });
  return db;
}

/** What a story leaves behind, without ids or timestamps of the machine. */
async function story(db: OpenedDatabase) {
  const q = db.store.db;
  const reports = await q
    .selectFrom('reports')
    .select(['round_id', 'task_id', 'unit_id', 'status', 'return_count', 'submitted_at', 'confidence'])
    .orderBy('id')
    .execute();
  const orders = await q.selectFrom('orders').select(['serial', 'task_id', 'unit_id', 'grade', 'status', 'rule_key']).orderBy('serial').execute();
  const values = await q.selectFrom('report_values').select(['report_id', 'target_id', 'value']).orderBy('report_id').orderBy('target_id').execute();
  const notifications = await q.selectFrom('notifications').select(['dedupe_key', 'kind']).orderBy('id').execute();
  const view = await dashboard(q, systemActor(db.governmentId), { asOf: '2026-04-30' });
  return { reports, orders, values, notifications, lights: view.lights, lagging: view.lagging.map((l) => l.key) };
}

describe('luoshi simulate', () => {
  it('tells the same story for the same seed, and a story with late reports, returns, orders and every light', async () => {
    const [a, b] = [await sampleDatabase(), await sampleDatabase()];
    const options = { until: '2026-04-30', seed: 11 };
    const summaryA = await simulate(a.store.db, a.governmentId, options);
    const summaryB = await simulate(b.store.db, b.governmentId, options);
    expect(summaryB).toEqual(summaryA);
    const storyA = await story(a);
    expect(await story(b)).toEqual(storyA);

    expect(summaryA).toMatchObject({ from: '2026-01-01', until: '2026-04-30', days: 120, rounds: 4 });
    expect(summaryA.reportsLate).toBeGreaterThan(0);
    expect(summaryA.returns).toBeGreaterThan(0);
    expect(summaryA.workPlans).toBeGreaterThan(0);
    expect(storyA.orders.length).toBeGreaterThan(0);
    expect(storyA.lights.green + storyA.lights.yellow + storyA.lights.red + storyA.lights.none).toBe(24);
    expect(storyA.lights.green).toBeGreaterThan(0);
    expect(storyA.lights.red + storyA.lights.yellow).toBeGreaterThan(0);

    // A plan under way is not simulated again: the history stays as it is.
    await expect(simulate(a.store.db, a.governmentId, options)).rejects.toBeInstanceOf(SimulationError);
    expect(await story(a)).toEqual(storyA);
  }, 120_000);

  it('refuses a date before the plan year', async () => {
    const db = await sampleDatabase();
    await expect(simulate(db.store.db, db.governmentId, { until: '2025-12-31', seed: 1 })).rejects.toThrow('模拟截止日期应在 2026-01-01 之后');
  });
});

describe('the scenario', () => {
  const units = Array.from({ length: 12 }, (_, i) => 100 + i);
  const tasks = Array.from({ length: 16 }, (_, i) => 500 + i);

  it('deals every habit and every pace, whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = scenario(seed, units, tasks);
      expect(new Set(units.map((u) => s.habitOf(u)))).toEqual(new Set<Habit>(['prompt', 'usual', 'tardy']));
      expect(new Set(tasks.map((t) => s.paceOf(t)))).toEqual(new Set<Pace>(['ahead', 'steady', 'slipping', 'behind', 'recovering']));
    }
  });

  it('keeps paces apart: ahead of the calendar, on it, behind it, and recovering by autumn', () => {
    expect(paceShare('ahead', 0.5)).toBeGreaterThan(0.5);
    expect(paceShare('steady', 0.5)).toBeGreaterThan(0.4);
    expect(paceShare('behind', 0.5)).toBeLessThan(0.3);
    expect(paceShare('recovering', 0.2)).toBeLessThan(0.1);
    expect(paceShare('recovering', 0.75)).toBeGreaterThan(0.65);
  });
});
