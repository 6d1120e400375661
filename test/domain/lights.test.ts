import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { TARGET_KINDS, type Target, type TargetKind } from '../../src/domain/plan.js';
import type { Measure, Milestone } from '../../src/domain/completion.js';
import { contradicts, lightForGap, periodFor, targetStatus, taskStatus, type TaskInput } from '../../src/domain/lights.js';
import { DEFAULT_STATUS_RULES, lightRank, statusRules, worstLight, type Confidence } from '../../src/domain/status.js';
import { dayNumber, isoDate, yearPeriod } from '../../src/domain/time-progress.js';

const Y2026 = yearPeriod(2026);

const target = (kind: TargetKind, value: number | null, unit: string | null, metric = '营收'): Target => ({
  text: '',
  metric,
  kind,
  value,
  unit,
  qualifiers: [],
});

const revenue = (actual: number | null): Measure => ({ target: target('increment', 140, '亿元'), actual });
const growth = (actual: number | null): Measure => ({
  target: target('growth_rate', 10, '%', '固定资产投资'),
  actual,
});

const task = (over: Partial<TaskInput>): TaskInput => ({
  targets: [],
  milestones: [],
  reportOverdue: false,
  confidence: null,
  ...over,
});

describe('targetStatus: the worked examples of docs/status-rules.md', () => {
  it('新增营收 140 亿元, 60 reported at the end of June: 6.7 points behind, green', () => {
    const s = targetStatus(revenue(60), Y2026, '2026-06-30');
    expect(s.expected).toBeCloseTo(0.496, 3);
    expect(s.expectedFrom).toBe('time');
    expect(s.behindPoints).toBeCloseTo(6.7, 1);
    expect(s.light).toBe('green');
  });

  it('the same 60 at the end of September: 31.9 points behind, red', () => {
    const s = targetStatus(revenue(60), Y2026, '2026-09-30');
    expect(s.expected).toBeCloseTo(0.748, 3);
    expect(s.behindPoints).toBeCloseTo(31.9, 1);
    expect(s.light).toBe('red');
  });

  it('is not sticky: 100 at the end of October is yellow, 140 at year end green', () => {
    const october = targetStatus(revenue(100), Y2026, '2026-10-31');
    expect(october.behindPoints).toBeCloseTo(11.9, 1);
    expect(october.light).toBe('yellow');
    expect(targetStatus(revenue(140), Y2026, '2026-12-31').light).toBe('green');
  });

  it('compares a growth rate with the whole target: 7.5 % of 10 % is 25 points behind, yellow', () => {
    const s = targetStatus(growth(7.5), Y2026, '2026-06-30');
    expect(s.completion).toEqual({ state: 'share', basis: 'rate', share: 0.75 });
    expect(s.expectedFrom).toBe('full');
    expect(s.behindPoints).toBe(25);
    expect(s.light).toBe('yellow');
    expect(targetStatus(growth(-1), Y2026, '2026-06-30').light).toBe('red');
  });

  it('counts 30 场 of events: 12 by June is green, 8 yellow', () => {
    const events = (n: number): Measure => ({ target: target('count', 30, '场', '促消费活动'), actual: n });
    expect(targetStatus(events(12), Y2026, '2026-06-30').light).toBe('green');
    expect(targetStatus(events(8), Y2026, '2026-06-30').behindPoints).toBeCloseTo(22.9, 1);
    expect(targetStatus(events(8), Y2026, '2026-06-30').light).toBe('yellow');
  });

  it('measures 千亿级 by the scale reached: 420 亿元 by June is green', () => {
    const level: Measure = { target: target('level', 1000, '亿元', '新能源产业'), actual: 420 };
    expect(targetStatus(level, Y2026, '2026-06-30').light).toBe('green');
  });

  it('holds 只减不增 without regard to the date', () => {
    const hold = (change: number): Measure => ({
      target: target('reduction', null, null, '三公经费'),
      actual: change,
    });
    expect(targetStatus(hold(-3.2), Y2026, '2026-03-31').light).toBe('green');
    const up = targetStatus(hold(1.5), Y2026, '2026-03-31');
    expect(up.light).toBe('red');
    expect(up.behindPoints).toBeNull();
  });

  it('compares 下降 5% as a rate, or with the unit schedule', () => {
    const energy: Measure = { target: target('reduction', 5, '%', '单位产值能耗'), actual: -3 };
    expect(targetStatus(energy, Y2026, '2026-06-30').light).toBe('red');
    const planned = {
      ...energy,
      schedule: [
        { on: '2026-06-30', value: -2 },
        { on: '2026-12-31', value: -5 },
      ],
    };
    const s = targetStatus(planned, Y2026, '2026-06-30');
    expect(s.expectedFrom).toBe('schedule');
    expect(s.expected).toBeCloseTo(0.4, 12);
    expect(s.light).toBe('green');
  });

  it("follows the unit's quarterly schedule for 新增营收 140 亿元 (20 / 50 / 95 / 140)", () => {
    const schedule = [
      { on: '2026-03-31', value: 20 },
      { on: '2026-06-30', value: 50 },
      { on: '2026-09-30', value: 95 },
      { on: '2026-12-31', value: 140 },
    ];
    const june = targetStatus({ ...revenue(60), schedule }, Y2026, '2026-06-30');
    expect(june.behindPoints).toBeCloseTo(-7.1, 1);
    expect(june.light).toBe('green');
    const september = targetStatus({ ...revenue(60), schedule }, Y2026, '2026-09-30');
    expect(september.behindPoints).toBeCloseTo(25, 1);
    expect(september.light).toBe('yellow');
    const calendar = statusRules({ useSchedule: false });
    expect(targetStatus({ ...revenue(60), schedule }, Y2026, '2026-09-30', calendar).light).toBe('red');
  });
});

describe('targetStatus: no light yet', () => {
  it('says "no data" when nothing is reported, never behind', () => {
    const s = targetStatus(revenue(null), Y2026, '2026-11-30');
    expect(s).toMatchObject({ light: 'none', reason: 'no_data', behindPoints: null });
  });

  it('says "not comparable" for a target without a comparable number', () => {
    const capacity: Measure = { target: target('other', 60, 'GWh', '储能电池'), actual: 60 };
    expect(targetStatus(capacity, Y2026, '2026-06-30')).toMatchObject({ light: 'none', reason: 'not_comparable' });
  });

  it('compares a lagging statistic at the date it describes (GDP 增长 6%, one month late)', () => {
    const gdp: Measure = { target: target('growth_rate', 6, '%', 'GDP'), actual: 5.4, lagMonths: 1 };
    expect(targetStatus(gdp, Y2026, '2026-01-20')).toMatchObject({ light: 'none', reason: 'not_started' });
    expect(targetStatus(gdp, Y2026, '2026-07-20')).toMatchObject({ measuredAt: '2026-06-30', light: 'green' });
  });

  it('takes the lag from the target, else its metric, else the default', () => {
    const rules = statusRules({ defaultLagMonths: 2, lagMonthsByMetric: { GDP: 1 } });
    const on = (m: Measure): string => targetStatus(m, Y2026, '2026-07-20', rules).measuredAt;
    expect(on(revenue(60))).toBe('2026-05-31');
    expect(on({ target: target('growth_rate', 6, '%', 'GDP'), actual: 5 })).toBe('2026-06-30');
    expect(on({ ...revenue(60), lagMonths: 0 })).toBe('2026-07-20');
  });
});

describe('thresholds', () => {
  it('is green up to 10 points behind, yellow up to 30, red beyond', () => {
    expect(lightForGap(-20)).toBe('green');
    expect(lightForGap(10)).toBe('green');
    expect(lightForGap(10.000001)).toBe('yellow');
    expect(lightForGap(30)).toBe('yellow');
    expect(lightForGap(30.1)).toBe('red');
  });

  it('takes other thresholds from the rules', () => {
    const strict = statusRules({ yellowBehind: 5, redBehind: 20 });
    expect(targetStatus(revenue(60), Y2026, '2026-06-30', strict).light).toBe('yellow');
    expect(lightForGap(25, strict)).toBe('red');
  });

  it('refuses rules that make no sense', () => {
    expect(() => statusRules({ yellowBehind: 40 })).toThrow(RangeError);
    expect(() => statusRules({ redBehind: -1 })).toThrow(RangeError);
    expect(() => statusRules({ defaultLagMonths: 0.5 })).toThrow(RangeError);
    expect(() => statusRules({ period: { start: '2026-12-31', end: '2026-01-01' } })).toThrow(RangeError);
    expect(statusRules()).toEqual(DEFAULT_STATUS_RULES);
  });
});

describe('taskStatus', () => {
  const project: Milestone = { name: '竣工投产', due: '2026-06-30', reachedOn: null };

  it('takes the worst of its targets', () => {
    const s = taskStatus(task({ targets: [revenue(60), growth(7.5), revenue(null)] }), '2026-06-30');
    expect(s.targets.map((t) => t.light)).toEqual(['green', 'yellow', 'none']);
    expect(s).toMatchObject({ light: 'yellow', source: 'data' });
  });

  it('turns red on a missed milestone, and back once it is reached', () => {
    const input = task({ targets: [revenue(60)], milestones: [project] });
    expect(taskStatus(input, '2026-06-30').light).toBe('green');
    expect(taskStatus(input, '2026-07-01').light).toBe('red');
    const reached = task({ ...input, milestones: [{ ...project, reachedOn: '2026-07-10' }] });
    const later = taskStatus(reached, '2026-07-15');
    expect(later.milestones[0]?.state).toBe('reached_late');
    // Back to what the figures say: 60 of 140 by 15 July is 10.8 points behind.
    expect(later.light).toBe('yellow');
  });

  it('is red while a report is overdue', () => {
    const s = taskStatus(task({ targets: [revenue(60)], reportOverdue: true }), '2026-06-30');
    expect(s.light).toBe('red');
    expect(s.confidenceConflict).toBe(false);
  });

  it("takes a qualitative task's light from the unit's rating, else none", () => {
    expect(taskStatus(task({ confidence: 'at_risk' }), '2026-06-30')).toMatchObject({
      light: 'yellow',
      source: 'confidence',
    });
    const capacity: Measure = { target: target('other', 60, 'GWh'), actual: null };
    expect(taskStatus(task({ targets: [capacity], confidence: 'on_track' }), '2026-06-30').light).toBe('green');
    expect(taskStatus(task({}), '2026-06-30')).toMatchObject({ light: 'none', source: 'none' });
  });

  it('stays none while no figure is in, whatever the rating says', () => {
    const s = taskStatus(task({ targets: [revenue(null)], confidence: 'off_track' }), '2026-06-30');
    expect(s).toMatchObject({ light: 'none', source: 'data', confidenceConflict: false });
  });

  it('flags a rating that contradicts the figures', () => {
    const red = task({ targets: [revenue(60)], confidence: 'on_track' });
    expect(taskStatus(red, '2026-09-30').confidenceConflict).toBe(true);
    expect(taskStatus(task({ targets: [revenue(60)], confidence: 'off_track' }), '2026-06-30').confidenceConflict).toBe(true);
    expect(taskStatus(task({ targets: [revenue(60)], confidence: 'at_risk' }), '2026-06-30').confidenceConflict).toBe(false);
    expect(contradicts('on_track', 'yellow')).toBe(false);
  });

  it("measures a task over its own span, else the rules' period, else the year of asOf", () => {
    const span = { start: '2026-03-01', end: '2026-06-30' };
    expect(periodFor({ period: span }, '2026-04-30', DEFAULT_STATUS_RULES)).toBe(span);
    expect(periodFor({}, '2027-02-01', statusRules({ period: Y2026 }))).toBe(Y2026);
    expect(periodFor({}, '2027-02-01', DEFAULT_STATUS_RULES)).toEqual(yearPeriod(2027));
    // 60 of 140 at the end of April is 42.9 % against 50 % of March..June: green.
    expect(taskStatus(task({ targets: [revenue(60)], period: span }), '2026-04-30').light).toBe('green');
  });
});

describe('lights never get better as time passes with the same facts', () => {
  const kinds = fc.constantFrom<TargetKind>(...TARGET_KINDS);
  const node = fc.record({
    on: fc.constantFrom('2026-03-31', '2026-06-30', '2026-09-30'),
    value: fc.double({ min: -10, max: 500, noNaN: true }),
  });
  const measure = fc.record({
    target: fc.record({
      kind: kinds,
      value: fc.option(fc.double({ min: 0.5, max: 500, noNaN: true }), { nil: null }),
      unit: fc.constantFrom('亿元', '场', '%'),
    }),
    actual: fc.option(fc.double({ min: -50, max: 600, noNaN: true }), { nil: null }),
    baseline: fc.option(fc.double({ min: 1, max: 400, noNaN: true }), { nil: null }),
    lagMonths: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    schedule: fc.option(fc.array(node, { maxLength: 3 }), { nil: null }),
  });
  const day = fc.integer({ min: dayNumber('2026-01-01'), max: dayNumber('2027-03-31') }).map(isoDate);
  // Facts known before the first date: a milestone is reached early on or not at all.
  const milestone = fc.record({
    name: fc.constant('竣工投产'),
    due: day,
    reachedOn: fc.constantFrom<string | null>(null, '2025-12-15'),
  });
  const input = fc.record({
    targets: fc.array(measure, { maxLength: 4 }),
    milestones: fc.array(milestone, { maxLength: 2 }),
    reportOverdue: fc.boolean(),
    confidence: fc.constantFrom<Confidence | null>(null, 'on_track', 'at_risk', 'off_track'),
  });
  const rules = statusRules({ period: Y2026, useSchedule: true });

  it('holds for every target and for the task', () => {
    fc.assert(
      fc.property(input, day, day, (raw, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const t: TaskInput = {
          ...raw,
          targets: raw.targets.map((m) => ({ ...m, target: target(m.target.kind, m.target.value, m.target.unit) })),
        };
        const before = taskStatus(t, early, rules);
        const after = taskStatus(t, late, rules);
        expect(lightRank(after.light)).toBeGreaterThanOrEqual(lightRank(before.light));
        after.targets.forEach((s, i) => {
          expect(lightRank(s.light)).toBeGreaterThanOrEqual(lightRank(before.targets[i]?.light ?? 'none'));
        });
      }),
    );
  });

  it('ranks lights from none to red', () => {
    expect(worstLight(['green', 'none', 'yellow'])).toBe('yellow');
    expect(worstLight([])).toBe('none');
  });
});
