/**
 * The flow of a report, as data: the unit drafts, its head approves, the host
 * unit's head submits, the office accepts or returns it. The runner
 * (workflow/runner.ts) applies a step; the same table gives the client its
 * buttons (report.access.ts) and the labels.
 */
import { governmentDay } from '../../domain/calendar.js';
import { FIGURE_LIMIT, isFigure, plainNumber } from '../../domain/figures.js';
import { isIsoDate } from '../../domain/time-progress.js';
import type { TaskSubject } from '../auth/subjects.js';
import { badRequest, notFound } from '../errors.js';
import type { DeliveryConfig } from '../notification/delivery.config.js';
import { notifyReportStep } from '../notification/step-notices.js';
import { progressTally } from '../status/progress-tally.js';
import { defineWorkflow, type StepContext, type VersionInput } from '../workflow/workflow.js';
import { workSubject } from './report.access.js';
import type { Confidence, Report, ReportEventAction, ReportMilestone, ReportStatus, ReportValue } from './report.model.js';
import {
  approvedMilestoneIds,
  findReport,
  insertEvent,
  listValues,
  replaceMilestones,
  replaceValues,
  taskSubjects,
  targetIdsOfTask,
  updateReport,
  type ReportChange,
} from './report.repository.js';

export interface DraftPatch extends VersionInput {
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

export interface ReportInputs {
  edit: DraftPatch;
  approve: VersionInput;
  submit: VersionInput;
  accept: VersionInput & { delivery?: DeliveryConfig | undefined };
  return: VersionInput & { comment: string; delivery?: DeliveryConfig | undefined };
  void: VersionInput & { reason: string };
}

type Step<In> = StepContext<Report, TaskSubject, In>;

async function checkDraft({ trx, entity, input, now }: Step<DraftPatch>): Promise<void> {
  const { values, milestones } = input;
  if (values) {
    const own = await targetIdsOfTask(trx, entity.taskId);
    const foreign = values.filter((v) => !own.has(v.targetId));
    if (foreign.length > 0) throw badRequest(`指标 ${foreign.map((v) => v.targetId).join('、')} 不属于本任务`, 'invalid_target');
    if (new Set(values.map((v) => v.targetId)).size !== values.length) throw badRequest('同一指标只能填写一个数值');
    const huge = values.find((v) => !isFigure(v.value));
    if (huge) throw badRequest(`指标 ${huge.targetId} 的完成值应为绝对值不超过 ${plainNumber(FIGURE_LIMIT)} 的数`, 'invalid_value');
  }
  if (milestones) {
    const planned = await approvedMilestoneIds(trx, entity.taskId);
    const foreign = milestones.filter((m) => !planned.has(m.milestoneId));
    if (foreign.length > 0) throw badRequest(`节点 ${foreign.map((m) => m.milestoneId).join('、')} 不属于本任务已批准的工作方案`, 'invalid_milestone');
    if (new Set(milestones.map((m) => m.milestoneId)).size !== milestones.length) throw badRequest('同一节点只能填写一次');
    // The government's calendar day (Asia/Shanghai, UTC+8): nothing is reached tomorrow.
    const today = governmentDay(now);
    const bad = milestones.find((m) => !isIsoDate(m.reachedOn));
    if (bad) throw badRequest(`节点完成日期“${bad.reachedOn}”不是有效日期`, 'invalid_date');
    const future = milestones.find((m) => m.reachedOn > today);
    if (future) throw badRequest(`节点完成日期 ${future.reachedOn} 晚于今天（${today}），不能填报尚未完成的节点`, 'invalid_date');
  }
}

const STATES: Record<ReportStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  approved: { zh: '已审核', en: 'Approved' },
  submitted: { zh: '已报送', en: 'Submitted' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  voided: { zh: '已作废', en: 'Voided' },
};

export const reportWorkflow = defineWorkflow<Report, TaskSubject, ReportInputs, ReportChange>()({
  entity: 'report',
  describe: () => '报告',
  states: STATES,
  transitions: {
    /** Writes the unit's draft (or a returned report, which goes back to draft). The writer becomes its author. */
    edit: {
      from: ['draft', 'returned'],
      to: 'draft',
      may: 'report.draft.write',
      label: { zh: '修改', en: 'edit' },
      audit: 'report.edit',
      event: 'edit',
      guard: checkDraft,
      set: ({ actor, input: p }) => ({
        authorId: actor.userId,
        ...(p.progress === undefined ? {} : { progress: p.progress }),
        ...(p.problems === undefined ? {} : { problems: p.problems }),
        ...(p.nextSteps === undefined ? {} : { nextSteps: p.nextSteps }),
        ...(p.confidence === undefined ? {} : { confidence: p.confidence }),
        ...(p.confidenceReason === undefined ? {} : { confidenceReason: p.confidenceReason }),
        ...(p.proposeComplete === undefined ? {} : { proposeComplete: p.proposeComplete }),
      }),
      auditBefore: async ({ trx, entity, input }) => (input.values ? { values: await listValues(trx, entity.id) } : {}),
      effect: async ({ trx, actor, entity, input }) => {
        if (input.milestones) await replaceMilestones(trx, actor.governmentId, entity.id, input.milestones);
        if (input.values) await replaceValues(trx, actor.governmentId, entity.id, input.values);
        return { ...(input.milestones ? { milestones: input.milestones } : {}), ...(input.values ? { values: input.values } : {}) };
      },
    },
    /** The unit's head approves a complete draft; whoever wrote it may not (report.policy.ts). */
    approve: {
      from: ['draft'],
      to: 'approved',
      may: 'report.approve',
      label: { zh: '审核', en: 'approve' },
      audit: 'report.approve',
      event: 'approve',
      guard: ({ entity: r }) => {
        if (r.authorId === null || r.progress.trim() === '') throw badRequest('报告尚未填写工作进展，不能审核', 'report_incomplete');
        if (r.confidence === null) throw badRequest('请先填写完成把握（正常推进、存在风险或严重滞后）', 'report_incomplete');
        if (r.confidence !== 'on_track' && !r.confidenceReason?.trim()) throw badRequest('完成把握为存在风险或严重滞后时须说明原因', 'report_incomplete');
      },
      set: ({ actor, entity, now }) => ({
        approvedBy: actor.userId,
        approvedAt: now,
        // A co-unit's report is sent when its head first approves it for the host unit.
        ...(entity.role === 'co' && entity.firstSentAt === null ? { firstSentAt: now } : {}),
      }),
      effect: async ({ trx, actor, entity, now }) => {
        await progressTally.approved(trx, actor.governmentId, entity, now);
        return undefined;
      },
    },
    /** The host unit's head sends the approved, consolidated report to the office. */
    submit: {
      from: ['approved'],
      to: 'submitted',
      may: 'report.submit',
      label: { zh: '报送', en: 'submit' },
      audit: 'report.submit',
      event: 'submit',
      unless: (r) => (r.role === 'host' ? null : '协办单位的报告经审核后交主办单位汇总，不直接报送'),
      set: ({ entity, now }) => ({ submittedAt: now, ...(entity.firstSentAt === null ? { firstSentAt: now } : {}) }),
      effect: async ({ trx, actor, entity, now }) => {
        await progressTally.submitted(trx, actor.governmentId, entity, now);
        return undefined;
      },
    },
    /** The office accepts a submitted report: it becomes part of the public ledger. */
    accept: {
      from: ['submitted'],
      to: 'accepted',
      may: 'report.review',
      label: { zh: '采纳', en: 'accept' },
      audit: 'report.accept',
      event: 'accept',
      set: ({ now }) => ({ acceptedAt: now }),
      effect: async ({ trx, actor, entity, now }) => {
        await progressTally.accepted(trx, actor.governmentId, entity, now);
        return undefined;
      },
      then: async ({ trx, actor, entity, input, now }) => {
        await notifyReportStep(trx, actor.governmentId, entity, 'accept', null, now, input.delivery);
      },
    },
    /** The office sends a submitted report back with its comment; returns are counted for the assessment. */
    return: {
      from: ['submitted'],
      to: 'returned',
      may: 'report.review',
      label: { zh: '退回', en: 'return' },
      audit: 'report.return',
      event: 'return',
      guard: ({ input }) => {
        if (input.comment.trim() === '') throw badRequest('退回时须写明意见');
      },
      set: ({ entity, now }) => ({ returnCount: entity.returnCount + 1, returnedAt: now }),
      effect: async ({ trx, actor, entity }) => {
        await progressTally.returned(trx, actor.governmentId, entity);
        return undefined;
      },
      // The unit's head and liaison are told, with the office's comment; each return is its own occasion.
      then: async ({ trx, actor, entity, input, now }) => {
        const report = { ...entity, returnCount: entity.returnCount + 1 };
        await notifyReportStep(trx, actor.governmentId, report, 'return', input.comment.trim(), now, input.delivery);
      },
    },
    /**
     * The office voids an accepted report whose figures are wrong (作废), with its reason: the report
     * no longer feeds the figures, lights or scores, and the task's figures are those of its other
     * accepted reports again (the latest of them, as if this one had never been accepted).
     */
    void: {
      from: ['accepted'],
      to: 'voided',
      may: 'report.review',
      label: { zh: '作废', en: 'void' },
      audit: 'report.void',
      event: 'void',
      guard: ({ input }) => {
        if (input.reason.trim() === '') throw badRequest('作废时须写明原因');
      },
      set: ({ now }) => ({ voidedAt: now }),
      auditAfter: ({ input }, change) => ({ ...change, reason: input.reason.trim() }),
      // After the report's row moved: the rebuilt figures read the accepted reports, this one no longer among them.
      then: async ({ trx, actor, entity, now }) => {
        await progressTally.voided(trx, actor.governmentId, entity, now);
      },
    },
  },
  load: async (trx, actor, id) => {
    const report = await findReport(trx, actor.governmentId, id);
    const task = report && (await taskSubjects(trx, actor.governmentId, [report.taskId])).get(report.taskId);
    if (!report || !task) throw notFound('报告');
    return { entity: report, ctx: task };
  },
  subject: workSubject,
  write: (trx, report, change, now, audit) => updateReport(trx, report, change, now, audit),
  timeline: ({ trx, actor, entity, now }, event, comment) =>
    insertEvent(trx, {
      governmentId: actor.governmentId,
      reportId: entity.id,
      at: now,
      actorUserId: actor.userId,
      action: event as ReportEventAction,
      comment,
    }),
});
