/**
 * The dashboard's figures from a plan's lights: counts over tasks overall, by
 * section, by lead leader and by host unit, the lagging tasks worst first,
 * each target's completion against the share expected of it, and each unit's
 * punctuality. Pure: everything it needs is passed in.
 */
import type { Static } from 'typebox';
import { behindForLight } from '../../domain/reasons.js';
import { lightRank, type Light } from '../../domain/status.js';
import type { StoredSection } from '../plan/plan.repository.js';
import { shareOf } from '../status/status.presenter.js';
import type { Punctuality } from '../status/status.repository.js';
import type { PlanStatus, StatusInputs, TaskLight } from '../status/status.service.js';
import type { DashboardSchema } from './dashboard.schema.js';

export type LightCounts = Record<Light, number>;

const noLights = (): LightCounts => ({ green: 0, yellow: 0, red: 0, none: 0 });

/** Tasks counted per light, in the order groups first appear. */
class Tally<K> {
  private readonly groups = new Map<K, { total: number; lights: LightCounts }>();
  add(key: K, light: Light): void {
    const group = this.groups.get(key) ?? { total: 0, lights: noLights() };
    group.total += 1;
    group.lights[light] += 1;
    this.groups.set(key, group);
  }
  get(key: K): { total: number; lights: LightCounts } {
    return this.groups.get(key) ?? { total: 0, lights: noLights() };
  }
  keys(): K[] {
    return [...this.groups.keys()];
  }
}

export type DashboardView = Static<typeof DashboardSchema>;

export function summarize(status: PlanStatus, inputs: StatusInputs, sections: readonly StoredSection[], punctuality: readonly Punctuality[]): DashboardView {
  const tasks = new Map(inputs.tasks.map((t) => [t.id, t]));
  const lights = noLights();
  const bySection = new Tally<number | null>();
  const byLeader = new Tally<number>();
  const byUnit = new Tally<number>();
  const leaderNames = new Map<number, string>();
  const unitNames = new Map<number, string>();
  for (const light of status.tasks) {
    const task = tasks.get(light.taskId);
    lights[light.light] += 1;
    bySection.add(light.sectionId, light.light);
    for (const leader of task?.leaders ?? []) {
      leaderNames.set(leader.id, leader.name);
      byLeader.add(leader.id, light.light);
    }
    for (const unit of task?.hostUnits ?? []) {
      unitNames.set(unit.id, unit.name);
      byUnit.add(unit.id, light.light);
    }
  }

  const sectionOf = new Map(sections.map((s) => [s.id, s]));
  const onTime = new Map(punctuality.map((p) => [p.unitId, p]));
  // Units that only co-operate, or whose tasks are gone, still have their punctuality shown.
  const unitIds = [...byUnit.keys(), ...punctuality.map((p) => p.unitId).filter((id) => !unitNames.has(id))];

  return {
    planId: status.planId,
    asOf: status.asOf,
    period: status.period,
    timeProgress: status.timeProgress,
    lights,
    total: status.tasks.length,
    bySection: bySection.keys().map((id) => {
      const section = id === null ? undefined : sectionOf.get(id);
      return { sectionId: id, number: section?.number ?? null, title: section?.title ?? null, ...bySection.get(id) };
    }),
    byLeader: byLeader.keys().map((id) => ({ leaderId: id, name: leaderNames.get(id) ?? '', ...byLeader.get(id) })),
    byUnit: unitIds.map((id) => {
      const p = onTime.get(id);
      const sent = (p?.onTime ?? 0) + (p?.late ?? 0);
      return {
        unitId: id,
        name: unitNames.get(id) ?? p?.name ?? '',
        ...byUnit.get(id),
        owed: p?.owed ?? 0,
        onTime: p?.onTime ?? 0,
        late: p?.late ?? 0,
        returned: p?.returned ?? 0,
        onTimeRate: sent === 0 ? null : (p?.onTime ?? 0) / sent,
      };
    }),
    lagging: lagging(status.tasks).map((l) => {
      const task = tasks.get(l.taskId);
      return {
        taskId: l.taskId,
        key: l.key,
        text: task?.text ?? '',
        light: l.light,
        behindPoints: behindForLight(l.reasons, l.light),
        reportOverdue: l.reportOverdue,
        hostUnits: (task?.hostUnits ?? []).map((u) => u.name),
        leaders: (task?.leaders ?? []).map((x) => x.name),
        reasons: l.reasons,
      };
    }),
    targets: status.tasks.flatMap((l) => {
      const task = tasks.get(l.taskId);
      return (task?.targets ?? []).map((target, i) => {
        const t = l.status.targets[i];
        return {
          targetId: target.id,
          taskId: l.taskId,
          text: target.text,
          metric: target.metric,
          value: target.value,
          unit: target.unit,
          actual: inputs.values.get(target.id)?.value ?? null,
          completion: t ? shareOf(t) : null,
          expected: t?.expected ?? null,
          light: t?.light ?? 'none',
        };
      });
    }),
    tasks: status.tasks.map((l) => ({
      taskId: l.taskId,
      key: l.key,
      sectionId: l.sectionId,
      light: l.light,
      source: l.source,
      dataError: l.dataError,
      reportOverdue: l.reportOverdue,
      confidenceConflict: l.confidenceConflict,
      behindPoints: l.behindPoints,
      reasons: l.reasons,
    })),
  };
}

/**
 * Yellow and red tasks, worst first: red before yellow, then the furthest behind among the targets of
 * their colour, then notice order.
 */
export function lagging(lights: readonly TaskLight[]): TaskLight[] {
  const order = new Map(lights.map((l, i) => [l.taskId, i]));
  return lights
    .filter((l) => l.light === 'yellow' || l.light === 'red')
    .sort((a, b) => lightRank(b.light) - lightRank(a.light) || behind(b) - behind(a) || (order.get(a.taskId) ?? 0) - (order.get(b.taskId) ?? 0));
}

/** Behind by points; a task whose light is not from figures behind (an overdue report, a missed milestone) sorts after those with. */
function behind(l: TaskLight): number {
  return behindForLight(l.reasons, l.light) ?? Number.MIN_SAFE_INTEGER;
}
