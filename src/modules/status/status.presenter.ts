/** The shape a task's status leaves the server in: each target and milestone with its figures beside its light. */
import type { Static } from 'typebox';
import { basisOf } from '../../domain/completion.js';
import type { TargetStatus } from '../../domain/lights.js';
import type { Period } from '../../domain/status.js';
import { dayNumber, isoDate, timeProgress } from '../../domain/time-progress.js';
import type { StoredTarget } from '../task/task.model.js';
import type { TaskStatusSchema } from './status.schema.js';
import type { TaskStatusDetail } from './status.service.js';

/** The completion as a share (0.429 = 42.9 %), or null when there is none (no figure, 只减不增, not comparable). */
export const shareOf = (t: TargetStatus): number | null => (t.completion.state === 'share' ? t.completion.share : null);

export type TaskStatusView = Static<typeof TaskStatusSchema>;

/**
 * The path a target was planned to follow: the approved work plan's values, or,
 * for a measured cumulative target without them, what time progress expects
 * at each month's end.
 */
export function plannedPath(target: StoredTarget, schedule: readonly { on: string; value: number }[] | null, period: Period): { on: string; value: number }[] {
  if (schedule && schedule.length > 0) return schedule.map((n) => ({ on: n.on, value: n.value }));
  if (!target.measured || basisOf(target) !== 'cumulative' || target.kind === 'reduction' || target.value === null) return [];
  const value = target.value;
  const start = dayNumber(period.start);
  const out: { on: string; value: number }[] = [];
  for (let day = start; day <= dayNumber(period.end); day++) {
    const date = isoDate(day);
    if (isoDate(day + 1).slice(8) === '01') out.push({ on: date, value: Math.round(value * timeProgress(period, date) * 100) / 100 });
  }
  return out;
}

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
        scope: target.scope,
        measured: target.measured,
        combine: target.combine,
        units: (t?.units ?? []).map((u) => {
          const figure = d.unitValues.get(target.id)?.get(u.unitId);
          return {
            unitId: u.unitId,
            name: d.unitNames.get(u.unitId) ?? '',
            actual: u.actual,
            periodEnd: figure?.periodEnd ?? null,
            reportId: figure?.reportId ?? null,
            light: u.light,
            behindPoints: u.behindPoints,
          };
        }),
        series: d.figures
          .filter((v) => v.targetId === target.id)
          .map((v) => ({ periodEnd: v.periodEnd, acceptedAt: v.acceptedAt, unitId: v.unitId, value: v.value })),
        planned: plannedPath(target, d.approved?.schedule.get(target.id) ?? null, d.period),
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
