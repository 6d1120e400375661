/**
 * What a person fixes before a plan is committed (units and hosts the
 * importer could not be sure of), and the clean-up every stored plan gets:
 * unit names made canonical and owners listed once.
 */
import type { Plan, Task } from '../../domain/plan.js';
import { taskKey } from '../task/task.model.js';
import { PlanImportError } from './plan.errors.js';

export interface TaskCorrection {
  /** The task's key, `${section ?? ''}/${number}`. */
  key: string;
  hostUnits?: string[];
  coUnits?: string[];
  leaders?: string[];
}

export interface PlanCorrections {
  tasks?: TaskCorrection[];
  /** Renames a unit wherever the notice names it (a short form, a typo). */
  units?: { from: string; to: string }[];
}

const MAX_NAME = 100;

function wrong(why: string): never {
  throw new PlanImportError('bad_correction', `更正有误：${why}`);
}

function name(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > MAX_NAME) wrong(`${what}应为不超过 ${MAX_NAME} 字的名称`);
  return value.trim();
}

function names(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) wrong(`${what}应为名称列表`);
  return (value as unknown[]).map((v) => name(v, what));
}

export const isEmptyCorrections = (c: PlanCorrections | undefined): boolean => (c?.tasks ?? []).length === 0 && (c?.units ?? []).length === 0;

/** The plan with the corrections applied; throws PlanImportError on a correction that does not fit the plan. */
export function applyCorrections(plan: Plan, corrections: PlanCorrections | undefined): Plan {
  if (corrections === undefined || isEmptyCorrections(corrections)) return plan;
  const renames = unitRenames(plan, corrections.units ?? []);
  const overrides = taskOverrides(plan, corrections.tasks ?? []);
  const rename = (n: string): string => renames.get(n) ?? n;
  const tasks = plan.tasks.map((t): Task => {
    const fix = overrides.get(taskKey(t.section, t.number));
    return {
      ...t,
      hostUnits: fix?.hostUnits ?? t.hostUnits.map(rename),
      coUnits: fix?.coUnits ?? t.coUnits.map(rename),
      leaders: fix?.leaders ?? t.leaders,
    };
  });
  return { ...plan, tasks };
}

function unitRenames(plan: Plan, units: readonly unknown[]): Map<string, string> {
  if (!Array.isArray(units)) wrong('units 应为列表');
  const present = new Set(plan.tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits]));
  const renames = new Map<string, string>();
  for (const raw of units) {
    const entry = (raw ?? {}) as { from?: unknown; to?: unknown };
    const from = name(entry.from, '要更正的单位');
    const to = name(entry.to, `“${from}”的新名称`);
    if (!present.has(from)) wrong(`通知中没有单位“${from}”`);
    if (renames.has(from)) wrong(`单位“${from}”被更正了两次`);
    renames.set(from, to);
  }
  return renames;
}

function taskOverrides(plan: Plan, tasks: readonly unknown[]): Map<string, { hostUnits?: string[]; coUnits?: string[]; leaders?: string[] }> {
  if (!Array.isArray(tasks)) wrong('tasks 应为列表');
  const keys = new Set(plan.tasks.map((t) => taskKey(t.section, t.number)));
  const overrides = new Map<string, { hostUnits?: string[]; coUnits?: string[]; leaders?: string[] }>();
  for (const raw of tasks) {
    const fix = (raw ?? {}) as Record<string, unknown>;
    if (typeof fix.key !== 'string') wrong('每条任务更正都要给出任务编号（key）');
    const key = fix.key;
    if (!keys.has(key)) throw new PlanImportError('unknown_task', `更正有误：通知中没有编号为“${key}”的任务`);
    if (overrides.has(key)) wrong(`任务“${key}”被更正了两次`);
    overrides.set(key, {
      hostUnits: names(fix.hostUnits, `任务“${key}”的主办单位`),
      coUnits: names(fix.coUnits, `任务“${key}”的协办单位`),
      leaders: names(fix.leaders, `任务“${key}”的牵头领导`),
    });
  }
  return overrides;
}

const unique = (list: readonly string[]): string[] => [...new Set(list)];

/**
 * Unit names replaced by their canonical names (the store's directory knows
 * aliases such as 区工信局), then each owner listed once: a unit that hosts a
 * task is not also its co-unit.
 */
export function canonicalizePlan(plan: Plan, canonical: ReadonlyMap<string, string>): Plan {
  const to = (n: string): string => canonical.get(n.trim()) ?? n.trim();
  const tasks = plan.tasks.map((t): Task => {
    const hostUnits = unique(t.hostUnits.map(to));
    const hosts = new Set(hostUnits);
    return { ...t, leaders: unique(t.leaders.map((l) => l.trim())), hostUnits, coUnits: unique(t.coUnits.map(to)).filter((u) => !hosts.has(u)) };
  });
  return { ...plan, tasks };
}

export const unitNamesOf = (plan: Plan): string[] => unique(plan.tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits]).map((n) => n.trim()));
