/**
 * Gathering a bulletin's content from the ledger as it was known at the end
 * of the period's as-of date (Beijing time): the lights as the status service
 * computes them on that date, the sections, the period's reports (sent by
 * then), the reports overdue then and the orders open then, in the state
 * they had. A bulletin of a past period says the same whenever it is made.
 * A fixed number of queries, whatever the number of tasks. No authorization:
 * the service checks first.
 */
import type { BulletinContent } from '../../documents/bulletin-content.js';
import { bulletinHeader } from '../../domain/settings.js';
import { documentProfile } from '../government/government.service.js';
import type { Tx } from '../../store/tx.js';
import type { Clock } from '../../store/unit-of-work.js';
import { badRequest, notFound } from '../errors.js';
import { listSections } from '../plan/plan.repository.js';
import { loadPlanSettings } from '../settings/settings.repository.js';
import { dayEndInstant, governmentToday } from '../status/calendar.js';
import { evaluatePlan } from '../status/status.service.js';
import { composeBulletin } from './bulletin.compose.js';
import { asOfFor, parsePeriod, type BulletinPeriod } from './bulletin.model.js';
import { completedTasks, openOrders, overdueReports, periodReports, planHead, unitNames } from './bulletin.repository.js';

/** The period named, checked against the plan's year and today; 400 with a clerk's message otherwise. */
export function checkedPeriod(key: string, planYear: number, today: string): BulletinPeriod {
  const period = parsePeriod(key);
  if (!period) throw badRequest(`通报期间“${key}”无效，月度写作 2026-03，季度写作 2026-Q1`, 'invalid_period');
  if (period.year !== planYear) throw badRequest(`通报期间 ${period.label}不在方案年度（${planYear}年）内`, 'invalid_period');
  if (today < period.start) throw badRequest(`${period.label}尚未开始，不能通报`, 'invalid_period');
  return period;
}

export async function bulletinContent(db: Tx, governmentId: number, planId: number, periodKey: string, clock?: Clock): Promise<BulletinContent> {
  const plan = await planHead(db, governmentId, planId);
  if (!plan) throw notFound('分解方案');
  const today = governmentToday(clock);
  const period = checkedPeriod(periodKey, plan.year, today);
  const asOf = asOfFor(period, today);
  const end = dayEndInstant(asOf);
  const settings = (await loadPlanSettings(db, governmentId, planId)).settings;
  const header = bulletinHeader(settings.bulletin, await documentProfile(db, governmentId));
  const { status, inputs } = await evaluatePlan(db, governmentId, { id: plan.id, year: plan.year }, asOf);
  const overdue = await overdueReports(db, governmentId, planId, asOf, end);
  return composeBulletin({
    header,
    plan,
    period,
    asOf,
    today,
    status,
    inputs,
    sections: await listSections(db, planId),
    periodReports: await periodReports(db, governmentId, planId, period.start, period.end, end),
    overdue,
    openOrders: await openOrders(db, governmentId, planId, end),
    completed: await completedTasks(db, governmentId, planId, end),
    unitNames: await unitNames(
      db,
      governmentId,
      overdue.map((o) => o.unitId),
    ),
  });
}
