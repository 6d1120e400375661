/**
 * What the assessment reads: the plan, the units it scores and the facts
 * behind their points. A fixed number of queries per plan, whatever the
 * number of units, tasks or rounds. Reads only; the assessment writes nothing.
 */
import { storedFigure } from '../../domain/figures.js';
import { toTarget } from '../task/task-details.repository.js';
import type { Tx } from '../../store/tx.js';
import type { PlanRef } from '../plan/plan.repository.js';
import type { AcceptedValue, Facts, RedLightFact, TargetFact } from './assessment.events.js';

export interface ScoredUnit {
  id: number;
  name: string;
}

export async function findUnit(db: Tx, governmentId: number, unitId: number): Promise<{ id: number; name: string; kind: string } | undefined> {
  return db.selectFrom('units').select(['id', 'name', 'kind']).where('government_id', '=', governmentId).where('id', '=', unitId).executeTakeFirst();
}

/**
 * The units the plan scores: those that host a task of it (not removed),
 * owe a report in one of its rounds, or received one of its orders. Unit
 * groups (各镇街) are placeholders, not units that can be scored.
 */
export async function unitsOfPlan(db: Tx, governmentId: number, planId: number): Promise<ScoredUnit[]> {
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
          eb.selectFrom('reports').innerJoin('rounds', 'rounds.id', 'reports.round_id').select('reports.unit_id').where('rounds.plan_id', '=', planId),
        ),
        eb('units.id', 'in', eb.selectFrom('orders').select('orders.unit_id').where('orders.plan_id', '=', planId)),
      ]),
    )
    .orderBy('units.id')
    .execute();
}

/** Everything the plan's events are made of, in nine queries. */
export async function loadFacts(db: Tx, governmentId: number, plan: PlanRef): Promise<Facts> {
  const hosts = await hostsOfTasks(db, governmentId, plan.id);
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
      'reports.role',
      'rounds.label',
      'rounds.due_on',
      'reports.submitted_at',
      'reports.approved_at',
    ])
    .where('reports.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', plan.id)
    .orderBy('reports.id')
    .execute();

  // A host report is sent when submitted, a co-unit's when approved for the host; the row keeps only the latest time.
  const sendRows = await db
    .selectFrom('report_events')
    .innerJoin('reports', 'reports.id', 'report_events.report_id')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select((eb) => ['report_events.report_id', eb.fn.min('report_events.at').as('first')])
    .where('report_events.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', plan.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('reports.role', '=', 'host'), eb('report_events.action', '=', 'submit')]),
        eb.and([eb('reports.role', '=', 'co'), eb('report_events.action', '=', 'approve')]),
      ]),
    )
    .groupBy('report_events.report_id')
    .execute();
  const firstSent = new Map(sendRows.map((r) => [r.report_id, String(r.first)]));

  const returnRows = await db
    .selectFrom('report_events')
    .innerJoin('reports', 'reports.id', 'report_events.report_id')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .innerJoin('tasks', 'tasks.id', 'reports.task_id')
    .select(['report_events.id', 'report_events.report_id', 'report_events.at', 'reports.unit_id', 'reports.task_id', 'tasks.number', 'rounds.label'])
    .where('report_events.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', plan.id)
    .where('report_events.action', '=', 'return')
    .orderBy('report_events.id')
    .execute();

  const lightRows = await db
    .selectFrom('task_lights')
    .innerJoin('tasks', 'tasks.id', 'task_lights.task_id')
    .leftJoin('rounds', 'rounds.id', 'task_lights.round_id')
    .select(['task_lights.task_id', 'task_lights.as_of', 'tasks.number', 'rounds.label', 'rounds.closed_at'])
    .where('task_lights.government_id', '=', governmentId)
    .where('task_lights.plan_id', '=', plan.id)
    .where('task_lights.light', '=', 'red')
    .orderBy('task_lights.as_of')
    .orderBy('task_lights.task_id')
    .execute();
  const redLights: RedLightFact[] = lightRows.map((r) => ({
    taskId: r.task_id,
    taskNumber: r.number,
    asOf: r.as_of,
    roundLabel: r.label,
    closedAt: r.closed_at,
    hostUnitIds: hostsOf(r.task_id),
  }));

  const targets = await targetFacts(db, governmentId, plan.id, hostsOf);

  const orderRows = await db
    .selectFrom('orders')
    .innerJoin('tasks', 'tasks.id', 'orders.task_id')
    .select(['orders.id', 'orders.unit_id', 'orders.task_id', 'tasks.number', 'orders.serial', 'orders.issued_at', 'orders.respond_by', 'orders.responded_at'])
    .where('orders.government_id', '=', governmentId)
    .where('orders.plan_id', '=', plan.id)
    .orderBy('orders.id')
    .execute();

  return {
    year: plan.year,
    reports: reportRows.map((r) => {
      const role = r.role === 'co' ? 'co' : 'host';
      const own = role === 'host' ? r.submitted_at : r.approved_at;
      const first = firstSent.get(r.id);
      return {
        reportId: r.id,
        unitId: r.unit_id,
        taskId: r.task_id,
        taskNumber: r.number,
        role,
        roundLabel: r.label,
        dueOn: r.due_on,
        sentTimes: [own, first].filter((t): t is string => t !== null && t !== undefined),
      };
    }),
    returns: returnRows.map((r) => ({ reportId: r.report_id, unitId: r.unit_id, taskId: r.task_id, taskNumber: r.number, roundLabel: r.label, at: r.at })),
    redLights,
    targets,
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
async function hostsOfTasks(db: Tx, governmentId: number, planId: number): Promise<Map<number, number[]>> {
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

/**
 * The targets of the plan's tasks (not the headline targets, not those of
 * removed tasks), each with its accepted figures: the latest one kept in
 * target_progress, and those of accepted host reports, so that the figure
 * known on an earlier date can be found.
 */
async function targetFacts(db: Tx, governmentId: number, planId: number, hostsOf: (taskId: number) => number[]): Promise<TargetFact[]> {
  const rows = await db
    .selectFrom('targets')
    .innerJoin('tasks', 'tasks.id', 'targets.task_id')
    .select([
      'targets.id',
      'targets.task_id',
      'tasks.number',
      'targets.position',
      'targets.text',
      'targets.metric',
      'targets.kind',
      'targets.value',
      'targets.unit',
      'targets.qualifiers',
      'targets.scope',
      'targets.measured',
      'targets.combine',
    ])
    .where('targets.government_id', '=', governmentId)
    .where('targets.plan_id', '=', planId)
    .where('targets.retired_at', 'is', null)
    .where('tasks.status', '!=', 'removed')
    .orderBy('targets.id')
    .execute();
  const progress = await db
    .selectFrom('target_progress')
    .select(['target_id', 'value', 'period_end', 'updated_at'])
    .where('government_id', '=', governmentId)
    .where('plan_id', '=', planId)
    .execute();
  const reported = await db
    .selectFrom('report_values')
    .innerJoin('reports', 'reports.id', 'report_values.report_id')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select(['report_values.target_id', 'report_values.value', 'rounds.period_end', 'reports.accepted_at'])
    .where('report_values.government_id', '=', governmentId)
    .where('rounds.plan_id', '=', planId)
    .where('reports.role', '=', 'host')
    .where('reports.status', '=', 'accepted')
    .where('reports.accepted_at', 'is not', null)
    .execute();
  const values = new Map<number, AcceptedValue[]>();
  // A stored value that is not a figure (domain/figures.ts) is left out: the target scores as if it were not reported.
  const add = (targetId: number, raw: unknown, periodEnd: string, at: string): void => {
    const value = storedFigure(raw);
    if (value !== null) values.set(targetId, [...(values.get(targetId) ?? []), { value, periodEnd, at }]);
  };
  for (const p of progress) add(p.target_id, p.value, p.period_end, p.updated_at);
  for (const r of reported) if (r.accepted_at !== null) add(r.target_id, r.value, r.period_end, r.accepted_at);
  return rows.flatMap((r) =>
    r.task_id === null
      ? []
      : [{ targetId: r.id, taskId: r.task_id, taskNumber: r.number, target: toTarget(r), hostUnitIds: hostsOf(r.task_id), values: values.get(r.id) ?? [] }],
  );
}
