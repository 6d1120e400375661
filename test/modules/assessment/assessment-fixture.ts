/**
 * A small plan whose history is written straight into the tables (rounds,
 * reports with their send times, report events, light snapshots, accepted
 * figures, orders), so that every point of the assessment can be predicted
 * by hand. Year 2026; rounds 2026-03 (opened 26 March, due 5 April, closed
 * 10 April) and 2026-04 (opened 26 April, due 5 May, still open).
 *
 * | unit     | task | what happens                                                                 |
 * |----------|------|------------------------------------------------------------------------------|
 * | 区工信局 | 1    | hosts; both reports on time; target X1 met (accepted report, 6 May); order 3 answered late |
 * | 区安全局 | 1, 2 | co-unit on 1 (on time in 2026-03, unsent in 2026-04); hosts 2: 2026-03 sent 00:30 on 6 April Beijing time (late), 2026-04 sent 10 May (late); target X2 met (target_progress, 20 May); X7 a long-term aim, never scored; order 2 answered in time |
 * | 区文化局 | 3    | hosts with the group 各镇街; never reports; red at the closes of 2026-03 (closed 10 April) and 2026-04; order 1 unanswered; X3 只减不增 without any figure (nobody reported it) |
 * | 区林业局 | 4    | first submitted 1 April, returned 2 April, submitted again 8 April; unsent in 2026-04; X5 count behind |
 * | 区平和局 | 5    | on time in 2026-03, unsent in 2026-04; X6 without any figure                  |
 * | 区外事局 | —    | no part in the plan                                                          |
 */
import { systemActor, type Actor } from '../../../src/domain/actor.js';
import { createGovernment } from '../../../src/modules/government/government.repository.js';
import type { Store } from '../../../src/store/connection.js';
import type { Tx } from '../../../src/store/tx.js';
import { openMigrated } from '../store-fixture.js';

const T0 = '2026-02-20T01:00:00.000Z';

export interface AssessmentWorld {
  store: Store;
  governmentId: number;
  operator: Actor;
  planId: number;
  units: Record<'gx' | 'aq' | 'wh' | 'ly' | 'ph' | 'ws' | 'group', number>;
  tasks: Record<1 | 2 | 3 | 4 | 5, number>;
  targets: Record<'x1' | 'x2' | 'x3' | 'x4' | 'x5' | 'x6' | 'x7', number>;
  rounds: { march: number; april: number };
  /** reports[round][task/unit]: the report's id. */
  reports: {
    march: Record<'gx1' | 'aq1' | 'aq2' | 'wh3' | 'ly4' | 'ph5', number>;
    april: Record<'gx1' | 'aq1' | 'aq2' | 'wh3' | 'ly4' | 'ph5', number>;
  };
  orders: { toWh: number; toAq: number; toGx: number };
}

export const UNIT_NAMES = { gx: '区工信局', aq: '区安全局', wh: '区文化局', ly: '区林业局', ph: '区平和局', ws: '区外事局', group: '各镇街' } as const;

async function unit(db: Tx, governmentId: number, name: string, kind = 'department'): Promise<number> {
  return (
    await db.insertInto('units').values({ government_id: governmentId, name, kind, created_at: T0, updated_at: T0 }).returning('id').executeTakeFirstOrThrow()
  ).id;
}

async function plan(db: Tx, governmentId: number, year: number, title: string): Promise<number> {
  return (
    await db
      .insertInto('plans')
      .values({ government_id: governmentId, year, title, doc_number: null, issuer: null, issued_on: null, current_version: 1, created_at: T0, updated_at: T0 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function task(db: Tx, governmentId: number, planId: number, n: number, units: { id: number; role: 'host' | 'co' }[], status = 'active'): Promise<number> {
  const id = (
    await db
      .insertInto('tasks')
      .values({
        government_id: governmentId,
        plan_id: planId,
        section_id: null,
        key: `一/${n}`,
        number: n,
        text: `第${n}项任务`,
        deadline: null,
        deadline_text: null,
        host_signal: 'label',
        status,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('task_units')
    .values(units.map((u, position) => ({ government_id: governmentId, task_id: id, unit_id: u.id, role: u.role, position })))
    .execute();
  return id;
}

async function target(
  db: Tx,
  governmentId: number,
  planId: number,
  taskId: number,
  t: { text: string; metric: string; kind: string; value: number | null; unit: string | null; scope?: string; measured?: number },
): Promise<number> {
  return (
    await db
      .insertInto('targets')
      .values({ government_id: governmentId, plan_id: planId, task_id: taskId, position: 0, qualifiers: '[]', ...t })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function round(
  db: Tx,
  governmentId: number,
  planId: number,
  label: string,
  periodEnd: string,
  dueOn: string,
  openedAt: string,
  closedAt: string | null,
): Promise<number> {
  return (
    await db
      .insertInto('rounds')
      .values({
        government_id: governmentId,
        plan_id: planId,
        kind: 'monthly',
        label,
        period_end: periodEnd,
        due_on: dueOn,
        status: closedAt ? 'closed' : 'open',
        created_by: null,
        created_at: openedAt,
        closed_at: closedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

interface ReportRow {
  role?: 'host' | 'co';
  status?: string;
  approvedAt?: string | null;
  submittedAt?: string | null;
  acceptedAt?: string | null;
  /** When it first left its unit, as the report steps keep it. */
  firstSentAt?: string | null;
}

async function report(db: Tx, governmentId: number, roundId: number, taskId: number, unitId: number, r: ReportRow = {}): Promise<number> {
  return (
    await db
      .insertInto('reports')
      .values({
        government_id: governmentId,
        round_id: roundId,
        task_id: taskId,
        unit_id: unitId,
        role: r.role ?? 'host',
        status: r.status ?? 'draft',
        approved_at: r.approvedAt ?? null,
        submitted_at: r.submittedAt ?? null,
        accepted_at: r.acceptedAt ?? null,
        first_sent_at: r.firstSentAt ?? null,
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function reportEvent(db: Tx, governmentId: number, reportId: number, action: string, at: string): Promise<void> {
  await db
    .insertInto('report_events')
    .values({ government_id: governmentId, report_id: reportId, at, actor_user_id: null, action, comment: action === 'return' ? '请补充数据' : null })
    .execute();
}

async function order(
  db: Tx,
  governmentId: number,
  planId: number,
  taskId: number,
  unitId: number,
  serial: number,
  respondBy: string,
  respondedAt: string | null,
): Promise<number> {
  const issuedAt = '2026-04-12T01:00:00.000Z';
  return (
    await db
      .insertInto('orders')
      .values({
        government_id: governmentId,
        plan_id: planId,
        task_id: taskId,
        unit_id: unitId,
        serial,
        grade: 'blue',
        reason: '报告逾期',
        source: 'manual',
        rule_key: null,
        issued_by: null,
        issued_at: issuedAt,
        respond_by: respondBy,
        status: respondedAt ? 'answered' : 'issued',
        responded_at: respondedAt,
        response: respondedAt ? '已整改' : null,
        created_at: issuedAt,
        updated_at: issuedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** Builds the plan of the table above in a government of its own. */
export async function buildWorld(url: string): Promise<AssessmentWorld> {
  const store = await openMigrated(url);
  const db = store.db;
  const government = await createGovernment(db, `考核测试区${Math.random().toString(36).slice(2, 8)}`);
  const g = government.id;
  // An older plan: the newest (2026) is the default.
  await plan(db, g, 2025, '2025年重点任务分解');
  const planId = await plan(db, g, 2026, '2026年重点任务分解');

  const units = {
    gx: await unit(db, g, UNIT_NAMES.gx),
    aq: await unit(db, g, UNIT_NAMES.aq),
    wh: await unit(db, g, UNIT_NAMES.wh),
    ly: await unit(db, g, UNIT_NAMES.ly, 'town'),
    ph: await unit(db, g, UNIT_NAMES.ph),
    ws: await unit(db, g, UNIT_NAMES.ws),
    group: await unit(db, g, UNIT_NAMES.group, 'group'),
  };
  const tasks = {
    1: await task(db, g, planId, 1, [
      { id: units.gx, role: 'host' },
      { id: units.aq, role: 'co' },
    ]),
    2: await task(db, g, planId, 2, [{ id: units.aq, role: 'host' }]),
    3: await task(db, g, planId, 3, [
      { id: units.wh, role: 'host' },
      { id: units.group, role: 'host' },
    ]),
    4: await task(db, g, planId, 4, [{ id: units.ly, role: 'host' }]),
    5: await task(db, g, planId, 5, [{ id: units.ph, role: 'host' }]),
  };
  const targets = {
    x1: await target(db, g, planId, tasks[1], { text: '新增营收18亿元', metric: '营收', kind: 'increment', value: 18, unit: '亿元' }),
    x2: await target(db, g, planId, tasks[2], { text: '增长10%', metric: '社会消费品零售总额', kind: 'growth_rate', value: 10, unit: '%' }),
    // A long-term aim: shown with its task, never scored.
    x7: await target(db, g, planId, tasks[2], {
      text: '到2030年建成区域消费中心',
      metric: '消费中心',
      kind: 'count',
      value: 1,
      unit: '个',
      scope: 'long_term',
      measured: 0,
    }),
    x3: await target(db, g, planId, tasks[3], { text: '安全事故只减不增', metric: '安全事故', kind: 'reduction', value: null, unit: null }),
    x4: await target(db, g, planId, tasks[1], { text: '营商环境持续优化', metric: '营商环境', kind: 'other', value: null, unit: null }),
    x5: await target(db, g, planId, tasks[4], { text: '举办活动30场', metric: '活动', kind: 'count', value: 30, unit: '场' }),
    x6: await target(db, g, planId, tasks[5], { text: '高新技术企业总量突破240家', metric: '高新技术企业', kind: 'total', value: 240, unit: '家' }),
  };
  // A headline target of the plan scores nobody.
  await db
    .insertInto('targets')
    .values({
      government_id: g,
      plan_id: planId,
      task_id: null,
      position: 0,
      text: '地区生产总值增长6.5%',
      metric: '地区生产总值',
      kind: 'growth_rate',
      value: 6.5,
      unit: '%',
      qualifiers: '[]',
    })
    .execute();

  const rounds = {
    march: await round(db, g, planId, '2026-03', '2026-03-31', '2026-04-05', '2026-03-26T01:00:00.000Z', '2026-04-10T02:00:00.000Z'),
    april: await round(db, g, planId, '2026-04', '2026-04-30', '2026-05-05', '2026-04-26T01:00:00.000Z', null),
  };

  const march = {
    gx1: await report(db, g, rounds.march, tasks[1], units.gx, {
      status: 'accepted',
      submittedAt: '2026-04-04T10:00:00.000Z',
      firstSentAt: '2026-04-04T10:00:00.000Z',
      acceptedAt: '2026-04-07T02:00:00.000Z',
    }),
    aq1: await report(db, g, rounds.march, tasks[1], units.aq, {
      role: 'co',
      status: 'approved',
      approvedAt: '2026-04-03T02:00:00.000Z',
      firstSentAt: '2026-04-03T02:00:00.000Z',
    }),
    // 00:30 on 6 April in Beijing, still 5 April in UTC: late.
    aq2: await report(db, g, rounds.march, tasks[2], units.aq, {
      status: 'submitted',
      submittedAt: '2026-04-05T16:30:00.000Z',
      firstSentAt: '2026-04-05T16:30:00.000Z',
    }),
    wh3: await report(db, g, rounds.march, tasks[3], units.wh),
    // submitted_at keeps the latest submission; first_sent_at (and the timeline) the first.
    ly4: await report(db, g, rounds.march, tasks[4], units.ly, {
      status: 'accepted',
      submittedAt: '2026-04-08T03:00:00.000Z',
      firstSentAt: '2026-04-01T01:00:00.000Z',
      acceptedAt: '2026-04-09T03:00:00.000Z',
    }),
    // 16:00 on the due day in Beijing.
    ph5: await report(db, g, rounds.march, tasks[5], units.ph, {
      status: 'submitted',
      submittedAt: '2026-04-05T08:00:00.000Z',
      firstSentAt: '2026-04-05T08:00:00.000Z',
    }),
  };
  await reportEvent(db, g, march.ly4, 'submit', '2026-04-01T01:00:00.000Z');
  await reportEvent(db, g, march.ly4, 'return', '2026-04-02T03:00:00.000Z');
  await reportEvent(db, g, march.ly4, 'submit', '2026-04-08T03:00:00.000Z');
  await reportEvent(db, g, march.ly4, 'accept', '2026-04-09T03:00:00.000Z');

  const april = {
    gx1: await report(db, g, rounds.april, tasks[1], units.gx, {
      status: 'accepted',
      submittedAt: '2026-05-04T02:00:00.000Z',
      firstSentAt: '2026-05-04T02:00:00.000Z',
      acceptedAt: '2026-05-06T02:00:00.000Z',
    }),
    aq1: await report(db, g, rounds.april, tasks[1], units.aq, { role: 'co' }),
    aq2: await report(db, g, rounds.april, tasks[2], units.aq, {
      status: 'accepted',
      submittedAt: '2026-05-10T02:00:00.000Z',
      firstSentAt: '2026-05-10T02:00:00.000Z',
      acceptedAt: '2026-05-20T02:00:00.000Z',
    }),
    wh3: await report(db, g, rounds.april, tasks[3], units.wh),
    ly4: await report(db, g, rounds.april, tasks[4], units.ly),
    ph5: await report(db, g, rounds.april, tasks[5], units.ph),
  };
  // X1: 5 in the March report (accepted 7 April), 20 of 18 in the April one (accepted 6 May).
  await db.insertInto('report_values').values({ government_id: g, report_id: april.gx1, target_id: targets.x1, value: 20 }).execute();
  await db.insertInto('report_values').values({ government_id: g, report_id: march.gx1, target_id: targets.x1, value: 5 }).execute();
  const progress = (targetId: number, taskId: number, value: number, periodEnd: string, reportId: number, at: string) =>
    db
      .insertInto('target_progress')
      .values({ government_id: g, target_id: targetId, plan_id: planId, task_id: taskId, value, period_end: periodEnd, report_id: reportId, updated_at: at })
      .execute();
  // The accepted reports' own figures, which the lights read (target_progress mirrors them for its other readers).
  await db.insertInto('report_values').values({ government_id: g, report_id: april.aq2, target_id: targets.x2, value: 10.5 }).execute();
  await db.insertInto('report_values').values({ government_id: g, report_id: march.ly4, target_id: targets.x5, value: 12 }).execute();
  await progress(targets.x1, tasks[1], 20, '2026-04-30', april.gx1, '2026-05-06T02:00:00.000Z');
  await progress(targets.x2, tasks[2], 10.5, '2026-04-30', april.aq2, '2026-05-20T02:00:00.000Z');
  await progress(targets.x5, tasks[4], 12, '2026-03-31', march.ly4, '2026-04-09T03:00:00.000Z');

  const light = (taskId: number, asOf: string, roundId: number, value: string) =>
    db.insertInto('task_lights').values({ government_id: g, plan_id: planId, task_id: taskId, as_of: asOf, round_id: roundId, light: value }).execute();
  await light(tasks[3], '2026-03-31', rounds.march, 'red');
  await light(tasks[3], '2026-04-30', rounds.april, 'red');
  await light(tasks[2], '2026-03-31', rounds.march, 'yellow');
  await light(tasks[1], '2026-03-31', rounds.march, 'green');

  const orders = {
    toWh: await order(db, g, planId, tasks[3], units.wh, 1, '2026-04-19', null),
    toAq: await order(db, g, planId, tasks[2], units.aq, 2, '2026-04-19', '2026-04-18T03:00:00.000Z'),
    toGx: await order(db, g, planId, tasks[1], units.gx, 3, '2026-04-19', '2026-04-21T03:00:00.000Z'),
  };

  return { store, governmentId: g, operator: systemActor(g, 'test-operator'), planId, units, tasks, targets, rounds, reports: { march, april }, orders };
}
