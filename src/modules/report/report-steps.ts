/**
 * The steps of a report: the unit drafts, its head approves, the host unit's
 * head submits, the office accepts or returns it. Each step is one
 * transaction that checks the chokepoint, moves the report only from the
 * status it expects and only from the version it read, and writes its
 * timeline event and its audit row.
 */
import { governmentDay } from '../../domain/calendar.js';
import type { AuthActor } from '../auth/authorize.js';
import { authorize } from '../auth/authorize.js';
import { atomically, type Clock } from '../../store/unit-of-work.js';
import type { TaskSubject } from '../auth/subjects.js';
import { appendAudit } from '../audit/audit.repository.js';
import { AppError, badRequest, versionConflict } from '../errors.js';
import { nowIso, type Tx } from '../../store/tx.js';
import { dayNumber } from '../../domain/time-progress.js';
import { progressTally } from '../status/progress-tally.js';
import { workSubject } from './report.access.js';
import type { Confidence, Report, ReportEventAction, ReportMilestone, ReportStatus, ReportValue } from './report.model.js';
import type { ReportDetailView } from './report.presenter.js';
import { approvedMilestoneIds, insertEvent, listValues, replaceMilestones, replaceValues, targetIdsOfTask, updateReport, type ReportChange } from './report.repository.js';
import { getReport, loadReport } from './report.service.js';

const STATUS_LABELS: Record<ReportStatus, string> = { draft: '草稿', approved: '已审核', submitted: '已报送', accepted: '已采纳', returned: '已退回' };

const wrongStatus = (report: Report, step: string): AppError =>
  new AppError(409, 'invalid_state', `报告当前为“${STATUS_LABELS[report.status]}”，不能${step}`, { status: report.status });

interface Step {
  event: ReportEventAction;
  /** Authorizes and checks the report's state; returns the change to write. */
  plan(report: Report, task: TaskSubject, trx: Tx): ReportChange | Promise<ReportChange>;
  /** The version the client read, when the step requires it. */
  version?: number;
  comment?: string | null;
  /** Work done after the report row moved, in the same transaction. */
  also?(trx: Tx, report: Report): Promise<unknown>;
  /** The aggregates the step moves (progressTally), given the report as it was before; same transaction. */
  tally?(trx: Tx, before: Report, now: string): Promise<void>;
}

async function runStep(db: Tx, actor: AuthActor, id: number, step: Step, clock?: Clock): Promise<ReportDetailView> {
  await atomically(db, async (trx) => {
    const { report, task } = await loadReport(trx, actor, id);
    const change = await step.plan(report, task, trx);
    if (step.version !== undefined && step.version !== report.version) throw versionConflict(await getReport(trx, actor, id));
    const now = nowIso(clock);
    if (!(await updateReport(trx, report, withTimes(change, step.event, now), now))) throw versionConflict(await getReport(trx, actor, id));
    await step.tally?.(trx, report, now);
    const valuesBefore = step.also ? await listValues(trx, id) : undefined;
    const extra = await step.also?.(trx, report);
    await insertEvent(trx, { governmentId: actor.governmentId, reportId: id, at: now, actorUserId: actor.userId, action: step.event, comment: step.comment ?? null });
    await appendAudit(
      trx,
      actor,
      {
        action: `report.${step.event}`,
        objectType: 'report',
        objectId: id,
        before: { status: report.status, version: report.version, ...(valuesBefore ? { values: valuesBefore } : {}) },
        after: { ...change, ...(extra === undefined ? {} : { values: extra }), ...(step.comment ? { comment: step.comment } : {}) },
      },
      clock,
    );
  });
  return getReport(db, actor, id);
}

function withTimes(change: ReportChange, event: ReportEventAction, now: string): ReportChange {
  switch (event) {
    case 'edit':
      return change;
    case 'approve':
      return { ...change, approvedAt: now };
    case 'submit':
      return { ...change, submittedAt: now };
    case 'accept':
      return { ...change, acceptedAt: now };
    case 'return':
      return { ...change, returnedAt: now };
  }
}

export interface DraftPatch {
  version: number;
  progress?: string;
  problems?: string;
  nextSteps?: string;
  confidence?: Confidence | null;
  confidenceReason?: string | null;
  /** The actual cumulative value of each of the task's targets; replaces the values stated before. */
  values?: ReportValue[];
  /** Milestones of the task's approved work plan reached, with the day each was; replaces the list stated before. */
  milestones?: ReportMilestone[];
  /** The unit proposes the task complete (销号); the office decides. */
  proposeComplete?: boolean;
}

/** Writes the unit's draft (or a returned report, which goes back to draft). The writer becomes its author. */
export function updateDraft(db: Tx, actor: AuthActor, id: number, patch: DraftPatch, clock?: Clock): Promise<ReportDetailView> {
  const values = patch.values;
  const milestones = patch.milestones;
  const isDate = (d: string): boolean => {
    try {
      dayNumber(d);
      return true;
    } catch {
      return false;
    }
  };
  return runStep(
    db,
    actor,
    id,
    {
      event: 'edit',
      version: patch.version,
      plan: async (report, task, trx) => {
        authorize(actor, 'report.draft.write', workSubject(report, task));
        if (report.status !== 'draft' && report.status !== 'returned') throw wrongStatus(report, '修改');
        if (values) {
          const own = await targetIdsOfTask(trx, report.taskId);
          const foreign = values.filter((v) => !own.has(v.targetId));
          if (foreign.length > 0) throw badRequest(`指标 ${foreign.map((v) => v.targetId).join('、')} 不属于本任务`, 'invalid_target');
          if (new Set(values.map((v) => v.targetId)).size !== values.length) throw badRequest('同一指标只能填写一个数值');
        }
        if (milestones) {
          const planned = await approvedMilestoneIds(trx, report.taskId);
          const foreign = milestones.filter((m) => !planned.has(m.milestoneId));
          if (foreign.length > 0) throw badRequest(`节点 ${foreign.map((m) => m.milestoneId).join('、')} 不属于本任务已批准的工作方案`, 'invalid_milestone');
          if (new Set(milestones.map((m) => m.milestoneId)).size !== milestones.length) throw badRequest('同一节点只能填写一次');
          // The government's calendar day (Asia/Shanghai, UTC+8): nothing is reached tomorrow.
          const today = governmentDay(nowIso(clock));
          const bad = milestones.find((m) => !isDate(m.reachedOn));
          if (bad) throw badRequest(`节点完成日期“${bad.reachedOn}”不是有效日期`, 'invalid_date');
          const future = milestones.find((m) => m.reachedOn > today);
          if (future) throw badRequest(`节点完成日期 ${future.reachedOn} 晚于今天（${today}），不能填报尚未完成的节点`, 'invalid_date');
        }
        // Milestones are written by `also` below; they ride in the change so that the edit's audit row records them.
        const change: ReportChange & { milestones?: ReportMilestone[] } = {
          status: 'draft',
          authorId: actor.userId,
          ...(patch.progress === undefined ? {} : { progress: patch.progress }),
          ...(patch.problems === undefined ? {} : { problems: patch.problems }),
          ...(patch.nextSteps === undefined ? {} : { nextSteps: patch.nextSteps }),
          ...(patch.confidence === undefined ? {} : { confidence: patch.confidence }),
          ...(patch.confidenceReason === undefined ? {} : { confidenceReason: patch.confidenceReason }),
          ...(patch.proposeComplete === undefined ? {} : { proposeComplete: patch.proposeComplete }),
          ...(milestones ? { milestones } : {}),
        };
        return change;
      },
      ...(values || milestones
        ? {
            also: async (trx: Tx) => {
              if (milestones) await replaceMilestones(trx, actor.governmentId, id, milestones);
              if (!values) return undefined;
              await replaceValues(trx, actor.governmentId, id, values);
              return values;
            },
          }
        : {}),
    },
    clock,
  );
}

/** The unit's head approves a complete draft; whoever wrote it may not. */
export function approveReport(db: Tx, actor: AuthActor, id: number, clock?: Clock): Promise<ReportDetailView> {
  return runStep(db, actor, id, {
    event: 'approve',
    plan: (report, task) => {
      authorize(actor, 'report.approve', workSubject(report, task));
      if (report.status !== 'draft') throw wrongStatus(report, '审核');
      if (report.authorId === null || report.progress.trim() === '') throw badRequest('报告尚未填写工作进展，不能审核', 'report_incomplete');
      if (report.confidence === null) throw badRequest('请先填写完成把握（正常推进、存在风险或严重滞后）', 'report_incomplete');
      if (report.confidence !== 'on_track' && !report.confidenceReason?.trim()) throw badRequest('完成把握为存在风险或严重滞后时须说明原因', 'report_incomplete');
      return { status: 'approved', approvedBy: actor.userId };
    },
    tally: (trx, before, now) => progressTally.approved(trx, actor.governmentId, before, now),
  }, clock);
}

/** The host unit's head sends the approved, consolidated report to the office. */
export function submitReport(db: Tx, actor: AuthActor, id: number, clock?: Clock): Promise<ReportDetailView> {
  return runStep(db, actor, id, {
    event: 'submit',
    plan: (report, task) => {
      authorize(actor, 'report.submit', workSubject(report, task));
      if (report.role !== 'host') throw new AppError(409, 'invalid_state', '协办单位的报告经审核后交主办单位汇总，不直接报送');
      if (report.status !== 'approved') throw wrongStatus(report, '报送');
      return { status: 'submitted' };
    },
    tally: (trx, before, now) => progressTally.submitted(trx, actor.governmentId, before, now),
  }, clock);
}

/** The office accepts a submitted report: it becomes part of the public ledger. */
export function acceptReport(db: Tx, actor: AuthActor, id: number, clock?: Clock): Promise<ReportDetailView> {
  return runStep(db, actor, id, {
    event: 'accept',
    plan: (report, task) => {
      authorize(actor, 'report.review', workSubject(report, task));
      if (report.status !== 'submitted') throw wrongStatus(report, '采纳');
      return { status: 'accepted' };
    },
    tally: (trx, before, now) => progressTally.accepted(trx, actor.governmentId, before, now),
  }, clock);
}

/** The office sends a submitted report back with its comment; returns are counted for the assessment. */
export function returnReport(db: Tx, actor: AuthActor, id: number, comment: string, clock?: Clock): Promise<ReportDetailView> {
  return runStep(db, actor, id, {
    event: 'return',
    comment,
    plan: (report, task) => {
      authorize(actor, 'report.review', workSubject(report, task));
      if (report.status !== 'submitted') throw wrongStatus(report, '退回');
      if (comment.trim() === '') throw badRequest('退回时须写明意见');
      return { status: 'returned', returnCount: report.returnCount + 1 };
    },
    tally: (trx, before) => progressTally.returned(trx, actor.governmentId, before),
  }, clock);
}
