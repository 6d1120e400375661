/**
 * The kept dashboard (ADR 0033), pure: what is kept of each task (its light,
 * its place in the lagging list and what the dashboard shows of it), the
 * counts over them (by light, section, lead leader and host unit, with each
 * unit's punctuality), and the counts changed by the tasks a change touched,
 * without looking at the others. The view is assembled from the counts and one
 * page of tasks: its size depends on the number of groups and the pages asked
 * for, not on the plan's size.
 */
import type { Static } from 'typebox';
import { behindForLight } from '../../domain/reasons.js';
import type { Light, Period } from '../../domain/status.js';
import type { LedgerTask } from '../task/task.model.js';
import type { StoredSection } from '../plan/plan.repository.js';
import { shareOf } from '../status/status.presenter.js';
import type { LatestValue, Punctuality } from '../status/status.repository.js';
import type { TaskLight } from '../status/status.service.js';
import type { DashboardSchema } from './dashboard.schema.js';

export type DashboardView = Static<typeof DashboardSchema>;
export type LightCounts = Record<Light, number>;
type TaskEntry = DashboardView['tasks'][number];
type LaggingEntry = DashboardView['lagging'][number];
type TargetEntry = DashboardView['targets'][number];

/** What the dashboard shows of one task, and the groups it is counted in. */
export interface KeptBody {
  task: TaskEntry;
  /** Its entry in the lagging list when yellow or red. */
  lag: LaggingEntry | null;
  targets: TargetEntry[];
  section: number | null;
  /** Completed (销号) by the date. */
  completed: boolean;
  leaders: [number, string][];
  hosts: [number, string][];
}

export interface KeptTask {
  taskId: number;
  /** Notice order. */
  position: number;
  light: Light;
  /** The lagging list's order: red 1, yellow 2, others 9. */
  lagSort: number;
  /** Points behind, negated; NOT_BEHIND when the light is not from figures behind. */
  lagBehind: number;
  body: KeptBody;
}

/** Sorts after every figure behind: a light from an overdue report or a missed milestone comes after those from figures. */
export const NOT_BEHIND = 1e12;

interface Group {
  total: number;
  lights: LightCounts;
  /** The notice position of the first task counted in it: groups are listed in the order they first appear. */
  first: number;
}

/** The counts of a kept dashboard (dashboard_snapshots.summary). */
export interface Summary {
  lights: LightCounts;
  total: number;
  sections: Record<string, Group & { id: number | null; number: string | null; title: string | null }>;
  leaders: Record<string, Group & { id: number; name: string }>;
  units: Record<string, Group & { id: number; name: string }>;
  /** By unit id: the units with reports asked of them. */
  punctuality: Record<string, Punctuality>;
}

const noLights = (): LightCounts => ({ green: 0, yellow: 0, red: 0, none: 0 });

/** What is kept of one task on the date, from its light and the task as it stood then. */
export function keptTask(light: TaskLight, task: LedgerTask | undefined, values: ReadonlyMap<number, LatestValue>, position: number): KeptTask {
  const lagging = light.light === 'yellow' || light.light === 'red';
  const behind = lagging ? behindForLight(light.reasons, light.light) : null;
  return {
    taskId: light.taskId,
    position,
    light: light.light,
    lagSort: light.light === 'red' ? 1 : light.light === 'yellow' ? 2 : 9,
    lagBehind: behind === null ? NOT_BEHIND : -behind,
    body: {
      task: {
        taskId: light.taskId,
        key: light.key,
        sectionId: light.sectionId,
        light: light.light,
        source: light.source,
        dataError: light.dataError,
        reportOverdue: light.reportOverdue,
        confidenceConflict: light.confidenceConflict,
        behindPoints: light.behindPoints,
        reasons: light.reasons,
      },
      lag: lagging
        ? {
            taskId: light.taskId,
            key: light.key,
            text: task?.text ?? '',
            light: light.light,
            behindPoints: behind,
            reportOverdue: light.reportOverdue,
            hostUnits: (task?.hostUnits ?? []).map((u) => u.name),
            leaders: (task?.leaders ?? []).map((x) => x.name),
            reasons: light.reasons,
          }
        : null,
      targets: (task?.targets ?? []).map((target, i): TargetEntry => {
        const t = light.status.targets[i];
        return {
          targetId: target.id,
          taskId: light.taskId,
          text: target.text,
          metric: target.metric,
          value: target.value,
          unit: target.unit,
          actual: values.get(target.id)?.value ?? null,
          completion: t ? shareOf(t) : null,
          expected: t?.expected ?? null,
          light: t?.light ?? 'none',
        };
      }),
      section: light.sectionId,
      completed: task?.status === 'completed',
      leaders: (task?.leaders ?? []).map((l) => [l.id, l.name]),
      hosts: (task?.hostUnits ?? []).map((u) => [u.id, u.name]),
    },
  };
}

/** The counts over every task of the snapshot. */
export function summaryOf(tasks: readonly KeptTask[], sections: readonly StoredSection[], punctuality: readonly Punctuality[]): Summary {
  const summary: Summary = { lights: noLights(), total: 0, sections: {}, leaders: {}, units: {}, punctuality: {} };
  const named = new Map(sections.map((s) => [s.id, s]));
  for (const task of tasks) count(summary, task, 1, named);
  for (const p of punctuality) summary.punctuality[String(p.unitId)] = p;
  return summary;
}

/**
 * The counts once the touched tasks have changed: each one's old entry
 * (`before`, absent when it was not counted) taken out, its new one (`after`,
 * absent when it is no longer counted) put in, and the punctuality of the
 * units recounted replaced. A new copy; the tasks not touched are not read.
 */
export function changedSummary(
  summary: Summary,
  before: readonly KeptTask[],
  after: readonly KeptTask[],
  recounted: { unitIds: readonly number[]; punctuality: readonly Punctuality[] },
  sections: readonly StoredSection[],
): Summary {
  const next = structuredClone(summary);
  const named = new Map(sections.map((s) => [s.id, s]));
  for (const task of before) count(next, task, -1, named);
  for (const task of after) count(next, task, 1, named);
  for (const id of recounted.unitIds) delete next.punctuality[String(id)];
  for (const p of recounted.punctuality) next.punctuality[String(p.unitId)] = p;
  return next;
}

function count(summary: Summary, task: KeptTask, by: 1 | -1, sections: ReadonlyMap<number, StoredSection>): void {
  summary.total += by;
  summary.lights[task.light] += by;
  const { body, light, position } = task;
  const sectionKey = String(body.section);
  const section = body.section === null ? undefined : sections.get(body.section);
  const base = summary.sections[sectionKey] ?? {
    id: body.section,
    number: section?.number ?? null,
    title: section?.title ?? null,
    ...emptyGroup(position),
  };
  summary.sections[sectionKey] = base;
  tally(summary.sections, sectionKey, light, position, by);
  for (const [id, name] of body.leaders) {
    summary.leaders[String(id)] ??= { id, name, ...emptyGroup(position) };
    tally(summary.leaders, String(id), light, position, by);
  }
  for (const [id, name] of body.hosts) {
    summary.units[String(id)] ??= { id, name, ...emptyGroup(position) };
    tally(summary.units, String(id), light, position, by);
  }
}

const emptyGroup = (position: number): Group => ({ total: 0, lights: noLights(), first: position });

function tally(groups: Record<string, Group>, key: string, light: Light, position: number, by: 1 | -1): void {
  const group = groups[key];
  if (group === undefined) return;
  group.total += by;
  group.lights[light] += by;
  if (by === 1) group.first = Math.min(group.first, position);
  if (group.total <= 0) delete groups[key];
}

/** The order groups are listed in: as they first appear in the notice. */
const inOrder = <G extends Group>(groups: Record<string, G>): G[] => Object.values(groups).sort((a, b) => a.first - b.first);

export interface Paging {
  laggingOffset: number;
  laggingLimit: number;
  taskOffset: number;
  taskLimit: number;
  groupLimit: number;
}

/** The dashboard as the API shows it: the counts, each list of groups up to `groupLimit`, and the pages of tasks read. */
export function viewOf(
  summary: Summary,
  meta: { planId: number; asOf: string; period: Period; timeProgress: number },
  paging: Paging,
  lagging: readonly KeptBody[],
  page: readonly KeptBody[],
): DashboardView {
  const sections = inOrder(summary.sections);
  const leaders = inOrder(summary.leaders);
  const counted = inOrder(summary.units);
  const countedIds = new Set(counted.map((u) => u.id));
  // Units that only co-operate, or whose tasks are gone, still have their punctuality shown.
  const onlyPunctual = Object.values(summary.punctuality)
    .filter((p) => !countedIds.has(p.unitId))
    .sort((a, b) => a.unitId - b.unitId);
  const units = [
    ...counted.map((u) => ({ unitId: u.id, name: u.name, total: u.total, lights: u.lights })),
    ...onlyPunctual.map((p) => ({ unitId: p.unitId, name: p.name, total: 0, lights: noLights() })),
  ];
  const limit = paging.groupLimit;
  return {
    planId: meta.planId,
    asOf: meta.asOf,
    period: meta.period,
    timeProgress: meta.timeProgress,
    lights: summary.lights,
    total: summary.total,
    bySection: sections.slice(0, limit).map((s) => ({ sectionId: s.id, number: s.number, title: s.title, total: s.total, lights: s.lights })),
    byLeader: leaders.slice(0, limit).map((l) => ({ leaderId: l.id, name: l.name, total: l.total, lights: l.lights })),
    byUnit: units.slice(0, limit).map((u) => {
      const p = summary.punctuality[String(u.unitId)];
      const sent = (p?.onTime ?? 0) + (p?.late ?? 0);
      return {
        ...u,
        name: u.name === '' ? (p?.name ?? '') : u.name,
        owed: p?.owed ?? 0,
        onTime: p?.onTime ?? 0,
        late: p?.late ?? 0,
        returned: p?.returned ?? 0,
        onTimeRate: sent === 0 ? null : (p?.onTime ?? 0) / sent,
      };
    }),
    lagging: lagging.flatMap((b) => (b.lag === null ? [] : [b.lag])),
    targets: page.flatMap((b) => b.targets),
    tasks: page.map((b) => b.task),
    pages: {
      lagging: { offset: paging.laggingOffset, limit: paging.laggingLimit, total: summary.lights.red + summary.lights.yellow },
      tasks: { offset: paging.taskOffset, limit: paging.taskLimit, total: summary.total },
      groups: { limit, sections: sections.length, leaders: leaders.length, units: units.length },
    },
  };
}
