import { governmentDay } from '../../src/domain/calendar.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkScheduleRule,
  daysBetween,
  lastDayOfMonth,
  OPEN_DAYS_BEFORE,
  periodOfLabel,
  periodsOfYear,
  roundOfPeriod,
  roundsOfYear,
  roundsOpenAt,
  type ScheduleRule,
} from '../../src/domain/schedule.js';

const rules = fc.record({
  kind: fc.constantFrom('monthly' as const, 'quarterly' as const),
  dueDay: fc.integer({ min: 1, max: 31 }),
  dueOffset: fc.constantFrom('same' as const, 'next' as const),
});
const years = fc.integer({ min: 2000, max: 2100 });

describe('the periods of a year', () => {
  it('are twelve months or four quarters that tile the year without gaps', () => {
    fc.assert(
      fc.property(years, fc.constantFrom('monthly' as const, 'quarterly' as const), (year, kind) => {
        const periods = periodsOfYear(kind, year);
        expect(periods).toHaveLength(kind === 'monthly' ? 12 : 4);
        expect(periods[0]?.start).toBe(`${year}-01-01`);
        expect(periods.at(-1)?.end).toBe(`${year}-12-31`);
        for (let i = 1; i < periods.length; i++) expect(addDays(periods[i - 1]?.end ?? '', 1)).toBe(periods[i]?.start);
        for (const p of periods) expect(periodOfLabel(p.label)).toEqual(p);
      }),
    );
  });

  it('are labelled as rounds are: 2026-03 and 2026-Q1', () => {
    expect(periodsOfYear('monthly', 2026)[2]).toEqual({ kind: 'monthly', label: '2026-03', start: '2026-03-01', end: '2026-03-31' });
    expect(periodsOfYear('quarterly', 2026)[0]).toEqual({ kind: 'quarterly', label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(periodsOfYear('monthly', 2028)[1]?.end).toBe('2028-02-29');
    expect(periodOfLabel('专项调度')).toBeUndefined();
    expect(periodOfLabel('2026-13')).toBeUndefined();
  });
});

describe('the round of a period', () => {
  it('is due in the period’s last month with "same", and in the month after with "next"', () => {
    const march = periodOfLabel('2026-03');
    if (!march) throw new Error('no period');
    expect(roundOfPeriod({ kind: 'monthly', dueDay: 25, dueOffset: 'same' }, march)).toEqual({
      kind: 'monthly',
      label: '2026-03',
      periodEnd: '2026-03-25',
      dueOn: '2026-03-25',
      opensOn: '2026-03-15',
    });
    expect(roundOfPeriod({ kind: 'monthly', dueDay: 5, dueOffset: 'next' }, march)).toEqual({
      kind: 'monthly',
      label: '2026-03',
      periodEnd: '2026-03-31',
      dueOn: '2026-04-05',
      opensOn: '2026-03-26',
    });
  });

  it('uses the last day of a shorter month, and December "next" falls in January of the next year', () => {
    const feb = roundsOfYear({ kind: 'monthly', dueDay: 31, dueOffset: 'same' }, 2026)[1];
    expect(feb).toMatchObject({ label: '2026-02', dueOn: '2026-02-28', periodEnd: '2026-02-28' });
    const dec = roundsOfYear({ kind: 'monthly', dueDay: 10, dueOffset: 'next' }, 2026)[11];
    expect(dec).toMatchObject({ label: '2026-12', dueOn: '2027-01-10', periodEnd: '2026-12-31' });
    const q1 = roundsOfYear({ kind: 'quarterly', dueDay: 10, dueOffset: 'next' }, 2026)[0];
    expect(q1).toMatchObject({ label: '2026-Q1', dueOn: '2026-04-10', periodEnd: '2026-03-31' });
  });

  it('is never due before the end of the period it asks about, and is due in the right month', () => {
    fc.assert(
      fc.property(rules, years, (rule, year) => {
        for (const [i, round] of roundsOfYear(rule, year).entries()) {
          const period = periodsOfYear(rule.kind, year)[i];
          if (!period) throw new Error('no period');
          expect(round.label).toBe(period.label);
          expect(round.dueOn >= round.periodEnd).toBe(true);
          expect(round.periodEnd <= period.end && round.periodEnd >= period.start).toBe(true);
          const dueMonth = Number(round.dueOn.slice(5, 7));
          const lastMonth = Number(period.end.slice(5, 7));
          expect(dueMonth).toBe(rule.dueOffset === 'same' ? lastMonth : (lastMonth % 12) + 1);
          const dueDay = Number(round.dueOn.slice(8));
          expect(dueDay).toBe(Math.min(rule.dueDay, lastDayOfMonth(Number(round.dueOn.slice(0, 4)), dueMonth)));
          // The figures stand at the period's end unless the report is due before it.
          expect(round.periodEnd).toBe(round.dueOn < period.end ? round.dueOn : period.end);
          expect(daysBetween(round.opensOn, round.dueOn)).toBe(OPEN_DAYS_BEFORE);
        }
      }),
    );
  });

  it('comes in order: each round is due after the one before', () => {
    fc.assert(
      fc.property(rules, years, (rule, year) => {
        const rounds = roundsOfYear(rule, year);
        for (let i = 1; i < rounds.length; i++) expect((rounds[i]?.dueOn ?? '') > (rounds[i - 1]?.dueOn ?? '')).toBe(true);
      }),
    );
  });
});

describe('the rounds open at a date', () => {
  const monthly: ScheduleRule = { kind: 'monthly', dueDay: 25, dueOffset: 'same' };

  it('are those whose opening day (ten days before due) has come', () => {
    expect(roundsOpenAt(monthly, 2026, '2026-03-14').map((r) => r.label)).toEqual(['2026-01', '2026-02']);
    expect(roundsOpenAt(monthly, 2026, '2026-03-15').map((r) => r.label)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('leave out the rounds due before the schedule was set', () => {
    expect(roundsOpenAt(monthly, 2026, '2026-06-20', '2026-06-01').map((r) => r.label)).toEqual(['2026-06']);
  });

  it('grow with the date and never lose a round', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), (rule, offset, step) => {
        const a = addDays('2026-01-01', offset);
        const b = addDays(a, step);
        const before = roundsOpenAt(rule, 2026, a).map((r) => r.label);
        const after = roundsOpenAt(rule, 2026, b).map((r) => r.label);
        expect(after.slice(0, before.length)).toEqual(before);
        for (const r of roundsOpenAt(rule, 2026, b)) expect(r.opensOn <= b).toBe(true);
      }),
    );
  });
});

describe('checking a rule', () => {
  it('refuses a day outside 1–31 or an unknown kind, in Chinese', () => {
    expect(() => checkScheduleRule({ kind: 'monthly', dueDay: 0, dueOffset: 'same' })).toThrow(/报送日/);
    expect(() => checkScheduleRule({ kind: 'weekly' as 'monthly', dueDay: 5, dueOffset: 'same' })).toThrow(/调度周期/);
    expect(checkScheduleRule({ kind: 'quarterly', dueDay: 31, dueOffset: 'next' })).toEqual({ kind: 'quarterly', dueDay: 31, dueOffset: 'next' });
  });
});

describe('the government’s calendar day', () => {
  it('is the date in Asia/Shanghai', () => {
    expect(governmentDay(new Date('2026-03-24T15:59:59Z'))).toBe('2026-03-24');
    expect(governmentDay(new Date('2026-03-24T16:00:00Z'))).toBe('2026-03-25');
  });
});
