/**
 * A story told to March is the story told to June up to the end of March.
 * The seed, simulated with the same seed to 31 March in one database and to
 * 30 June in another (on SQLite; on PostgreSQL, whose story takes longer to
 * play, to 30 April): the same reports (task,
 * unit, round, status as of 31 March, values, when accepted), the same
 * orders and work plans, the same changes in the audit log up to that day;
 * the same lights on 31 March through the HTTP API, task by task
 * (`GET /api/dashboard?asOf=2026-03-31`); and in June's story, things
 * counted are whole and no unit's figure goes down from one round to the next.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/actor.js';
import { governmentDay } from '../../src/domain/calendar.js';
import { commitImport } from '../../src/modules/plan/plan.service.js';
import { createUser } from '../../src/modules/user/user.service.js';
import { buildApp, type App } from '../../src/server/app.js';
import { simulate, type SimulationSummary } from '../../src/simulate/simulator.js';
import { openDatabase, type OpenedDatabase } from '../../src/startup/open.js';
import type { Tx } from '../../src/store/tx.js';
import { checkAnswersAgainstSchemas } from '../helpers/answer-check.js';
import { databaseKinds, dropDatabase, freshDatabase, hasPostgres, type DatabaseKind } from '../helpers/databases.js';
import { testFiles } from '../helpers/files.js';
import { hasSeed, seedPath } from '../helpers/paths.js';
import { call, signIn, type Session } from '../server/api-fixture.js';
import { checkFigures } from './figure-checks.js';

const SEED = 7;
const MARCH = '2026-03-31';
const JUNE = '2026-06-30';
/** The later date on each database: a longer story on SQLite, a shorter one where each step costs more. */
const LATER: Record<DatabaseKind, string> = { sqlite: JUNE, postgres: '2026-04-30' };
const OBSERVER = { username: 'sim_watcher', password: 'Lh-41-Strong!Pass9' };

interface Story {
  url: string;
  opened: OpenedDatabase;
  app: App;
  session: Session;
  /** The last audit row before the simulation. */
  importedSeq: number;
  summary: SimulationSummary;
}

/** A time by the end of 31 March in Beijing, or null: what was known then. */
const known = (at: string | null): string | null => (at !== null && governmentDay(at) <= MARCH ? at : null);

const STATUS_AFTER: Record<string, string> = {
  edit: 'draft',
  approve: 'approved',
  submit: 'submitted',
  accept: 'accepted',
  return: 'returned',
  void: 'voided',
};

/** What the story had done by the end of 31 March, without the ids and times of the machine that imported the notice. */
async function historyToMarch(q: Tx, importedSeq: number) {
  const rounds = (await q.selectFrom('rounds').select(['id', 'label', 'period_end', 'due_on', 'created_at', 'closed_at']).orderBy('id').execute()).filter(
    (r) => known(r.created_at) !== null,
  );
  const labelOf = new Map(rounds.map((r) => [r.id, r.label]));
  const users = new Map((await q.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]));
  const events = await q.selectFrom('report_events').select(['report_id', 'at', 'action', 'actor_user_id', 'comment']).orderBy('id').execute();
  const values = await q.selectFrom('report_values').select(['report_id', 'target_id', 'value']).orderBy('target_id').execute();
  const reports = (await q.selectFrom('reports').selectAll().orderBy('id').execute())
    .filter((r) => labelOf.has(r.round_id))
    .map((r) => {
      const seen = events.filter((e) => e.report_id === r.id && known(e.at) !== null);
      const status = STATUS_AFTER[seen.at(-1)?.action ?? 'edit'] ?? 'draft';
      return {
        round: labelOf.get(r.round_id),
        task: r.task_id,
        unit: r.unit_id,
        role: r.role,
        status,
        acceptedAt: known(r.accepted_at),
        firstSentAt: known(r.first_sent_at),
        events: seen.map((e) => ({ at: e.at, action: e.action, by: e.actor_user_id === null ? null : users.get(e.actor_user_id), comment: e.comment })),
        // An accepted report's figures are never written again; other reports' figures as of March are in the audit rows of their edits.
        values: status === 'accepted' ? values.filter((v) => v.report_id === r.id).map((v) => [v.target_id, Number(v.value)]) : null,
      };
    });
  const orders = (await q.selectFrom('orders').selectAll().orderBy('serial').execute())
    .filter((o) => known(o.issued_at) !== null)
    .map((o) => ({
      serial: o.serial,
      task: o.task_id,
      unit: o.unit_id,
      grade: o.grade,
      source: o.source,
      rule: o.rule_key,
      reason: o.reason,
      issuedAt: o.issued_at,
      respondBy: o.respond_by,
      signedAt: known(o.signed_at),
      respondedAt: known(o.responded_at),
      response: known(o.responded_at) === null ? null : o.response,
      closedAt: known(o.closed_at),
    }));
  const workPlans = (await q.selectFrom('work_plans').selectAll().orderBy('id').execute())
    .filter((w) => known(w.created_at) !== null)
    .map((w) => ({
      task: w.task_id,
      unit: w.unit_id,
      revision: w.revision,
      createdAt: w.created_at,
      author: w.author_id === null ? null : users.get(w.author_id),
    }));
  const audit = (await q.selectFrom('audit_log').selectAll().where('seq', '>', importedSeq).orderBy('seq').execute())
    .filter((a) => known(a.at) !== null)
    .map((a) => ({ at: a.at, action: a.action, object: `${a.object_type}:${a.object_id ?? ''}`, by: a.actor_username, before: a.before, after: a.after }));
  const notifications = (await q.selectFrom('notifications').select(['user_id', 'kind', 'dedupe_key', 'created_at']).orderBy('id').execute())
    .filter((n) => known(n.created_at) !== null)
    .map((n) => ({ to: users.get(n.user_id), kind: n.kind, key: n.dedupe_key, at: n.created_at }));
  return {
    rounds: rounds.map((r) => ({ label: r.label, periodEnd: r.period_end, dueOn: r.due_on, createdAt: r.created_at, closedAt: known(r.closed_at) })),
    reports,
    orders,
    workPlans,
    audit,
    notifications,
  };
}

async function tell(kind: DatabaseKind, until: string): Promise<Story> {
  const url = await freshDatabase(kind);
  if (url === null) throw new Error(`no ${kind} database`);
  const opened = await openDatabase(url, { adminUsername: 'admin', adminPassword: 'Adm1n-Sim-Passw0rd!', notice: () => undefined });
  const { store, governmentId } = opened;
  const operator = systemActor(governmentId, 'test-operator');
  await commitImport(store, operator, { fileName: 'seed.txt', bytes: new Uint8Array(readFileSync(seedPath)) });
  const { seq } = await store.db
    .selectFrom('audit_log')
    .select((e) => e.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const summary = await simulate(store.db, governmentId, { until, seed: SEED });
  // Someone to read the dashboard with, made after the story (its audit row is not in March).
  await createUser(store.db, operator, { username: OBSERVER.username, role: 'observer', password: OBSERVER.password });
  const app = await buildApp({ store, governmentId, files: testFiles(store) });
  checkAnswersAgainstSchemas(app);
  await app.ready();
  const session = await signIn(app, OBSERVER.username, OBSERVER.password);
  return { url, opened, app, session, importedSeq: Number(seq), summary };
}

for (const kind of databaseKinds) {
  const title = `the seed simulated to March and to ${LATER[kind]} tells the same March [${kind}]`;
  describe.runIf(hasSeed && (kind === 'sqlite' || hasPostgres()))(title, () => {
    const stories: Story[] = [];
    let march: Story;
    let later: Story;
    beforeAll(async () => {
      march = await tell(kind, MARCH);
      stories.push(march);
      later = await tell(kind, LATER[kind]);
      stories.push(later);
    }, 900_000);
    afterAll(async () => {
      for (const s of stories) {
        await s.app.close();
        await s.opened.store.close();
        await dropDatabase(kind, s.url);
      }
    });

    it('the same reports, orders, work plans and changes up to 31 March', async () => {
      expect(march.summary).toMatchObject({ from: '2026-02-13', until: MARCH, rounds: 2 });
      expect(later.summary.rounds).toBeGreaterThan(march.summary.rounds);
      expect(later.importedSeq).toBe(march.importedSeq);
      const [a, b] = [await historyToMarch(march.opened.store.db, march.importedSeq), await historyToMarch(later.opened.store.db, later.importedSeq)];
      // The story to March has something to compare: rounds, accepted and returned reports, work plans, orders.
      expect(a.rounds.map((r) => r.label)).toEqual(['2026-02', '2026-03']);
      expect(a.reports.filter((r) => r.status === 'accepted').length).toBeGreaterThan(20);
      expect(a.reports.some((r) => r.events.some((e) => e.action === 'return'))).toBe(true);
      expect(a.workPlans.length).toBeGreaterThan(0);
      expect(a.orders.length).toBeGreaterThan(0);
      expect(b.rounds).toEqual(a.rounds);
      expect(b.workPlans).toEqual(a.workPlans);
      expect(b.orders).toEqual(a.orders);
      for (const [i, report] of a.reports.entries()) expect(b.reports[i], `report ${report.round} task ${report.task} unit ${report.unit}`).toEqual(report);
      expect(b.reports.length).toBe(a.reports.length);
      expect(b.notifications).toEqual(a.notifications);
      expect(b.audit.length).toBe(a.audit.length);
      for (const [i, row] of a.audit.entries()) expect(b.audit[i], `audit row ${i}: ${row.action} ${row.object}`).toEqual(row);
    });

    it('GET /api/dashboard?asOf=2026-03-31: the same lights, task by task', async () => {
      const read = async (story: Story) => {
        const res = await call(story.app, story.session, 'GET', `/api/dashboard?asOf=${MARCH}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<{ tasks: { taskId: number; key: string }[] } & Record<string, unknown>>();
      };
      const [a, b] = [await read(march), await read(later)];
      expect(a.tasks.length).toBe(39);
      const byKey = new Map(b.tasks.map((t) => [t.key, t]));
      const differ = a.tasks.filter((t) => JSON.stringify(byKey.get(t.key)) !== JSON.stringify(t)).map((t) => [t, byKey.get(t.key)]);
      expect(differ, 'tasks whose light on 31 March differs').toEqual([]);
      expect(b).toEqual(a);
    });

    it("the longer story counts whole things, and no unit's figure goes down from one round to the next", async () => {
      const figures = await checkFigures(later.opened.store.db);
      expect(figures.countedTargets).toBeGreaterThan(20);
      expect(figures.cumulativeFigures).toBeGreaterThan(300);
      expect(figures.fractional).toEqual([]);
      expect(figures.decreasing).toEqual([]);
      // The units' ratings agree with their figures most of the time.
      const res = await call(later.app, later.session, 'GET', `/api/dashboard?asOf=${LATER[kind]}`);
      expect(res.statusCode, res.body).toBe(200);
      const { tasks } = res.json<{ tasks: { source: string; confidenceConflict: boolean }[] }>();
      const withData = tasks.filter((t) => t.source === 'data');
      expect(withData.length).toBeGreaterThan(20);
      expect(withData.filter((t) => t.confidenceConflict).length).toBeLessThanOrEqual(withData.length / 5);
    });
  });
}
