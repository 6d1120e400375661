import { governmentDay } from '../../src/domain/calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countsOf,
  displayPoints,
  exactSum,
  nextDay,
  rankingOf,
  SCORING_RULES,
  statementOf,
  statementsOf,
  type ScoringEvent,
  type ScoringRule,
} from '../../src/domain/scoring.js';
import { DEFAULT_PLAN_SETTINGS, type ScoringScheme } from '../../src/domain/settings.js';

const SCHEME = DEFAULT_PLAN_SETTINGS.scoring;

const event = (unitId: number, rule: ScoringRule, at: string, objectId: number, label = `${rule} ${objectId}`): ScoringEvent => ({
  unitId,
  rule,
  label,
  at,
  objectType: rule === 'redMonth' ? 'task' : rule === 'targetMet' || rule === 'unmetTarget' ? 'target' : rule === 'unansweredOrder' ? 'order' : 'report',
  objectId,
  taskId: 7,
});

describe('statementOf', () => {
  it('starts from the base and adds the scheme points of each of the unit’s events, in date order', () => {
    const events = [
      event(1, 'lateReport', '2026-05-06', 12, '2026-04 期报告逾期未报送（第 3 项任务，应于 2026-05-05 前报送）'),
      event(1, 'reportOnTime', '2026-04-03', 11, '2026-03 期报告按时报送（第 3 项任务）'),
      event(2, 'reportOnTime', '2026-04-03', 21),
      event(1, 'returned', '2026-04-03', 11),
      event(1, 'targetMet', '2026-05-20', 5),
    ];
    const s = statementOf(1, events, SCHEME);
    expect(s.base).toBe(100);
    expect(s.total).toBe(100 + 1 - 0.5 - 1 + 2);
    expect(s.items.map((i) => [i.at, i.rule, i.points, i.objectType, i.objectId])).toEqual([
      ['2026-04-03', 'reportOnTime', 1, 'report', 11],
      ['2026-04-03', 'returned', -0.5, 'report', 11],
      ['2026-05-06', 'lateReport', -1, 'report', 12],
      ['2026-05-20', 'targetMet', 2, 'target', 5],
    ]);
    expect(s.items[0]).toMatchObject({ label: '2026-03 期报告按时报送（第 3 项任务）', taskId: 7 });
  });

  it('gives a unit without events its base', () => {
    expect(statementsOf([3, 1], [event(1, 'redMonth', '2026-04-10', 7)], SCHEME)).toEqual([
      { unitId: 3, base: 100, total: 100, items: [] },
      expect.objectContaining({ unitId: 1, total: 98 }),
    ]);
  });

  it('adds points as written, so that 0.1 + 0.2 is 0.3 whatever the order', () => {
    const scheme: ScoringScheme = { ...SCHEME, base: 0, reportOnTime: 0.1, returned: 0.2 };
    const s = statementOf(1, [event(1, 'reportOnTime', '2026-01-01', 1), event(1, 'returned', '2026-01-02', 1)], scheme);
    expect(s.total).toBe(0.3);
    expect(exactSum([100, 0.1, 0.2])).toBe(exactSum([0.2, 100, 0.1]));
    expect(exactSum([100.1, -0.05, 1e-7])).toBe(100.0500001);
  });

  it('counts items per rule', () => {
    const s = statementOf(
      1,
      [event(1, 'lateReport', '2026-04-06', 1), event(1, 'lateReport', '2026-05-06', 2), event(1, 'unansweredOrder', '2026-04-20', 3)],
      SCHEME,
    );
    expect(countsOf(s)).toEqual({ reportOnTime: 0, lateReport: 2, returned: 0, redMonth: 0, targetMet: 0, unmetTarget: 0, unansweredOrder: 1 });
  });
});

describe('rankingOf', () => {
  it('shares a rank between equal totals and skips the next (1, 2, 2, 4), listing a tie by name', () => {
    const ranked = rankingOf([
      { unitId: 1, name: '区平和局', total: 100 },
      { unitId: 2, name: '区文化局', total: 92 },
      { unitId: 3, name: '区工信局', total: 102 },
      { unitId: 4, name: '区安全局', total: 100 },
    ]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, '区工信局'],
      [2, '区安全局'],
      [2, '区平和局'],
      [4, '区文化局'],
    ]);
  });
});

describe('display and calendar', () => {
  it('rounds points to two decimals, half away from zero, only for display', () => {
    expect(displayPoints(99.125)).toBe(99.13);
    expect(displayPoints(-0.125)).toBe(-0.13);
    expect(displayPoints(1.005)).toBe(1.01);
    expect(displayPoints(-0.001)).toBe(0);
    expect(Object.is(displayPoints(-0.001), 0)).toBe(true);
  });

  it('reads a timestamp as a day in Asia/Shanghai (UTC+8)', () => {
    expect(governmentDay('2026-04-05T15:59:59.999Z')).toBe('2026-04-05');
    expect(governmentDay('2026-04-05T16:00:00.000Z')).toBe('2026-04-06');
    expect(governmentDay('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(() => governmentDay('yesterday')).toThrow(RangeError);
  });
});

// Points written with at most two decimals, as a clerk types them.
const points = fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100);
const schemeArb: fc.Arbitrary<ScoringScheme> = fc.record({
  base: points,
  reportOnTime: points,
  targetMet: points,
  lateReport: points,
  returned: points,
  redMonth: points,
  unmetTarget: points,
  unansweredOrder: points,
});
const day = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const eventArb = fc
  .record({ unitId: fc.integer({ min: 1, max: 6 }), rule: fc.constantFrom(...SCORING_RULES), at: day, objectId: fc.integer({ min: 1, max: 50 }) })
  .map((e) => event(e.unitId, e.rule, e.at, e.objectId));
const units = [1, 2, 3, 4, 5, 6];

describe('properties', () => {
  it('a total is the base plus the points of its items, and equals base + Σ count × points of the rule', () => {
    fc.assert(
      fc.property(schemeArb, fc.array(eventArb, { maxLength: 60 }), (scheme, events) => {
        for (const s of statementsOf(units, events, scheme)) {
          expect(s.total).toBe(exactSum([s.base, ...s.items.map((i) => i.points)]));
          expect(s.total).toBeCloseTo(s.base + s.items.reduce((sum, i) => sum + i.points, 0), 6);
          const counts = countsOf(s);
          const byRule = SCORING_RULES.reduce((sum, r) => sum + Math.round(counts[r] * scheme[r] * 100), Math.round(scheme.base * 100));
          expect(Math.round(s.total * 100)).toBe(byRule);
          expect(s.items).toHaveLength(events.filter((e) => e.unitId === s.unitId).length);
        }
      }),
    );
  });

  it('does not depend on the order events come in', () => {
    fc.assert(
      fc.property(
        schemeArb,
        fc.array(eventArb, { maxLength: 40 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))),
        (scheme, [events, shuffled]) => {
          expect(statementsOf(units, shuffled, scheme)).toEqual(statementsOf(units, events, scheme));
        },
      ),
    );
  });

  it('ranks every unit once, highest total first, equal totals sharing a rank', () => {
    const entries = fc.uniqueArray(
      fc.record({ unitId: fc.integer({ min: 1, max: 1000 }), name: fc.string({ maxLength: 4 }), total: fc.integer({ min: 90, max: 105 }).map((n) => n / 2) }),
      {
        selector: (e) => e.unitId,
        maxLength: 30,
      },
    );
    fc.assert(
      fc.property(entries, (list) => {
        const ranked = rankingOf(list);
        expect(ranked.map((r) => r.unitId).sort((a, b) => a - b)).toEqual(list.map((e) => e.unitId).sort((a, b) => a - b));
        ranked.forEach((r, i) => {
          const previous = ranked[i - 1];
          if (previous === undefined) return expect(r.rank).toBe(1);
          expect(r.total).toBeLessThanOrEqual(previous.total);
          // A tie shares the rank; otherwise the rank is the position (1, 2, 2, 4).
          expect(r.rank).toBe(r.total === previous.total ? previous.rank : i + 1);
          // Every unit ranks one above the number of units with a higher total.
          expect(r.rank).toBe(list.filter((e) => e.total > r.total).length + 1);
        });
      }),
    );
  });

  it('scaling the scheme scales the points', () => {
    fc.assert(
      fc.property(schemeArb, fc.integer({ min: -5, max: 5 }), fc.array(eventArb, { maxLength: 40 }), (scheme, k, events) => {
        const scaled = Object.fromEntries(Object.entries(scheme).map(([key, v]) => [key, v * k])) as unknown as ScoringScheme;
        const before = statementsOf(units, events, scheme);
        const after = statementsOf(units, events, scaled);
        after.forEach((s, u) => {
          const original = before[u];
          if (original === undefined) throw new Error('a unit went missing');
          expect(s.items.map((i) => [i.rule, i.objectId, i.at])).toEqual(original.items.map((i) => [i.rule, i.objectId, i.at]));
          s.items.forEach((item, i) => expect(item.points).toBeCloseTo(k * (original.items[i]?.points ?? NaN), 9));
          expect(s.total - s.base).toBeCloseTo(k * (original.total - original.base), 6);
        });
      }),
    );
  });
});
