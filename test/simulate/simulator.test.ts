/**
 * The simulator's promises: the same seed tells the same story on two fresh
 * databases; every seed deals each kind of unit and task; the story it tells
 * has what a demo needs (late reports, returns, orders, lights of every colour).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { governmentDay } from '../../src/domain/calendar.js';
import { parseUnitDirectory } from '../../src/importer/index.js';
import { dashboard } from '../../src/modules/dashboard/dashboard.service.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { unitDirectoryImporter } from '../../src/modules/unit/unit-directory-importer.js';
import { paceShare, scenario, type Habit, type Pace } from '../../src/simulate/scenario.js';
import { simulate, SimulationError } from '../../src/simulate/simulator.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import { freshSqlitePath, removeSqlitePath } from '../helpers/databases.js';
import { samplePath } from '../helpers/paths.js';
import { checkFigures } from './figure-checks.js';

const opened: { db: OpenedDatabase; path: string }[] = [];
afterAll(async () => {
  for (const { db, path } of opened) {
    await db.store.close();
    removeSqlitePath(path);
  }
});

/** A fresh SQLite database with the sample notice (24 tasks) and its unit directory; `notice` replaces the notice's text. */
async function sampleDatabase(notice?: string): Promise<OpenedDatabase> {
  const path = freshSqlitePath();
  const db = await openDatabase(path, { adminPassword: 'Adm1n-Sim-Passw0rd!', notice: () => undefined });
  opened.push({ db, path });
  const units = readFileSync(samplePath('units.json'), 'utf8');
  const actor = systemActor(db.governmentId, 'test-operator');
  await db.store.db.transaction().execute((trx) => unitDirectoryImporter.commit(trx, actor, parseUnitDirectory(units)));
  const bytes = notice === undefined ? new Uint8Array(readFileSync(samplePath('notice.txt'))) : new TextEncoder().encode(notice);
  await commitImport(db.store, actor, { fileName: 'notice.txt', bytes, units });
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

    // The sample notice is dated 20 February: the story starts that day, and February's round is the first.
    expect(summaryA).toMatchObject({ from: '2026-02-20', until: '2026-04-30', days: 70, rounds: 3 });
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

  it('starts on the notice of March: no round, report, work plan, order or account before it; counts whole, never fewer', async () => {
    // The sample notice, dated 16 March instead of 20 February.
    const sample = readFileSync(samplePath('notice.txt'), 'utf8');
    expect(sample).toContain('2026年2月20日');
    const db = await sampleDatabase(sample.replaceAll('2026年2月20日', '2026年3月16日'));
    const q = db.store.db;
    const issued = '2026-03-16';
    const { seq: before } = await q
      .selectFrom('audit_log')
      .select((e) => e.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const summary = await simulate(q, db.governmentId, { until: '2026-05-31', seed: 3 });
    expect(summary).toMatchObject({ from: issued, rounds: 3 });
    expect(summary.reportsSent).toBeGreaterThan(0);
    expect(summary.workPlans).toBeGreaterThan(0);

    const day = (at: string | null): string | null => (at === null ? null : governmentDay(at));
    const early = (label: string, times: (string | null)[]): void => {
      const days = times.map(day).filter((d): d is string => d !== null);
      expect(days.length, `${label}: some`).toBeGreaterThan(0);
      expect(
        days.filter((d) => d < issued),
        `${label} before the notice`,
      ).toEqual([]);
    };
    const rounds = await q.selectFrom('rounds').select(['label', 'due_on', 'created_at']).orderBy('due_on').execute();
    // The first round is the first one due after the notice: March's, due on the 25th.
    expect(rounds.map((r) => [r.label, r.due_on])).toEqual([
      ['2026-03', '2026-03-25'],
      ['2026-04', '2026-04-25'],
      ['2026-05', '2026-05-25'],
    ]);
    early(
      'rounds',
      rounds.map((r) => r.created_at),
    );
    const reports = await q.selectFrom('reports').select(['created_at', 'approved_at', 'submitted_at', 'accepted_at', 'first_sent_at']).execute();
    early(
      'reports',
      reports.flatMap((r) => [r.created_at, r.approved_at, r.submitted_at, r.accepted_at, r.first_sent_at]),
    );
    early(
      'report events',
      (await q.selectFrom('report_events').select('at').execute()).map((e) => e.at),
    );
    early(
      'work plans',
      (await q.selectFrom('work_plans').select(['created_at', 'submitted_at', 'decided_at']).execute()).flatMap((w) => [
        w.created_at,
        w.submitted_at,
        w.decided_at,
      ]),
    );
    early(
      'orders',
      (await q.selectFrom('orders').select(['issued_at', 'signed_at', 'responded_at']).execute()).flatMap((o) => [o.issued_at, o.signed_at, o.responded_at]),
    );
    early(
      'schedules',
      (await q.selectFrom('schedules').select('created_at').execute()).map((r) => r.created_at),
    );
    early(
      'accounts',
      (await q.selectFrom('users').select('created_at').where('username', 'like', 'sim_%').execute()).map((u) => u.created_at),
    );
    // Everything the simulation changed is in the audit log, at its simulated time.
    early(
      'audit rows',
      (await q.selectFrom('audit_log').select('at').where('seq', '>', Number(before)).execute()).map((r) => r.at),
    );

    // Things counted (企业 in 家, 活动 in 场, 人…) are whole, and a unit's figure never goes down from one round to the next.
    const figures = await checkFigures(q);
    expect(figures.countedTargets, 'the sample has counted targets').toBeGreaterThan(10);
    expect(figures.cumulativeFigures).toBeGreaterThan(100);
    expect(figures.fractional).toEqual([]);
    expect(figures.decreasing).toEqual([]);
  }, 120_000);

  it('refuses a date before the notice', async () => {
    const db = await sampleDatabase();
    await expect(simulate(db.store.db, db.governmentId, { until: '2026-02-19', seed: 1 })).rejects.toThrow('模拟截止日期不能早于 2026-02-20（通知的发文日期）');
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
