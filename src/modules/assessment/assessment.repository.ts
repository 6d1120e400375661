/**
 * What the assessment reads: the units it scores and the facts behind their
 * points, as known before `end` (the instant the assessed date ends in
 * Beijing, status/calendar.ts dayEndInstant). A fixed number of queries per
 * plan, whatever the number of units, tasks or rounds. Reads only; the
 * assessment writes nothing. The targets' figures are not read here: they
 * are the status module's (evaluatePlan), as of the same date.
 */
import type { Tx } from '../../store/tx.js';
import type { PlanRef } from '../plan/plan.repository.js';
import type { LightFact, OrderFact, ReportFact, ReturnFact } from './assessment.events.js';
import { readInChunks } from '../../store/chunks.js';

export interface ScoredUnit {
  id: number;
  name: string;
}

export async function findUnit(db: Tx, governmentId: number, unitId: number): Promise<{ id: number; name: string; kind: string } | undefined> {
  return db.selectFrom('units').select(['id', 'name', 'kind']).where('government_id', '=', governmentId).where('id', '=', unitId).executeTakeFirst();
}

/**
 * The units the plan scores on the date: those that host a task of it (not
 * removed), own one of its targets, owe a report in one of its rounds opened
 * by then, or received one of its orders by then. Unit groups (各镇街) are
 * placeholders, not units that can be scored.
 */
export async function unitsOfPlan(db: Tx, governmentId: number, planId: number, end: string): Promise<ScoredUnit[]> {
  return db
    .selectFrom('units')
    .select(['units.id', 'units.name'])
    .where('units.government_id', '=', governmentId)
    .where('units.kind', '!=', 'group')
    .where((eb) =>
      eb.or([
        eb(
          'units.id',
          'in',
          eb
            .selectFrom('task_units')
            .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
            .select('task_units.unit_id')
            .where('tasks.plan_id', '=', planId)
            .where('tasks.status', '!=', 'removed')
            .where('task_units.role', '=', 'host'),
        ),
        eb(
          'units.id',
          'in',
          eb
            .selectFrom('target_owners')
            .innerJoin('targets', 'targets.id', 'target_owners.target_id')
            .select('target_owners.unit_id')
            .where('targets.plan_id', '=', planId),
        ),
        eb(
          'units.id',
          'in',
          eb
            .selectFrom('reports')
            .innerJoin('rounds', 'rounds.id', 'reports.round_id')
            .select('reports.unit_id')
            .where('rounds.plan_id', '=', planId)
            .where('rounds.created_at', '<', end),
        ),
        eb('units.id', 'in', eb.selectFrom('orders').select('orders.unit_id').where('orders.plan_id', '=', planId).where('orders.issued_at', '<', end)),
      ]),
    )
    .orderBy('units.id')
    .execute();
}

export interface LedgerFacts {
  reports: ReportFact[];
  returns: ReturnFact[];
  lights: LightFact[];
  orders: OrderFact[];
}

/** The reports, returns, round-close lights and orders of the plan known before `end`, in four queries; `hosts` from hostsOfTasks. */
export async function loadLedgerFacts(db: Tx, governmentId: number, plan: PlanRef, end: string, hosts: ReadonlyMap<number, number[]>): Promise<LedgerFacts> {
  const hostsOf = (taskId: number): number[] => hosts.get(taskId) ?? [];

  const reportRows = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select([
      'reports.id',
      'reports.unit_id',
      'reports.task_id',
      'tasks.number',
      'tasks.status as task_status',
      'tasks.completed_at',
      'reports.role',
      'rounds.label',
      'rounds.due_on',
      'rounds.created_at as opened_at',
      'reports.first_sent_at',
      'reports.submitted_at',
      'reports.approved_at',
    ])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', plan.id)
    .where('rounds.created_at', '<', end)
    .orderBy('reports.id')
    .execute();

  const returnRows = await db
    .selectFrom('report_events')
    .innerJoin('reports', 'reports.id', 'report_events.report_id')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['report_events.id', 'report_events.report_id', 'report_events.at', 'reports.unit_id', 'reports.task_id', 'tasks.number', 'rounds.label'])
    .where('report_events.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', plan.id)
    .where('report_events.action', '=', 'return')
    .where('report_events.at', '<', end)
    .orderBy('report_events.id')
    .execute();

  const lightRows = await db
    .selectFrom('task_lights')
    .innerJoin('tasks', 'tasks.id', 'task_lights.task_id')
    .leftJoin('rounds', 'rounds.id', 'task_lights.round_id')
    .select(['task_lights.task_id', 'task_lights.as_of', 'task_lights.light', 'tasks.number', 'rounds.label', 'rounds.closed_at'])
    .where('task_lights.government_id', '=', governmentId)
    .where('task_lights.plan_id', '=', plan.id)
    .orderBy('task_lights.as_of')
    .orderBy('task_lights.task_id')
    .execute();

  const orderRows = await db
    .selectFrom('orders')
    .innerJoin('tasks', 'tasks.id', 'orders.task_id')
    .select(['orders.id', 'orders.unit_id', 'orders.task_id', 'tasks.number', 'orders.serial', 'orders.issued_at', 'orders.respond_by', 'orders.responded_at'])
    .where('orders.government_id', '=', governmentId)
    .where('orders.plan_id', '=', plan.id)
    .where('orders.issued_at', '<', end)
    .orderBy('orders.id')
    .execute();

  return {
    reports: reportRows.map((r) => ({
      reportId: r.id,
      unitId: r.unit_id,
      taskId: r.task_id,
      taskNumber: r.number,
      roundLabel: r.label,
      dueOn: r.due_on,
      roundOpenedAt: r.opened_at,
      // first_sent_at is kept by the report steps; a row from before it was kept falls back on its own time.
      firstSentAt: r.first_sent_at ?? (r.role === 'co' ? r.approved_at : r.submitted_at),
      taskRemoved: r.task_status === 'removed',
      taskCompletedAt: r.task_status === 'completed' ? r.completed_at : null,
    })),
    returns: returnRows.map((r) => ({ reportId: r.report_id, unitId: r.unit_id, taskId: r.task_id, taskNumber: r.number, roundLabel: r.label, at: r.at })),
    lights: lightRows.map((r) => ({
      taskId: r.task_id,
      taskNumber: r.number,
      asOf: r.as_of,
      red: r.light === 'red',
      roundLabel: r.label,
      closedAt: r.closed_at,
      hostUnitIds: hostsOf(r.task_id),
    })),
    orders: orderRows.map((o) => ({
      orderId: o.id,
      unitId: o.unit_id,
      taskId: o.task_id,
      taskNumber: o.number,
      serial: o.serial,
      issuedAt: o.issued_at,
      respondBy: o.respond_by,
      respondedAt: o.responded_at,
    })),
  };
}

/** The host units of every task of the plan (unit groups left out). */
export async function hostsOfTasks(db: Tx, governmentId: number, planId: number): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['task_units.task_id', 'task_units.unit_id'])
    .where('tasks.government_id', '=', governmentId)
    .where('tasks.plan_id', '=', planId)
    .where('task_units.role', '=', 'host')
    .where('units.kind', '!=', 'group')
    .orderBy('task_units.task_id')
    .orderBy('task_units.position')
    .execute();
  const hosts = new Map<number, number[]>();
  for (const r of rows) hosts.set(r.task_id, [...(hosts.get(r.task_id) ?? []), r.unit_id]);
  return hosts;
}

/** The units that own each target of the plan that names its owners (unit groups left out). */
export async function targetOwners(db: Tx, governmentId: number, planId: number): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('target_owners')
    .innerJoin('targets', 'targets.id', 'target_owners.target_id')
    .innerJoin('units', 'units.id', 'target_owners.unit_id')
    .select(['target_owners.target_id', 'target_owners.unit_id'])
    .where('target_owners.government_id', '=', governmentId)
    .where('targets.plan_id', '=', planId)
    .where('units.kind', '!=', 'group')
    .orderBy('target_owners.target_id')
    .orderBy('target_owners.unit_id')
    .execute();
  const owners = new Map<number, number[]>();
  for (const r of rows) owners.set(r.target_id, [...(owners.get(r.target_id) ?? []), r.unit_id]);
  return owners;
}

/** When each of these reports was accepted (null when it is not, or no longer). */
export async function acceptedTimes(db: Tx, governmentId: number, reportIds: readonly number[]): Promise<Map<number, string | null>> {
  if (reportIds.length === 0) return new Map();
  const rows = await readInChunks(reportIds, (ids) =>
    db.selectFrom('reports').select(['id', 'accepted_at']).where('government_id', '=', governmentId).where('id', 'in', ids).execute(),
  );
  return new Map(rows.map((r) => [r.id, r.accepted_at]));
}
