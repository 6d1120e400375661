/**
 * The dashboard (驾驶舱) of a plan on a date: the lights of its tasks, counted
 * every way the office reads them, and each unit's punctuality, all as known at
 * the end of that date (status/known.repository.ts): a fixed handful of queries.
 */
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import type { Clock } from '../../store/unit-of-work.js';
import { auditHeadCache } from '../audit/head-cache.js';
import { notFound } from '../errors.js';
import { listSections } from '../plan/plan.repository.js';
import { checkedDate, dayEndInstant, governmentDay, governmentToday } from '../status/calendar.js';
import { knownPunctuality } from '../status/known.repository.js';
import { findPlanRef, newestPlanRef } from '../status/status.repository.js';
import { evaluatePlan } from '../status/status.service.js';
import type { Tx } from '../../store/tx.js';
import { summarize, type DashboardView } from './dashboard-summary.js';

export interface DashboardQuery {
  /** Default: the newest plan (latest year, then the newest of that year). */
  planId?: number;
  /** Default: today in Asia/Shanghai. */
  asOf?: string;
}

/**
 * Dashboards by plan and date, valid while the audit head is unchanged: every
 * input (reports, plans, settings, rounds) changes with an audit row, and the
 * date is part of the key.
 */
const computed = auditHeadCache<DashboardView>();

export async function dashboard(db: Tx, actor: AuthActor, query: DashboardQuery, clock?: Clock): Promise<DashboardView> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const asOf = checkedDate(query.asOf ?? governmentToday(clock));
  const plan = query.planId === undefined ? await newestPlanRef(db, actor.governmentId) : await findPlanRef(db, actor.governmentId, query.planId);
  if (!plan) throw notFound('分解方案');
  return computed(db, actor.governmentId, `${plan.id}/${asOf}`, async () => {
    const { status, inputs } = await evaluatePlan(db, actor.governmentId, plan, asOf);
    const punctuality = await knownPunctuality(db, actor.governmentId, plan.id, dayEndInstant(asOf), governmentDay);
    return summarize(status, inputs, await listSections(db, plan.id), punctuality);
  });
}
