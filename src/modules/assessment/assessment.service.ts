/**
 * The assessment (考核) of a plan's units on a date: each unit's statement
 * and the ranking, by rates (domain/scoring.ts), from what was known at the
 * end of that date: the ledger's facts before that instant, and the targets'
 * figures as the status module knows them on that date (evaluatePlan).
 * Read-only, behind the chokepoint; the HTTP routes, the simulator and the
 * documents share these two functions.
 */
import { governmentDay } from '../../domain/calendar.js';
import { countsOf, nothingOwed, rankingOf, statementOf, statementsOf, type Owed, type ScoringRule, type Statement } from '../../domain/scoring.js';
import type { ScoringScheme } from '../../domain/settings.js';
import type { IsoDate } from '../../domain/status.js';
import { dayNumber } from '../../domain/time-progress.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import type { Clock } from '../../store/unit-of-work.js';
import { badRequest, notFound } from '../errors.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { dayEndInstant } from '../status/calendar.js';
import { evaluatePlan } from '../status/status.service.js';
import { scoringOf, type TargetFact } from './assessment.events.js';
import { findPlanRef, newestPlanRef, type PlanRef } from '../plan/plan.repository.js';
import { acceptedTimes, findUnit, hostsOfTasks, loadLedgerFacts, targetOwners, unitsOfPlan } from './assessment.repository.js';

export interface AssessmentQuery {
  /** Default: the newest plan (highest year, then the latest created). */
  planId?: number;
  /** Default: today in the government's calendar. Events after it do not count. */
  asOf?: IsoDate;
}

export interface UnitScore {
  rank: number;
  unitId: number;
  unitName: string;
  total: number;
  counts: Record<ScoringRule, number>;
  /** What the unit owed by the date: the denominators of its rates. */
  owed: Owed;
  statement: Statement;
}

export interface Assessment {
  planId: number;
  year: number;
  asOf: IsoDate;
  scheme: ScoringScheme;
  /** Highest total first; equal totals share a rank. */
  ranking: UnitScore[];
}

export interface UnitStatement {
  planId: number;
  asOf: IsoDate;
  unitId: number;
  unitName: string;
  /** null for a unit the plan does not score (no task, report or order of it). */
  rank: number | null;
  statement: Statement;
}

/** Every scored unit of the plan with its statement, ranked. */
export async function assessmentOf(db: Tx, actor: AuthActor, query: AssessmentQuery = {}, clock?: Clock): Promise<Assessment> {
  authorize(actor, 'assessment.read', governmentSubject(actor.governmentId));
  const asOf = asOfDate(query.asOf, clock);
  const plan = await planOf(db, actor.governmentId, query.planId);
  const { settings } = await loadPlanSettings(db, actor.governmentId, plan.id);
  const scheme = settings.scoring;
  const end = dayEndInstant(asOf);
  const units = await unitsOfPlan(db, actor.governmentId, plan.id, end);
  const hosts = await hostsOfTasks(db, actor.governmentId, plan.id);
  const ledger = await loadLedgerFacts(db, actor.governmentId, plan, end, hosts);
  const targets = await targetFacts(db, actor.governmentId, plan, asOf, hosts);
  const { events, owed } = scoringOf({ year: plan.year, ...ledger, targets }, asOf);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const statements = statementsOf(
    units.map((u) => u.id),
    events,
    owed,
    scheme,
  );
  const ranking = rankingOf(statements.map((s) => ({ unitId: s.unitId, name: names.get(s.unitId) ?? '', total: s.total, statement: s }))).map(
    (r): UnitScore => ({
      rank: r.rank,
      unitId: r.unitId,
      unitName: r.name,
      total: r.total,
      counts: countsOf(r.statement),
      owed: owed.get(r.unitId) ?? nothingOwed(),
      statement: r.statement,
    }),
  );
  return { planId: plan.id, year: plan.year, asOf, scheme, ranking };
}

/**
 * The targets of the plan's tasks as the status module has them on the date,
 * each with the figure it knows then and the units it is scored to: its
 * owners when named, else its task's host units.
 */
async function targetFacts(db: Tx, governmentId: number, plan: PlanRef, asOf: IsoDate, hosts: ReadonlyMap<number, number[]>): Promise<TargetFact[]> {
  const { inputs } = await evaluatePlan(db, governmentId, plan, asOf);
  const owners = await targetOwners(db, governmentId, plan.id);
  const accepted = await acceptedTimes(
    db,
    governmentId,
    [...inputs.values.values()].map((v) => v.reportId),
  );
  return inputs.tasks.flatMap((task) =>
    task.targets.map((target): TargetFact => {
      const known = inputs.values.get(target.id);
      const acceptedAt = known === undefined ? null : (accepted.get(known.reportId) ?? null);
      return {
        targetId: target.id,
        taskId: task.id,
        taskNumber: task.number,
        target,
        ownerUnitIds: owners.get(target.id) ?? hosts.get(task.id) ?? [],
        latest: known === undefined ? null : { value: known.value, day: acceptedAt === null ? known.periodEnd : governmentDay(acceptedAt) },
      };
    }),
  );
}

/** One unit's statement with its rank; a unit of the government that the plan does not score gets its base and no items. */
export async function unitStatement(db: Tx, actor: AuthActor, unitId: number, query: AssessmentQuery = {}, clock?: Clock): Promise<UnitStatement> {
  authorize(actor, 'assessment.read', governmentSubject(actor.governmentId));
  const unit = await findUnit(db, actor.governmentId, unitId);
  if (!unit) throw notFound('单位');
  const assessment = await assessmentOf(db, actor, query, clock);
  const scored = assessment.ranking.find((r) => r.unitId === unitId);
  return {
    planId: assessment.planId,
    asOf: assessment.asOf,
    unitId,
    unitName: unit.name,
    rank: scored?.rank ?? null,
    statement: scored?.statement ?? statementOf(unitId, [], nothingOwed(), assessment.scheme),
  };
}

function asOfDate(asOf: string | undefined, clock: Clock | undefined): IsoDate {
  if (asOf === undefined) return governmentDay(nowIso(clock));
  try {
    dayNumber(asOf);
  } catch {
    throw badRequest(`考核截止日期“${asOf}”不是有效日期，应写作 2026-06-30`);
  }
  return asOf;
}

async function planOf(db: Tx, governmentId: number, planId: number | undefined): Promise<PlanRef> {
  const plan = planId === undefined ? await newestPlanRef(db, governmentId) : await findPlanRef(db, governmentId, planId);
  if (!plan) throw notFound('分解方案');
  return plan;
}
