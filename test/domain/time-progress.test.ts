import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dataDate, dayNumber, isoDate, periodBounds, scheduleProgress, timeProgress, yearPeriod } from '../../src/domain/time-progress.js';

const Y2026 = yearPeriod(2026);

/** Any date from 2020 to 2032, as an ISO string. */
const anyDate = fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2032-12-31') }).map((day) => isoDate(day));

describe('dates', () => {
  it('counts whole UTC days', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2026-12-31') - dayNumber('2026-01-01')).toBe(364);
    expect(isoDate(dayNumber('2028-02-29'))).toBe('2028-02-29');
  });

  it.each(['2026-02-30', '2026-2-3', '2026-06-30T00:00:00Z', '30/06/2026', ''])('refuses %j', (s) => {
    expect(() => dayNumber(s)).toThrow(RangeError);
  });

  it('makes a plan year and refuses a period that ends before it starts', () => {
    expect(yearPeriod(2026)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(() => periodBounds({ start: '2026-07-01', end: '2026-06-30' })).toThrow(RangeError);
  });
});

describe('timeProgress', () => {
  it('counts the date itself as elapsed', () => {
    expect(timeProgress(Y2026, '2026-01-01')).toBeCloseTo(1 / 365, 12);
    expect(timeProgress(Y2026, '2026-06-30')).toBeCloseTo(181 / 365, 12);
    expect(timeProgress(Y2026, '2026-09-30')).toBeCloseTo(273 / 365, 12);
    expect(timeProgress(Y2026, '2026-12-31')).toBe(1);
  });

  it('knows leap years', () => {
    expect(timeProgress(yearPeriod(2028), '2028-06-30')).toBeCloseTo(182 / 366, 12);
  });

  it('is 0 before the period and 1 after it', () => {
    expect(timeProgress(Y2026, '2025-12-31')).toBe(0);
    expect(timeProgress(Y2026, '2027-03-01')).toBe(1);
  });

  it("measures a task's own span", () => {
    const span = { start: '2026-03-01', end: '2026-06-30' };
    expect(timeProgress(span, '2026-04-30')).toBe(0.5);
    expect(timeProgress({ start: '2026-05-20', end: '2026-05-20' }, '2026-05-20')).toBe(1);
  });

  it('stays within [0, 1] and never goes back as the date advances', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 800 }), anyDate, anyDate, (start, length, a, b) => {
        const period = { start, end: isoDate(dayNumber(start) + length) };
        const [early, late] = a <= b ? [a, b] : [b, a];
        const p = timeProgress(period, early);
        const q = timeProgress(period, late);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
        expect(q).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe('dataDate', () => {
  it('moves a lagging figure back to the end of the month it describes', () => {
    expect(dataDate('2026-07-20', 1)).toBe('2026-06-30');
    expect(dataDate('2026-03-15', 1)).toBe('2026-02-28');
    expect(dataDate('2026-01-10', 1)).toBe('2025-12-31');
    expect(dataDate('2026-05-31', 3)).toBe('2026-02-28');
  });

  it('leaves a figure without lag at the date itself', () => {
    expect(dataDate('2026-07-20', 0)).toBe('2026-07-20');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a lag of %d', (lag) => {
    expect(() => dataDate('2026-07-20', lag)).toThrow(RangeError);
  });

  it('never goes back as the date advances', () => {
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: 0, max: 12 }), (a, b, lag) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(dataDate(late, lag) >= dataDate(early, lag)).toBe(true);
        expect(dataDate(early, lag) <= early).toBe(true);
      }),
    );
  });
});

describe('scheduleProgress', () => {
  // 新增营收 140 亿元, planned 20 / 50 / 95 / 140 at the quarter ends.
  const quarters = [
    { on: '2026-03-31', share: 20 / 140 },
    { on: '2026-06-30', share: 50 / 140 },
    { on: '2026-09-30', share: 95 / 140 },
    { on: '2026-12-31', share: 1 },
  ];

  it('takes a node on its date', () => {
    expect(scheduleProgress(quarters, Y2026, '2026-06-30', true)).toBeCloseTo(50 / 140, 12);
  });

  it('interpolates by days between nodes', () => {
    // 15 May is 45 of the 91 days from 31 March to 30 June.
    expect(scheduleProgress(quarters, Y2026, '2026-05-15', true)).toBeCloseTo((20 + (30 * 45) / 91) / 140, 12);
  });

  it('rises from nothing at the period start for cumulative targets', () => {
    // 14 February is day 45 of the 90 up to 31 March.
    expect(scheduleProgress(quarters, Y2026, '2026-02-14', true)).toBeCloseTo((20 / 140) * 0.5, 12);
  });

  it('holds the first node for rates, and the last node after it', () => {
    const rates = [
      { on: '2026-03-31', share: 0.8 },
      { on: '2026-06-30', share: 0.9 },
    ];
    expect(scheduleProgress(rates, Y2026, '2026-01-20', false)).toBe(0.8);
    expect(scheduleProgress(rates, Y2026, '2026-11-30', false)).toBe(0.9);
  });

  it('reads a falling plan as flat, ignores nodes before the period, and has no answer without nodes', () => {
    const odd = [
      { on: '2025-12-31', share: 0.9 },
      { on: '2026-06-30', share: 0.6 },
      { on: '2026-03-31', share: 0.7 },
    ];
    expect(scheduleProgress(odd, Y2026, '2026-05-15', true)).toBe(0.7);
    expect(scheduleProgress([], Y2026, '2026-05-15', true)).toBeNull();
    expect(scheduleProgress(quarters, Y2026, '2025-12-31', false)).toBe(0);
  });

  it('stays within [0, 1] and never goes back as the date advances', () => {
    const node = fc.record({ on: anyDate, share: fc.double({ min: -1, max: 2, noNaN: true }) });
    const nodes = fc.array(node, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(nodes, fc.boolean(), anyDate, anyDate, (planned, zero, a, b) => {
        const period = { start: '2024-01-01', end: '2030-12-31' };
        const [early, late] = a <= b ? [a, b] : [b, a];
        const p = scheduleProgress(planned, period, early, zero) ?? 0;
        const q = scheduleProgress(planned, period, late, zero) ?? 0;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(1);
        expect(q).toBeGreaterThanOrEqual(p - 1e-12);
      }),
    );
  });
});
