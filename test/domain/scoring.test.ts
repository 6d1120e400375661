import { governmentDay } from '../../src/domain/calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countsOf,
  displayPoints,
  exactSum,
  lineOf,
  nextDay,
  nothingOwed,
  rankingOf,
  SCORING_RULES,
  statementOf,
  statementsOf,
  BASIS_OF,
  SCORING_BASES,
  type Owed,
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

const owed = (o: Partial<Owed>): Owed => ({ ...nothingOwed(), ...o });

describe('statementOf', () => {
  it('gives each rule its count over what the unit owed, times the rule’s points; items carry their share, in date order', () => {
    const events = [
      event(1, 'lateReport', '2026-05-06', 12, '2026-04 期报告逾期未报送（第 3 项任务，应于 2026-05-05 前报送）'),
      event(1, 'reportOnTime', '2026-04-03', 11, '2026-03 期报告按时报送（第 3 项任务）'),
      event(2, 'reportOnTime', '2026-04-03', 21),
      event(1, 'returned', '2026-04-03', 11),
      event(1, 'targetMet', '2026-05-20', 5),
    ];
    const s = statementOf(1, events, owed({ reportsDue: 2, reportsSent: 1, targets: 4 }), SCHEME);
    expect(s.base).toBe(100);
    // On time 1 of 2 (+10 × 0.5), late 1 of 2 (−10 × 0.5), returned 1 per report sent (−5), a target met of 4 (+20 × 0.25).
    expect(s.total).toBe(100 + 5 - 5 - 5 + 5);
    expect(s.lines.map((l) => [l.rule, l.basis, l.count, l.of, l.rate, l.weight, l.points])).toEqual([
      ['reportOnTime', 'reportsDue', 1, 2, 0.5, 10, 5],
      ['lateReport', 'reportsDue', 1, 2, 0.5, -10, -5],
      ['returned', 'reportsSent', 1, 1, 1, -5, -5],
      ['redMonth', 'taskMonths', 0, 0, null, -20, 0],
      ['targetMet', 'targets', 1, 4, 0.25, 20, 5],
      ['unmetTarget', 'targets', 0, 4, 0, -30, 0],
      ['unansweredOrder', 'ordersDue', 0, 0, null, -20, 0],
    ]);
    expect(s.items.map((i) => [i.at, i.rule, i.points, i.objectType, i.objectId])).toEqual([
      ['2026-04-03', 'reportOnTime', 5, 'report', 11],
      ['2026-04-03', 'returned', -5, 'report', 11],
      ['2026-05-06', 'lateReport', -5, 'report', 12],
      ['2026-05-20', 'targetMet', 5, 'target', 5],
    ]);
    expect(s.items[0]).toMatchObject({ label: '2026-03 期报告按时报送（第 3 项任务）', taskId: 7 });
  });

  it('gives a unit that owed nothing its base', () => {
    const [three, one] = statementsOf([3, 1], [event(1, 'redMonth', '2026-04-10', 7)], new Map([[1, owed({ taskMonths: 4 })]]), SCHEME);
    expect(three).toMatchObject({ unitId: 3, base: 100, total: 100, items: [] });
    expect(three?.lines.every((l) => l.rate === null && l.points === 0)).toBe(true);
    // Red in one task-month of four: −20 × 0.25.
    expect(one).toMatchObject({ unitId: 1, total: 95 });
  });

  it('scores the same rates the same, whatever the number of reports: 42 of 42 on time and 24 of 24 alike', () => {
    const onTime = (unitId: number, n: number) => Array.from({ length: n }, (_, i) => event(unitId, 'reportOnTime', '2026-04-03', i + 1));
    const [many, few] = statementsOf(
      [1, 2],
      [...onTime(1, 42), ...onTime(2, 24)],
      new Map([
        [1, owed({ reportsDue: 42, reportsSent: 42 })],
        [2, owed({ reportsDue: 24, reportsSent: 24 })],
      ]),
      SCHEME,
    );
    expect(many?.total).toBe(110);
    expect(few?.total).toBe(many?.total);
    expect(many?.items).toHaveLength(42);
  });

  it('adds points as written, so that 0.1 + 0.2 is 0.3 whatever the order', () => {
    const scheme: ScoringScheme = { ...SCHEME, base: 0, reportOnTime: 0.1, returned: 0.2 };
    const s = statementOf(
      1,
      [event(1, 'reportOnTime', '2026-01-01', 1), event(1, 'returned', '2026-01-02', 1)],
      owed({ reportsDue: 1, reportsSent: 1 }),
      scheme,
    );
    expect(s.total).toBe(0.3);
    expect(exactSum([100, 0.1, 0.2])).toBe(exactSum([0.2, 100, 0.1]));
    expect(exactSum([100.1, -0.05, 1e-7])).toBe(100.0500001);
  });

  it('keeps a rule’s points to six decimals: 15 of 18 on time at 10 points is 8.333333', () => {
    expect(lineOf('reportOnTime', 15, owed({ reportsDue: 18 }), SCHEME)).toEqual({
      rule: 'reportOnTime',
      basis: 'reportsDue',
      count: 15,
      of: 18,
      rate: 15 / 18,
      weight: 10,
      points: 8.333333,
    });
    expect(lineOf('lateReport', 3, owed({ reportsDue: 18 }), SCHEME).points).toBe(-1.666667);
  });

  it('counts items per rule', () => {
    const s = statementOf(
      1,
      [event(1, 'lateReport', '2026-04-06', 1), event(1, 'lateReport', '2026-05-06', 2), event(1, 'unansweredOrder', '2026-04-20', 3)],
      owed({ reportsDue: 2, ordersDue: 1 }),
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

/** What each unit owed: at least as much as its events of each basis, and up to 30 more. */
const withOwed = (events: readonly ScoringEvent[], extra: readonly number[]): Map<number, Owed> =>
  new Map(
    units.map((u, i) => {
      const o = nothingOwed();
      for (const e of events) if (e.unitId === u) o[BASIS_OF[e.rule]] += 1;
      SCORING_BASES.forEach((b, j) => (o[b] += extra[(i * SCORING_BASES.length + j) % Math.max(1, extra.length)] ?? 0));
      return [u, o];
    }),
  );
const extraArb = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 30 });

describe('properties', () => {
  it('a total is the base plus each rule’s points, and each rule’s points are its weight times count ÷ owed', () => {
    fc.assert(
      fc.property(schemeArb, fc.array(eventArb, { maxLength: 60 }), extraArb, (scheme, events, extra) => {
        const owedBy = withOwed(events, extra);
        for (const s of statementsOf(units, events, owedBy, scheme)) {
          expect(s.total).toBe(exactSum([s.base, ...s.lines.map((l) => l.points)]));
          const counts = countsOf(s);
          const o = owedBy.get(s.unitId) ?? nothingOwed();
          for (const l of s.lines) {
            expect(l.count).toBe(counts[l.rule]);
            expect(l.of).toBe(o[BASIS_OF[l.rule]]);
            if (l.of === 0) expect(l.points).toBe(0);
            else expect(l.points).toBeCloseTo((scheme[l.rule] * l.count) / l.of, 5);
          }
          // The items of a rule add up to its points.
          for (const l of s.lines) {
            const items = s.items.filter((i) => i.rule === l.rule).reduce((sum, i) => sum + i.points, 0);
            expect(items).toBeCloseTo(l.points, 5);
          }
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
        extraArb,
        (scheme, [events, shuffled], extra) => {
          const owedBy = withOwed(events, extra);
          expect(statementsOf(units, shuffled, owedBy, scheme)).toEqual(statementsOf(units, events, owedBy, scheme));
        },
      ),
    );
  });

  it('two units with the same rates score the same, whatever how much each owed', () => {
    fc.assert(
      fc.property(schemeArb, fc.array(eventArb, { maxLength: 40 }), extraArb, fc.integer({ min: 2, max: 9 }), (scheme, events, extra, k) => {
        // Unit 7 owes k times what unit 1 owes and has k times each of its events.
        const mine = events.filter((e) => e.unitId === 1);
        const o = withOwed(events, extra).get(1) ?? nothingOwed();
        const scaled = Object.fromEntries(SCORING_BASES.map((b) => [b, o[b] * k])) as Owed;
        const many = mine.flatMap((e) => Array.from({ length: k }, (_, i) => ({ ...e, unitId: 7, objectId: e.objectId * 100 + i })));
        const [one, seven] = statementsOf(
          [1, 7],
          [...mine, ...many],
          new Map([
            [1, o],
            [7, scaled],
          ]),
          scheme,
        );
        expect(seven?.total).toBe(one?.total);
      }),
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
      fc.property(schemeArb, fc.integer({ min: -5, max: 5 }), fc.array(eventArb, { maxLength: 40 }), extraArb, (scheme, k, events, extra) => {
        const owedBy = withOwed(events, extra);
        const scaled = Object.fromEntries(Object.entries(scheme).map(([key, v]) => [key, v * k])) as unknown as ScoringScheme;
        const before = statementsOf(units, events, owedBy, scheme);
        const after = statementsOf(units, events, owedBy, scaled);
        after.forEach((s, u) => {
          const original = before[u];
          if (original === undefined) throw new Error('a unit went missing');
          expect(s.items.map((i) => [i.rule, i.objectId, i.at])).toEqual(original.items.map((i) => [i.rule, i.objectId, i.at]));
          s.items.forEach((item, i) => expect(item.points).toBeCloseTo(k * (original.items[i]?.points ?? NaN), 9));
          expect(s.total - s.base).toBeCloseTo(k * (original.total - original.base), 4);
        });
      }),
    );
  });
});
