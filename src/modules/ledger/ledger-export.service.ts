/**
 * The ledger export (任务台账 .xlsx): a plan's tasks with their owners, their
 * targets' planned and latest values, their lights and the day each last
 * reported, written by src/documents/ledger-xlsx.ts.
 *
 * Read from what the dashboard reads (evaluatePlan: the tasks, the latest
 * accepted values and ratings, the lights), plus the plan's header and
 * sections: a fixed number of queries whatever the plan's size.
 */
import type { LedgerEntry, LedgerExport } from '../../documents/ledger-content.js';
import { ledgerRowCount } from '../../documents/ledger-content.js';
import { renderLedgerXlsx } from '../../documents/ledger-xlsx.js';
import { governmentDay } from '../../domain/calendar.js';
import type { Tx } from '../../store/tx.js';
import { authorize, type AuthActor } from '../auth/authorize.js';
import { governmentSubject } from '../auth/subjects.js';
import type { Clock } from '../../store/unit-of-work.js';
import { notFound } from '../errors.js';
import { listPlans, listSections } from '../plan/plan.repository.js';
import { checkedDate, governmentToday } from '../status/calendar.js';
import { findPlanRef, newestPlanRef } from '../status/status.repository.js';
import { evaluatePlan } from '../status/status.service.js';

export interface LedgerExportQuery {
  /** Default: the newest plan (latest year, then the newest of that year), as the dashboard. */
  planId?: number;
  /** One sheet per section after the whole ledger. */
  bySection?: boolean;
  /** The date values and lights are read on; default today in Asia/Shanghai. */
  asOf?: string;
}

export interface LedgerFile {
  /** 2026年任务台账.xlsx */
  fileName: string;
  bytes: Uint8Array;
  planId: number;
  tasks: number;
  rows: number;
}

export async function exportLedger(db: Tx, actor: AuthActor, query: LedgerExportQuery = {}, clock?: Clock): Promise<LedgerFile> {
  const ledger = await ledgerContent(db, actor, query, clock);
  const bytes = await renderLedgerXlsx(ledger.content, { bySection: query.bySection === true });
  return {
    fileName: `${ledger.content.plan.year}年任务台账.xlsx`,
    bytes,
    planId: ledger.planId,
    tasks: ledger.content.tasks.length,
    rows: ledgerRowCount(ledger.content),
  };
}

/** What the ledger says, before it is written. */
export async function ledgerContent(
  db: Tx,
  actor: AuthActor,
  query: Omit<LedgerExportQuery, 'bySection'>,
  clock?: Clock,
): Promise<{ planId: number; content: LedgerExport }> {
  authorize(actor, 'ledger.read', governmentSubject(actor.governmentId));
  const asOf = checkedDate(query.asOf ?? governmentToday(clock));
  const ref = query.planId === undefined ? await newestPlanRef(db, actor.governmentId) : await findPlanRef(db, actor.governmentId, query.planId);
  if (!ref) throw notFound('分解方案');
  const plan = (await listPlans(db, actor.governmentId)).find((p) => p.id === ref.id);
  if (!plan) throw notFound('分解方案');
  const sections = await listSections(db, plan.id);
  const { status, inputs } = await evaluatePlan(db, actor.governmentId, ref, asOf);
  const lights = new Map(status.tasks.map((l) => [l.taskId, l]));

  const tasks = inputs.tasks.map((task): LedgerEntry => {
    const light = lights.get(task.id);
    const reportedAt = inputs.ratings.get(task.id)?.reportedAt ?? null;
    return {
      number: task.number,
      section: task.section?.number ?? null,
      text: task.text,
      leaders: task.leaders.map((l) => l.name),
      hostUnits: task.hostUnits.map((u) => u.name),
      coUnits: task.coUnits.map((u) => u.name),
      deadline: task.deadline,
      deadlineText: task.deadlineText,
      light: light?.light ?? 'none',
      completed: task.status === 'completed',
      lastReportedOn: reportedAt === null ? null : governmentDay(reportedAt),
      reasons: (light?.reasons ?? []).map((r) => r.text),
      targets: task.targets.map((target, i) => {
        const completion = light?.status.targets[i]?.completion;
        return {
          text: target.text,
          value: target.value,
          unit: target.unit,
          qualifiers: target.qualifiers,
          actual: inputs.values.get(target.id)?.value ?? null,
          completion: completion?.state === 'share' ? completion.share : null,
        };
      }),
    };
  });
  return {
    planId: plan.id,
    content: {
      plan: { title: plan.title, year: plan.year, docNumber: plan.docNumber, issuer: plan.issuer },
      asOf,
      sections: sections.map((s) => ({ number: s.number, title: s.title })),
      tasks,
    },
  };
}
