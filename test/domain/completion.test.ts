import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Target, TargetKind } from '../../src/domain/plan.js';
import { basisOf, completionOf, milestoneState, plannedShares, type Completion } from '../../src/domain/completion.js';

const target = (kind: TargetKind, value: number | null, unit: string | null, metric = '营收'): Target => ({
  text: '',
  metric,
  kind,
  value,
  unit,
  qualifiers: [],
});

/** The share of a completion, or a failure naming what came instead. */
function shareOf(c: Completion): number {
  if (c.state !== 'share') throw new Error(`expected a share, got ${JSON.stringify(c)}`);
  return c.share;
}

describe('completionOf: things that build up over the year', () => {
  it('divides an increment by its target (新增营收 140 亿元)', () => {
    expect(completionOf(target('increment', 140, '亿元'), 60)).toEqual({
      state: 'share',
      basis: 'cumulative',
      share: 60 / 140,
    });
  });

  it('counts events (举办促消费活动 30 场)', () => {
    expect(shareOf(completionOf(target('count', 30, '场', '促消费活动'), 12))).toBeCloseTo(0.4, 12);
  });

  it('measures a level by the scale reached (千亿级 = 1000 亿元)', () => {
    expect(shareOf(completionOf(target('level', 1000, '亿元', '新能源产业'), 420))).toBeCloseTo(0.42, 12);
  });

  it('counts only the gain of a total when a baseline is given (总量突破 240 家 from 215)', () => {
    const total = target('total', 240, '家', '高新技术企业');
    expect(shareOf(completionOf(total, 230, 215))).toBeCloseTo(0.6, 12);
    expect(shareOf(completionOf(total, 230))).toBeCloseTo(230 / 240, 12);
    // Already above the bar at the start: the target is a floor to keep.
    expect(shareOf(completionOf(total, 250, 245))).toBeCloseTo(250 / 240, 12);
  });

  it('keeps over-fulfilment and never goes below 0', () => {
    expect(shareOf(completionOf(target('increment', 140, '亿元'), 168))).toBeCloseTo(1.2, 12);
    expect(shareOf(completionOf(target('increment', 140, '亿元'), -5))).toBe(0);
    expect(shareOf(completionOf(target('total', 240, '家'), 200, 215))).toBe(0);
  });
});

describe('completionOf: rates', () => {
  const growth = target('growth_rate', 10, '%', '固定资产投资');

  it('compares a growth rate with the target rate (增长 10%, 7.5 % reached: 75 %)', () => {
    expect(completionOf(growth, 7.5)).toEqual({ state: 'share', basis: 'rate', share: 0.75 });
  });

  it('counts a falling rate as 0 %', () => {
    expect(shareOf(completionOf(growth, -2))).toBe(0);
  });

  it('compares every target in % or 个百分点 as a rate', () => {
    expect(basisOf(target('total', 95, '%', '覆盖率'))).toBe('rate');
    expect(basisOf(target('growth_rate', 2, '个百分点'))).toBe('rate');
    expect(basisOf(target('increment', 140, '亿元'))).toBe('cumulative');
  });
});

describe('completionOf: reductions', () => {
  const fivePercent = target('reduction', 5, '%', '单位产值能耗');

  it('reverses a reduction: the decline over the target (下降 5%, fell 3 %: 60 %)', () => {
    expect(completionOf(fivePercent, -3)).toEqual({ state: 'share', basis: 'rate', share: 0.6 });
    expect(shareOf(completionOf(fivePercent, 1))).toBe(0);
  });

  it('reads a measured value against its baseline (100 → 97 is a 3 % decline)', () => {
    expect(shareOf(completionOf(fivePercent, 97, 100))).toBeCloseTo(0.6, 12);
    expect(completionOf(fivePercent, 97, 0)).toEqual({ state: 'none', reason: 'not_comparable' });
  });

  it('compares a reduction by an amount like an increment (减少 200 吨)', () => {
    const tonnes = target('reduction', 200, '吨', '排放');
    expect(completionOf(tonnes, 900, 1000)).toEqual({ state: 'share', basis: 'cumulative', share: 0.5 });
    expect(shareOf(completionOf(tonnes, -50))).toBeCloseTo(0.25, 12);
  });

  it('holds 只减不增: not increased is on track, increased is not', () => {
    const hold = target('reduction', null, null, '三公经费');
    expect(basisOf(hold)).toBe('hold');
    expect(completionOf(hold, -3.2)).toEqual({ state: 'hold', held: true });
    expect(completionOf(hold, 0)).toEqual({ state: 'hold', held: true });
    expect(completionOf(hold, 1.5)).toEqual({ state: 'hold', held: false });
    expect(completionOf(hold, 118, 120)).toEqual({ state: 'hold', held: true });
    expect(completionOf(hold, 121, 120)).toEqual({ state: 'hold', held: false });
  });
});

describe('completionOf: nothing to compute', () => {
  it.each([
    ['an "other" target', target('other', 60, 'GWh', '储能电池')],
    ['a target without a number', target('increment', null, null)],
    ['a target of 0', target('count', 0, '个')],
  ])('has no completion for %s', (_, t) => {
    expect(basisOf(t)).toBeNull();
    expect(completionOf(t, 5)).toEqual({ state: 'none', reason: 'not_comparable' });
  });

  it('tells "nothing reported yet" apart', () => {
    expect(completionOf(target('increment', 140, '亿元'), null)).toEqual({ state: 'none', reason: 'no_data' });
  });

  it('refuses a figure that is not a number', () => {
    expect(() => completionOf(target('increment', 140, '亿元'), Number.NaN)).toThrow(RangeError);
  });
});

describe('plannedShares', () => {
  it('reads a schedule through the same formula as the figures', () => {
    const measure = {
      target: target('reduction', 5, '%'),
      actual: null,
      schedule: [
        { on: '2026-06-30', value: -2 },
        { on: '2026-12-31', value: -5 },
      ],
    };
    expect(plannedShares(measure)).toEqual([
      { on: '2026-06-30', share: 0.4 },
      { on: '2026-12-31', share: 1 },
    ]);
    expect(plannedShares({ target: target('other', 3, '个'), actual: null, schedule: measure.schedule })).toEqual([]);
  });
});

describe('milestoneState', () => {
  const due = { name: '竣工投产', due: '2026-06-30', reachedOn: null };

  it('is pending up to and including the due date, missed the day after', () => {
    expect(milestoneState(due, '2026-06-30')).toBe('pending');
    expect(milestoneState(due, '2026-07-01')).toBe('missed');
  });

  it('is reached in time or late, and a reach after asOf is not known yet', () => {
    expect(milestoneState({ ...due, reachedOn: '2026-06-18' }, '2026-07-15')).toBe('reached');
    expect(milestoneState({ ...due, reachedOn: '2026-07-20' }, '2026-07-31')).toBe('reached_late');
    expect(milestoneState({ ...due, reachedOn: '2026-07-20' }, '2026-07-15')).toBe('missed');
  });
});

describe('completion properties', () => {
  const figure = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const value = fc.double({ min: 0.01, max: 1e5, noNaN: true });
  const baseline = fc.option(fc.double({ min: -1e5, max: 1e5, noNaN: true }), { nil: null });
  const unit = fc.constantFrom('亿元', '家', '场', '%', '个百分点', '吨');
  const ordered = fc.tuple(figure, figure).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

  /** Comparable number for a completion: its share, or 1 / 0 for a hold kept / broken. */
  const score = (c: Completion): number => (c.state === 'share' ? c.share : c.state === 'hold' && c.held ? 1 : 0);

  it('is monotonic in the figure for kinds that grow', () => {
    const kind = fc.constantFrom<TargetKind>('increment', 'total', 'count', 'level', 'growth_rate');
    fc.assert(
      fc.property(kind, value, unit, baseline, ordered, (k, v, u, b, [lo, hi]) => {
        const t = target(k, v, u);
        expect(score(completionOf(t, hi, b))).toBeGreaterThanOrEqual(score(completionOf(t, lo, b)));
      }),
    );
  });

  it('is antitone in the figure for reductions, with or without a number', () => {
    fc.assert(
      fc.property(fc.option(value, { nil: null }), unit, baseline, ordered, (v, u, b, [lo, hi]) => {
        const t = target('reduction', v, v === null ? null : u);
        expect(score(completionOf(t, hi, b))).toBeLessThanOrEqual(score(completionOf(t, lo, b)));
      }),
    );
  });
});
