/**
 * What a person fixes before a plan is committed (units and hosts the
 * importer could not be sure of, and a task's targets: retyped, renamed,
 * excluded from measurement or included, split, merged, added or deleted, by
 * giving the task's whole list of targets), and the clean-up every stored
 * plan gets: unit names made canonical and owners listed once.
 */
import { FIGURE_LIMIT, isFigure, plainNumber } from '../../domain/figures.js';
import { isMeasured, TARGET_KINDS, TARGET_SCOPES, type Plan, type Target, type TargetKind, type TargetScope, type Task } from '../../domain/plan.js';
import { textProblem } from '../../domain/text.js';
import { taskKey } from '../task/task.model.js';
import { PlanImportError } from './plan.errors.js';

/** A target as the office corrects it: what is left out is filled as the importer would. */
export interface TargetCorrection {
  text?: string;
  metric: string;
  kind: TargetKind;
  value: number | null;
  unit?: string | null;
  qualifiers?: string[];
  scope?: TargetScope;
  measured?: boolean;
}

export interface TaskCorrection {
  /** The task's key, `${section ?? ''}/${number}`. */
  key: string;
  hostUnits?: string[];
  coUnits?: string[];
  leaders?: string[];
  /** The task's targets as they are to be stored, replacing the importer's reading (an empty list: none). */
  targets?: TargetCorrection[];
}

export interface PlanCorrections {
  tasks?: TaskCorrection[];
  /** Renames a unit wherever the notice names it (a short form, a typo). */
  units?: { from: string; to: string }[];
}

const MAX_NAME = 100;
const MAX_TARGETS = 200;
const MAX_TARGET_TEXT = 1000;
const MAX_METRIC = 200;
const MAX_UNIT = 20;

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

/** One corrected target, checked and completed; `where` names it in a refusal. */
function target(raw: unknown, where: string): Target {
  const t = (raw ?? {}) as Record<string, unknown>;
  const line = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.trim().length <= max && textProblem(v, 'text') === null;
  if (!line(t.metric, MAX_METRIC)) wrong(`${where}的名称应为不超过 ${MAX_METRIC} 字的文字`);
  const metric = t.metric.trim();
  if (t.text !== undefined && !line(t.text, MAX_TARGET_TEXT)) wrong(`${where}的原文应为不超过 ${MAX_TARGET_TEXT} 字的文字`);
  if (!TARGET_KINDS.some((k) => k === t.kind)) wrong(`${where}的类型不正确`);
  if (t.value !== null && !isFigure(t.value)) wrong(`${where}的目标值应为绝对值不超过 ${plainNumber(FIGURE_LIMIT)} 的数`);
  if (t.unit !== undefined && t.unit !== null && !(typeof t.unit === 'string' && t.unit.trim().length <= MAX_UNIT)) {
    wrong(`${where}的计量单位应为不超过 ${MAX_UNIT} 字的文字`);
  }
  const unit = typeof t.unit === 'string' && t.unit.trim() !== '' ? t.unit.trim() : null;
  if (t.qualifiers !== undefined && !(Array.isArray(t.qualifiers) && t.qualifiers.every((q) => line(q, MAX_UNIT)))) wrong(`${where}的限定词不正确`);
  if (t.scope !== undefined && !TARGET_SCOPES.some((x) => x === t.scope)) wrong(`${where}的性质不正确`);
  if (t.measured !== undefined && typeof t.measured !== 'boolean') wrong(`${where}是否衡量应为是或否`);
  const scope = (t.scope as TargetScope | undefined) ?? 'annual';
  return {
    text: typeof t.text === 'string' ? t.text.trim() : metric,
    metric,
    kind: t.kind as TargetKind,
    value: t.value,
    unit,
    qualifiers: (t.qualifiers ?? []).map((q) => q.trim()),
    scope,
    measured: t.measured ?? isMeasured({ scope }),
  };
}

function targets(value: unknown, key: string): Target[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_TARGETS) wrong(`任务“${key}”的指标应为至多 ${MAX_TARGETS} 个指标的列表`);
  return (value as unknown[]).map((t, i) => target(t, `任务“${key}”的第 ${i + 1} 个指标`));
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
      targets: fix?.targets ?? t.targets,
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

type TaskOverride = { hostUnits?: string[]; coUnits?: string[]; leaders?: string[]; targets?: Target[] };

function taskOverrides(plan: Plan, tasks: readonly unknown[]): Map<string, TaskOverride> {
  if (!Array.isArray(tasks)) wrong('tasks 应为列表');
  const keys = new Set(plan.tasks.map((t) => taskKey(t.section, t.number)));
  const overrides = new Map<string, TaskOverride>();
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
      targets: targets(fix.targets, key),
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
