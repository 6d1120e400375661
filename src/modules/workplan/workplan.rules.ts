/**
 * What a work plan may say, judged without a database: dates inside the plan
 * year and never after the task's deadline (a plan only tightens the
 * deadlines it inherits), planned values at month ends for the task's own
 * quantitative targets, never falling for cumulative targets, and co-unit
 * parts for the task's co-units only. Each check throws a 400 whose Chinese
 * message tells the clerk what to change.
 */
import { FIGURE_LIMIT, isFigure, plainNumber } from '../../domain/figures.js';
import { basisOf } from '../../domain/completion.js';
import type { Target } from '../../domain/plan.js';
import { isIsoDate } from '../../domain/time-progress.js';
import { badRequest } from '../errors.js';
import type { CoPart, PlanMilestone, PlanValue } from './workplan.model.js';

/** What the task lets its plan say. */
export interface PlanFrame {
  /** The plan year (plans.year). */
  year: number;
  /** The task's deadline; null: the end of the plan year. */
  deadline: string | null;
  hostUnits: readonly { id: number; name: string }[];
  coUnits: readonly { id: number; name: string }[];
  targets: readonly (Target & { id: number })[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last day of its month: where planned cumulative values stand (month and quarter ends). */
export function isMonthEnd(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

/** 2026-09-30 → 2026年9月30日 */
export function chineseDate(value: string): string {
  const m = ISO_DATE.exec(value);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : value;
}

/** The last day a plan may name: the task's deadline, or the end of the plan year without one. */
export const lastDayOf = (frame: PlanFrame): string => frame.deadline ?? `${frame.year}-12-31`;

/** A date of the plan: real, inside the plan year, not after the task's deadline. */
function checkDate(frame: PlanFrame, date: string, what: string): void {
  if (!isIsoDate(date)) throw badRequest(`${what}的日期“${date}”不是有效日期，应写作 ${frame.year}-06-30 这样的形式`);
  if (!date.startsWith(`${frame.year}-`)) throw badRequest(`${what}的日期 ${date} 不在 ${frame.year} 年内`, 'outside_plan_year');
  if (frame.deadline !== null && date > frame.deadline) {
    throw badRequest(
      `${what}的日期 ${date} 晚于任务完成时限 ${frame.deadline}：细化方案只能提前、不能推迟任务的时限；需要推迟请提出延期申请`,
      'beyond_deadline',
    );
  }
}

const unitName = (frame: PlanFrame, id: number): string => [...frame.hostUnits, ...frame.coUnits].find((u) => u.id === id)?.name ?? `编号 ${id} 的单位`;

export function checkMilestones(frame: PlanFrame, milestones: readonly PlanMilestone[]): void {
  const involved = new Set([...frame.hostUnits, ...frame.coUnits].map((u) => u.id));
  milestones.forEach((m, i) => {
    const what = `第 ${i + 1} 个节点“${m.title.trim() || '（未命名）'}”`;
    if (m.title.trim() === '') throw badRequest(`第 ${i + 1} 个节点没有填写内容`);
    checkDate(frame, m.dueOn, what);
    if (m.unitId !== null && !involved.has(m.unitId)) throw badRequest(`${what}的承担单位（编号 ${m.unitId}）不是本任务的主办或协办单位`, 'invalid_unit');
  });
}

export function checkCoParts(frame: PlanFrame, coParts: readonly CoPart[]): void {
  const coUnits = new Set(frame.coUnits.map((u) => u.id));
  const seen = new Set<number>();
  for (const p of coParts) {
    if (!coUnits.has(p.unitId)) {
      const host = frame.hostUnits.some((u) => u.id === p.unitId);
      throw badRequest(
        host ? `${unitName(frame, p.unitId)}是本任务的主办单位，协办分工只写协办单位` : `编号 ${p.unitId} 的单位不是本任务的协办单位，不能为其分工`,
        'invalid_unit',
      );
    }
    if (seen.has(p.unitId)) throw badRequest(`${unitName(frame, p.unitId)}的分工重复填写，请合并为一条`);
    seen.add(p.unitId);
    if (p.part.trim() === '') throw badRequest(`请填写${unitName(frame, p.unitId)}的分工内容`);
  }
}

const targetLabel = (t: Target): string => t.metric || t.text;

/**
 * Planned values: the task's own quantitative targets, at month ends, one value
 * per target and date; a cumulative target's plan never falls (a reduction's
 * planned amount never shrinks); rates may go either way.
 */
export function checkValues(frame: PlanFrame, values: readonly PlanValue[]): void {
  const targets = new Map(frame.targets.map((t) => [t.id, t]));
  const seen = new Set<string>();
  for (const v of values) {
    const target = targets.get(v.targetId);
    if (!target) throw badRequest(`指标 ${v.targetId} 不属于本任务`, 'invalid_target');
    const basis = basisOf(target);
    if (basis === null || basis === 'hold') throw badRequest(`指标“${targetLabel(target)}”没有可量化的目标值，不能填写计划进度`, 'invalid_target');
    if (!isFigure(v.value)) throw badRequest(`指标“${targetLabel(target)}”的计划值不是有效数字（绝对值不超过 ${plainNumber(FIGURE_LIMIT)}）`);
    if (!isMonthEnd(v.periodEnd))
      throw badRequest(`指标“${targetLabel(target)}”的计划日期“${v.periodEnd}”应为月末或季末（某月最后一天，如 ${frame.year}-03-31）`);
    checkDate(frame, v.periodEnd, `指标“${targetLabel(target)}”计划值`);
    const key = `${v.targetId}/${v.periodEnd}`;
    if (seen.has(key)) throw badRequest(`指标“${targetLabel(target)}”在 ${v.periodEnd} 的计划值重复填写`);
    seen.add(key);
  }
  for (const target of frame.targets) {
    if (basisOf(target) !== 'cumulative') continue;
    const amount = (value: number): number => (target.kind === 'reduction' ? Math.abs(value) : value);
    const series = values.filter((v) => v.targetId === target.id).sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
    for (let i = 1; i < series.length; i++) {
      const prev = series[i - 1];
      const cur = series[i];
      if (prev && cur && amount(cur.value) < amount(prev.value)) {
        throw badRequest(
          `指标“${targetLabel(target)}”是累计数，计划值不能随时间减少：${prev.periodEnd} 为 ${prev.value}，${cur.periodEnd} 却为 ${cur.value}`,
          'decreasing_schedule',
        );
      }
    }
  }
}
