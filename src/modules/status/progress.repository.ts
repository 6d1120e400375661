/**
 * The aggregates the dashboard and the lights read (target_progress,
 * task_progress, unit_punctuality, task_lights). Written by the report steps
 * and by opening and closing rounds, each in the transaction of the change
 * that moves them, so that they never disagree with the reports. Only this
 * file writes these tables.
 */
import type { Light } from '../../domain/status.js';
import type { Tx } from '../../store/tx.js';

/** The round a report belongs to, as the aggregates need it. */
export interface ReportRound {
  planId: number;
  periodEnd: string;
  dueOn: string;
}

export async function roundOfReport(db: Tx, reportId: number): Promise<ReportRound> {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select(['rounds.plan_id as planId', 'rounds.period_end as periodEnd', 'rounds.due_on as dueOn'])
    .where('reports.id', '=', reportId)
    .executeTakeFirstOrThrow();
}

/** Reports asked of each unit: one entry per report (a unit listed three times owes three). */
export async function addOwed(trx: Tx, governmentId: number, planId: number, unitIds: readonly number[]): Promise<void> {
  const counts = new Map<number, number>();
  for (const id of unitIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  if (counts.size === 0) return;
  await trx
    .insertInto('unit_punctuality')
    .values([...counts].map(([unitId, owed]) => ({ government_id: governmentId, plan_id: planId, unit_id: unitId, owed })))
    .onConflict((oc) => oc.columns(['plan_id', 'unit_id']).doUpdateSet((eb) => ({ owed: eb('unit_punctuality.owed', '+', eb.ref('excluded.owed')) })))
    .execute();
}

/** One report sent for the first time, on time or late. */
export async function addSent(trx: Tx, governmentId: number, planId: number, unitId: number, onTime: boolean): Promise<void> {
  const column = onTime ? 'on_time' : 'late';
  await trx
    .insertInto('unit_punctuality')
    .values({ government_id: governmentId, plan_id: planId, unit_id: unitId, [column]: 1 })
    .onConflict((oc) => oc.columns(['plan_id', 'unit_id']).doUpdateSet((eb) => ({ [column]: eb(`unit_punctuality.${column}`, '+', 1) })))
    .execute();
}

/** One report returned by the office. */
export async function addReturned(trx: Tx, governmentId: number, planId: number, unitId: number): Promise<void> {
  await trx
    .insertInto('unit_punctuality')
    .values({ government_id: governmentId, plan_id: planId, unit_id: unitId, returned: 1 })
    .onConflict((oc) => oc.columns(['plan_id', 'unit_id']).doUpdateSet((eb) => ({ returned: eb('unit_punctuality.returned', '+', 1) })))
    .execute();
}

/** What an accepted host report says about its task. */
export interface AcceptedReport {
  reportId: number;
  planId: number;
  taskId: number;
  periodEnd: string;
  values: readonly { targetId: number; value: number }[];
  confidence: string | null;
  confidenceReason: string | null;
  proposeComplete: number;
  reportedAt: string | null;
}

/**
 * The report's figures become the targets' latest values and its rating the
 * task's, except where a report about a later period was accepted first: a
 * round accepted late must not put old figures over newer ones. Of two
 * reports about the same period, the one accepted last wins.
 */
export async function saveAccepted(trx: Tx, governmentId: number, report: AcceptedReport, now: string): Promise<void> {
  if (report.values.length > 0) {
    await trx
      .insertInto('target_progress')
      .values(
        report.values.map((v) => ({
          government_id: governmentId,
          target_id: v.targetId,
          plan_id: report.planId,
          task_id: report.taskId,
          value: v.value,
          period_end: report.periodEnd,
          report_id: report.reportId,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('target_id')
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            period_end: eb.ref('excluded.period_end'),
            report_id: eb.ref('excluded.report_id'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .whereRef('target_progress.period_end', '<=', 'excluded.period_end'),
      )
      .execute();
  }
  await trx
    .insertInto('task_progress')
    .values({
      government_id: governmentId,
      task_id: report.taskId,
      plan_id: report.planId,
      confidence: report.confidence,
      confidence_reason: report.confidenceReason,
      report_id: report.reportId,
      period_end: report.periodEnd,
      reported_at: report.reportedAt,
      propose_complete: report.proposeComplete,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('task_id')
        .doUpdateSet((eb) => ({
          confidence: eb.ref('excluded.confidence'),
          confidence_reason: eb.ref('excluded.confidence_reason'),
          report_id: eb.ref('excluded.report_id'),
          period_end: eb.ref('excluded.period_end'),
          reported_at: eb.ref('excluded.reported_at'),
          propose_complete: eb.ref('excluded.propose_complete'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) => eb.or([eb('task_progress.period_end', 'is', null), eb('task_progress.period_end', '<=', eb.ref('excluded.period_end'))])),
    )
    .execute();
}

/** The accepted report as saveAccepted takes it, read inside the step's transaction. */
export async function acceptedReport(db: Tx, reportId: number): Promise<AcceptedReport> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select([
      'reports.id',
      'reports.task_id',
      'reports.confidence',
      'reports.confidence_reason',
      'reports.propose_complete',
      'reports.submitted_at',
      'rounds.plan_id',
      'rounds.period_end',
    ])
    .where('reports.id', '=', reportId)
    .executeTakeFirstOrThrow();
  const values = await db.selectFrom('report_values').select(['target_id', 'value']).where('report_id', '=', reportId).orderBy('target_id').execute();
  return {
    reportId: row.id,
    planId: row.plan_id,
    taskId: row.task_id,
    periodEnd: row.period_end,
    values: values.map((v) => ({ targetId: v.target_id, value: Number(v.value) })),
    confidence: row.confidence,
    confidenceReason: row.confidence_reason,
    proposeComplete: row.propose_complete,
    reportedAt: row.submitted_at,
  };
}

/**
 * A task's figures and rating made again from its accepted host reports, as
 * if they had been accepted in the order of their periods and, within a
 * period, of their acceptance: after a report is voided, the one before it
 * counts again. Each figure keeps the time its report was accepted.
 */
export async function rebuildTaskProgress(trx: Tx, governmentId: number, taskId: number, now: string): Promise<void> {
  await trx.deleteFrom('target_progress').where('government_id', '=', governmentId).where('task_id', '=', taskId).execute();
  await trx.deleteFrom('task_progress').where('government_id', '=', governmentId).where('task_id', '=', taskId).execute();
  const accepted = await trx
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.round_id')
    .select(['reports.id', 'reports.accepted_at'])
    .where('reports.government_id', '=', governmentId)
    .where('reports.task_id', '=', taskId)
    .where('reports.role', '=', 'host')
    .where('reports.status', '=', 'accepted')
    .orderBy('rounds.period_end')
    .orderBy('reports.accepted_at')
    .orderBy('reports.id')
    .execute();
  for (const r of accepted) await saveAccepted(trx, governmentId, await acceptedReport(trx, r.id), r.accepted_at ?? now);
}

/** Each task's light on a date (a closed round's period end); a second snapshot of the same date replaces the first. */
export async function saveLights(
  trx: Tx,
  governmentId: number,
  snapshot: { planId: number; roundId: number | null; asOf: string; lights: readonly { taskId: number; light: Light }[] },
): Promise<void> {
  const rows = snapshot.lights.map((l) => ({
    government_id: governmentId,
    plan_id: snapshot.planId,
    task_id: l.taskId,
    as_of: snapshot.asOf,
    round_id: snapshot.roundId,
    light: l.light,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('task_lights')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['task_id', 'as_of']).doUpdateSet((eb) => ({ light: eb.ref('excluded.light'), round_id: eb.ref('excluded.round_id') })))
      .execute();
  }
}

/** Rows per insert: well under SQLite's limit of bound parameters. */
const BATCH = 500;
