/**
 * The simulated cascade (issue 16): a city's year with three counties below it that take up its tasks and report.
 * After simulating to a date each county holds the tasks from above with owners and accepted reports, the city's
 * roll-up lists the three counties with figures, the shares of each split target add up to the city's value, and
 * the same seed tells the same story. On SQLite, the demo's database: the services the story goes through (handing
 * down, owners, roll-up) are held on PostgreSQL by test/server/governments.test.ts and governments-access.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { parseUnitDirectory } from '../../src/importer/index.js';
import { taskRollup, type Rollup } from '../../src/modules/assignment/assignment.service.js';
import { addGovernment } from '../../src/modules/government/government-tree.service.js';
import { listGovernments } from '../../src/modules/government/government.repository.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { listTasks } from '../../src/modules/task/task.repository.js';
import { unitDirectoryImporter } from '../../src/modules/unit/unit-directory-importer.js';
import { listUsers } from '../../src/modules/user/user.repository.js';
import { simulateCascade, type CascadeSummary } from '../../src/simulate/cascade.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { dropPostgresDatabase, freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';

const CITY = '云川市人民政府';
const COUNTIES = ['青石县人民政府', '白沙县人民政府', '松岭县人民政府'];
const UNTIL = '2026-05-31';
const SEED = 5;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const clean of cleanups) await clean();
});

/** A fresh database whose one government is the city, with the sample notice and its unit directory. */
async function cityDatabase(url: string | null): Promise<{ db: OpenedDatabase; cityId: number }> {
  const path = url ?? freshSqlitePath();
  const db = await openDatabase(path, { adminPassword: 'Adm1n-Sim-Passw0rd!', notice: () => undefined });
  cleanups.push(async () => {
    await db.store.close();
    if (url === null) removeSqlitePath(path);
    else await dropPostgresDatabase(url);
  });
  const city = await addGovernment(db.store.db, systemActor(db.governmentId, 'test-operator'), { name: CITY });
  const units = readFileSync(samplePath('units.json'), 'utf8');
  const actor = systemActor(city.id, 'test-operator');
  await db.store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, parseUnitDirectory(units)));
  const bytes = new Uint8Array(readFileSync(samplePath('notice.txt')));
  await commitImport(db.store, actor, { fileName: 'notice.txt', bytes, units });
  return { db, cityId: city.id };
}

interface Told {
  summary: CascadeSummary;
  rollups: Rollup[];
}

async function tell(url: string | null): Promise<Told & { db: OpenedDatabase; cityId: number }> {
  const { db, cityId } = await cityDatabase(url);
  const summary = await simulateCascade(db.store.db, cityId, { until: UNTIL, seed: SEED, counties: 3 });
  const office = (await listUsers(db.store.db, cityId)).find((u) => u.role === 'office');
  if (!office) throw new Error('the city has no office account');
  const actor = { governmentId: cityId, userId: office.id, username: office.username, role: office.role, unitId: null, leaderId: null, ip: null };
  const handed = await listTasks(db.store.db, cityId);
  const rollups: Rollup[] = [];
  for (const task of handed) {
    const rollup = await taskRollup(db.store.db, actor, task.id, UNTIL);
    if (rollup.items.length > 0) rollups.push(rollup);
  }
  return { db, cityId, summary, rollups };
}

async function checkCascade({ db, cityId, summary, rollups }: Told & { db: OpenedDatabase; cityId: number }): Promise<void> {
  const q = db.store.db;
  const below = (await listGovernments(q)).filter((g) => g.parentId === cityId);
  expect(below.map((g) => g.name)).toEqual(COUNTIES);
  expect(summary.assigned).toBeGreaterThanOrEqual(3);
  expect(rollups).toHaveLength(summary.assigned);

  for (const county of below) {
    const tasks = (await listTasks(q, county.id)).filter((t) => t.source);
    expect(tasks).toHaveLength(summary.assigned);
    for (const task of tasks) {
      expect(task.source?.governmentId).toBe(cityId);
      expect(task.hostUnits.length).toBeGreaterThan(0);
      expect(task.hostUnits[0]?.name.startsWith(county.name.slice(0, 3))).toBe(true);
    }
    const accepted = await q
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('government_id', '=', county.id)
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    expect(Number(accepted.n)).toBeGreaterThan(0);
    const lower = summary.governments.find((g) => g.governmentId === county.id);
    expect(lower?.summary?.reportsSent).toBeGreaterThan(0);
    expect(lower?.office).toMatch(/_office$/);
  }

  let figures = 0;
  const completions = new Set<string>();
  for (const rollup of rollups) {
    expect(rollup.items.map((i) => i.governmentName)).toEqual(COUNTIES);
    for (const item of rollup.items) {
      expect(item.lastReport).not.toBeNull();
      figures += item.targets.filter((t) => t.value !== null).length;
      completions.add(`${rollup.taskId}:${item.completion}`);
    }
    // Each split target's shares add up to the city's value.
    for (const target of rollup.targets) {
      if (target.combine !== 'sum' || target.value === null || target.sharesTotal === null) continue;
      expect(target.sharesTotal).toBeCloseTo(target.value, 6);
      const parts = rollup.items.map((i) => i.targets.find((t) => t.sourceTargetId === target.targetId)?.share);
      expect(parts.every((p) => p !== undefined && p !== null && p !== target.value)).toBe(true);
    }
  }
  expect(figures).toBeGreaterThan(0);
  // The counties do not all move alike: some lag.
  expect(completions.size).toBeGreaterThan(rollups.length);
}

describe('luoshi simulate --counties', () => {
  it('fills a city with three counties that take up its tasks and report, the same for the same seed (SQLite)', async () => {
    const a = await tell(null);
    await checkCascade(a);
    const b = await tell(null);
    expect(b.rollups).toEqual(a.rollups);
    expect(b.summary).toEqual(a.summary);
  }, 600_000);
});
