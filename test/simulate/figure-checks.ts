/**
 * What the simulated figures promise, read back from a database: things
 * counted (in 家, 个, 场, 人…) are whole numbers, and a unit's figure of a
 * target that builds up over the year never goes down from one round to the
 * next.
 */
import { basisOf } from '../../src/domain/completion.js';
import type { TargetKind } from '../../src/domain/plan.js';
import type { Tx } from '../../src/store/tx.js';

/** Units in which things are counted one by one. */
export const COUNTING = new Set(['个', '家', '场', '项', '所', '人', '户', '座', '条', '次', '批', '处', '场次', '人次']);

export interface FigureCheck {
  /** Targets counted in whole things that have figures. */
  countedTargets: number;
  /** Figures of cumulative targets read. */
  cumulativeFigures: number;
  /** Counted figures that are not whole. */
  fractional: string[];
  /** Cumulative figures lower than the same unit's figure of the round before. */
  decreasing: string[];
}

export async function checkFigures(q: Tx): Promise<FigureCheck> {
  const values = await q
    .selectFrom('report_values as v')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .innerJoin('rounds as d', 'd.id', 'r.round_id')
    .innerJoin('targets as t', 't.id', 'v.target_id')
    .select(['t.id as target', 't.unit', 't.kind', 't.metric', 't.value as goal', 'r.unit_id as unitId', 'd.period_end as periodEnd', 'v.value'])
    .orderBy('d.period_end')
    .orderBy('r.id')
    .execute();
  const counted = values.filter((v) => v.unit !== null && COUNTING.has(v.unit));
  const name = (v: (typeof values)[number]): string =>
    `${v.metric} (${v.kind} ${v.goal ?? ''}${v.unit ?? ''}) of unit ${v.unitId} on ${v.periodEnd}: ${v.value}`;
  // Figures that build up over the year (not rates, which move both ways).
  const cumulative = values.filter(
    (v) => basisOf({ text: '', metric: v.metric, kind: v.kind as TargetKind, value: v.goal, unit: v.unit, qualifiers: [] }) === 'cumulative',
  );
  const last = new Map<string, number>();
  const decreasing: string[] = [];
  for (const v of cumulative) {
    const key = `${v.target}/${v.unitId}`;
    const value = Math.abs(Number(v.value));
    if (value < (last.get(key) ?? 0)) decreasing.push(`${name(v)} after ${last.get(key)}`);
    last.set(key, value);
  }
  return {
    countedTargets: new Set(counted.map((v) => v.target)).size,
    cumulativeFigures: cumulative.length,
    fractional: counted.filter((v) => !Number.isInteger(Number(v.value))).map(name),
    decreasing,
  };
}
