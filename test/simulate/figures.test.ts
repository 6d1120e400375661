/**
 * The simulated figures, without a database: things counted are whole and
 * never go down (for the task and for each unit sharing it), targets that
 * measure the same thing read one series, and a series on a date never
 * depends on later dates.
 */
import { describe, expect, it } from 'vitest';
import type { CombineRule, Target, TargetKind } from '../../src/domain/plan.js';
import { isoDate, dayNumber } from '../../src/domain/time-progress.js';
import { apportion, countsThings, seriesAt, seriesOf, targetFigure, unitFigure } from '../../src/simulate/figures.js';
import type { Pace } from '../../src/simulate/scenario.js';

const PACES: Pace[] = ['ahead', 'steady', 'slipping', 'behind', 'recovering'];

let nextId = 1;
function target(
  metric: string,
  kind: TargetKind,
  value: number | null,
  unit: string | null,
  extra: Partial<Target & { combine: CombineRule }> = {},
): Target & { id: number; combine: CombineRule } {
  return { id: nextId++, text: `${metric}${value ?? ''}${unit ?? ''}`, metric, kind, value, unit, qualifiers: [], combine: 'sum', ...extra };
}

/** The days of the year from the notice in February to the end of December, a week apart, and every month's end. */
const dates = (): string[] => {
  const out = new Set<string>();
  for (let d = dayNumber('2026-02-13'); d <= dayNumber('2026-12-31'); d += 7) out.add(isoDate(d));
  for (let m = 2; m <= 12; m++) out.add(isoDate(Date.UTC(2026, m, 0) / 86_400_000));
  return [...out].sort();
};

describe('what counts things', () => {
  it('takes counting units and counts in units that are no measure as whole things', () => {
    for (const unit of ['个', '家', '场', '项', '所', '人', '户', '座', '条', '次', '批', '处', '场次', '人次'])
      expect(countsThings({ kind: 'count', unit }), unit).toBe(true);
    // An increment or total of enterprises is counted too.
    expect(countsThings({ kind: 'increment', unit: '家' })).toBe(true);
    expect(countsThings({ kind: 'total', unit: '个' })).toBe(true);
    // 5 个百亩田 read with its thing as the unit.
    expect(countsThings({ kind: 'count', unit: '百亩田' })).toBe(true);
    expect(countsThings({ kind: 'count', unit: null })).toBe(true);
  });

  it('leaves measures and counts in ten thousands fractional', () => {
    for (const unit of ['亿元', '万元', '万美元', '公里', '万亩', '万吨', '蒸吨', 'MW', 'GWh', '%', '个百分点', '万人次', '万人', '亿斤']) {
      expect(countsThings({ kind: 'count', unit }), unit).toBe(false);
    }
    expect(countsThings({ kind: 'increment', unit: '亿元' })).toBe(false);
  });
});

describe('apportion', () => {
  it('shares out exactly the total, and one more thing never takes one from anybody', () => {
    for (const weights of [[1], [1, 1], [3, 1], [1, 2, 4], [4, 4, 1, 3, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]) {
      let before = weights.map(() => 0);
      for (let total = 0; total <= 400; total++) {
        const parts = apportion(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => expect(p, `weights ${weights.join(',')} total ${total}`).toBeGreaterThanOrEqual(before[i] ?? 0));
        before = parts;
      }
    }
  });

  it('is quick for large counts', () => {
    expect(apportion(3_000_000_001, [1, 2]).reduce((a, b) => a + b, 0)).toBe(3_000_000_001);
  });
});

describe('series', () => {
  it('joins the same metric within a task and the same metric and unit across tasks, and links those tasks', () => {
    const revenueUp = target('营收', 'increment', 140, '亿元');
    const revenueTotal = target('营收', 'total', 200, '亿元');
    const other = target('高企', 'increment', 25, '家');
    const parkRevenue = target('营收', 'total', 735, '亿元');
    const parkFirms = target('企业', 'count', 6, '家');
    const alone = target('企业', 'count', 10, '个');
    const unmeasured = target('千亿级产业集群', 'count', 3, '个', { scope: 'long_term' });
    const series = seriesOf([
      { id: 1, targets: [revenueUp, revenueTotal, other, unmeasured] },
      { id: 2, targets: [parkRevenue, parkFirms] },
      { id: 3, targets: [alone] },
    ]);
    const of = (t: { id: number }) => series.seriesOf.get(t.id);
    expect(of(revenueTotal)).toBe(of(revenueUp));
    expect(of(parkRevenue)).toBe(of(revenueUp));
    expect(of(other)).not.toBe(of(revenueUp));
    // The same metric in another unit is another thing.
    expect(of(alone)).not.toBe(of(parkFirms));
    // An aim beyond the year is not reported on.
    expect(of(unmeasured)).toBeUndefined();
    expect(series.linked).toEqual([[1, 2]]);
  });

  it('gives targets of one series figures that agree: the same share of each', () => {
    const up = target('营收', 'increment', 140, '亿元');
    const total = target('营收', 'total', 200, '亿元');
    for (const date of ['2026-03-31', '2026-06-30', '2026-09-30']) {
      const point = seriesAt(7, 's', 'steady', 2026, date);
      const a = targetFigure(up, point) ?? NaN;
      const b = targetFigure(total, point) ?? NaN;
      expect(Math.abs(a / 140 - b / 200)).toBeLessThan(0.001);
    }
  });

  it('never goes down for cumulative kinds, and reads no later date', () => {
    for (const pace of PACES) {
      for (const seed of [1, 7, 42]) {
        let before = 0;
        for (const date of dates()) {
          const point = seriesAt(seed, `series-${seed}`, pace, 2026, date);
          expect(point.done, `${pace} ${date}`).toBeGreaterThanOrEqual(before);
          before = point.done;
        }
      }
    }
  });

  it('counts whole things for the task and for each host unit sharing it, never fewer than before', () => {
    const targets = [
      target('老旧小区', 'count', 13, '个'),
      target('高技能人才', 'count', 1500, '人'),
      target('百亩田', 'count', 5, '个'),
      target('减少危房', 'reduction', 30, '户'),
    ];
    const hosts = [11, 12, 13];
    for (const pace of PACES) {
      for (const t of targets) {
        let whole = Number.NEGATIVE_INFINITY;
        const parts = new Map<number, number>();
        for (const date of dates()) {
          const figure = targetFigure(t, seriesAt(7, t.metric, pace, 2026, date));
          if (figure === null) throw new Error('no figure');
          expect(Number.isInteger(figure)).toBe(true);
          expect(Math.abs(figure)).toBeGreaterThanOrEqual(whole);
          whole = Math.abs(figure);
          const split = hosts.map((u) => unitFigure(7, t, t.metric, figure, hosts, u));
          expect(split.reduce((a, b) => a + b, 0)).toBe(figure);
          for (const [i, u] of hosts.entries()) {
            const part = Math.abs(split[i] ?? NaN);
            expect(Number.isInteger(part)).toBe(true);
            expect(part, `${t.metric} ${pace} ${date} unit ${u}`).toBeGreaterThanOrEqual(parts.get(u) ?? 0);
            parts.set(u, part);
          }
        }
      }
    }
  });

  it('gives each host the whole figure of a target judged per unit', () => {
    const rate = target('固定资产投资', 'growth_rate', 10, '%', { combine: 'per_unit' });
    const figure = targetFigure(rate, seriesAt(7, 'rate', 'steady', 2026, '2026-04-30'));
    expect(figure).not.toBeNull();
    expect(unitFigure(7, rate, 'rate', figure ?? 0, [1, 2], 2)).toBe(figure);
  });
});
