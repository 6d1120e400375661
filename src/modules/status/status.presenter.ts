/** The shape a task's status leaves the server in: each target and milestone with its figures beside its light. */
import type { Static } from 'typebox';
import type { TargetStatus } from '../../domain/lights.js';
import type { TaskStatusSchema } from './status.schema.js';
import type { TaskStatusDetail } from './status.service.js';

/** The completion as a share (0.429 = 42.9 %), or null when there is none (no figure, 只减不增, not comparable). */
export const shareOf = (t: TargetStatus): number | null => (t.completion.state === 'share' ? t.completion.share : null);

export type TaskStatusView = Static<typeof TaskStatusSchema>;

export function presentTaskStatus(d: TaskStatusDetail): TaskStatusView {
  const { status } = d.light;
  const milestones = d.approved?.milestones ?? [];
  return {
    taskId: d.task.id,
    planId: d.task.planId,
    key: d.task.key,
    taskStatus: d.task.status,
    asOf: d.asOf,
    period: d.period,
    timeProgress: d.timeProgress,
    light: d.light.light,
    source: d.light.source,
    dataError: d.light.dataError,
    reportOverdue: d.light.reportOverdue,
    confidenceConflict: d.light.confidenceConflict,
    behindPoints: d.light.behindPoints,
    reasons: d.light.reasons,
    confidence: status.confidence,
    targets: d.task.targets.map((target, i) => {
      const t = status.targets[i];
      const latest = d.values.get(target.id);
      return {
        targetId: target.id,
        text: target.text,
        metric: target.metric,
        kind: target.kind,
        value: target.value,
        unit: target.unit,
        actual: latest?.value ?? null,
        periodEnd: latest?.periodEnd ?? null,
        reportId: latest?.reportId ?? null,
        light: t?.light ?? 'none',
        completion: t ? shareOf(t) : null,
        /** 只减不增: whether it held; null for other kinds or without a figure. */
        held: t?.completion.state === 'hold' ? t.completion.held : null,
        expected: t?.expected ?? null,
        expectedFrom: t?.expectedFrom ?? null,
        behindPoints: t?.behindPoints ?? null,
        measuredAt: t?.measuredAt ?? null,
        reason: t?.reason ?? null,
      };
    }),
    milestones: milestones.map((m, i) => ({
      milestoneId: m.id,
      title: m.title,
      dueOn: m.dueOn,
      unitId: m.unitId,
      reachedOn: d.reached.get(m.id) ?? null,
      state: status.milestones[i]?.state ?? 'pending',
      light: status.milestones[i]?.light ?? 'none',
    })),
    workPlan: d.approved === null ? null : { workPlanId: d.approved.workPlanId, revision: d.approved.revision },
    latest:
      d.rating === null
        ? null
        : {
            reportId: d.rating.reportId,
            periodEnd: d.rating.periodEnd,
            reportedAt: d.rating.reportedAt,
            confidence: d.rating.confidence,
            confidenceReason: d.rating.confidenceReason,
            proposeComplete: d.rating.proposeComplete,
          },
    history: d.history.map((h) => ({ asOf: h.asOf, roundId: h.roundId, light: h.light })),
  };
}
