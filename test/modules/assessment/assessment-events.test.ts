/** From the ledger's facts to scoring events (pure): the cases the database fixture does not reach. */
import { describe, expect, it } from 'vitest';
import { latestValue, scoringEvents, type Facts } from '../../../src/modules/assessment/assessment.events.js';

const none: Facts = { year: 2026, reports: [], returns: [], redLights: [], targets: [], orders: [] };
const order = { orderId: 8, unitId: 1, taskId: 3, taskNumber: 3, serial: 5, issuedAt: '2026-04-12T01:00:00.000Z' };

describe('scoringEvents', () => {
  it('numbers the second return of the same report', () => {
    const ret = { reportId: 4, unitId: 1, taskId: 3, taskNumber: 3, roundLabel: '2026-03' };
    const events = scoringEvents(
      {
        ...none,
        returns: [
          { ...ret, at: '2026-04-09T02:00:00.000Z' },
          { ...ret, at: '2026-04-02T02:00:00.000Z' },
        ],
      },
      '2026-12-31',
    );
    expect(events.map((e) => [e.at, e.label])).toEqual([
      ['2026-04-02', '2026-03 期报告被退回（第 3 项任务）'],
      ['2026-04-09', '2026-03 期报告第 2 次被退回（第 3 项任务）'],
    ]);
  });

  it('counts an order from the day after its response date, unless answered by then', () => {
    const at = (o: Partial<typeof order> & { respondBy: string; respondedAt: string | null }, asOf: string) =>
      scoringEvents({ ...none, orders: [{ ...order, ...o }] }, asOf).map((e) => e.at);
    expect(at({ respondBy: '2026-04-19', respondedAt: null }, '2026-04-19')).toEqual([]);
    expect(at({ respondBy: '2026-04-19', respondedAt: null }, '2026-04-20')).toEqual(['2026-04-20']);
    // Answered at 23:30 on the last day, Beijing time.
    expect(at({ respondBy: '2026-04-19', respondedAt: '2026-04-19T15:30:00.000Z' }, '2026-12-31')).toEqual([]);
    // Answered at 00:30 the day after: late, counted as unanswered.
    expect(at({ respondBy: '2026-04-19', respondedAt: '2026-04-19T16:30:00.000Z' }, '2026-12-31')).toEqual(['2026-04-20']);
    // A response date stored as a timestamp is read as its day in Beijing.
    expect(at({ respondBy: '2026-04-19T15:59:59.000Z', respondedAt: null }, '2026-04-20')).toEqual(['2026-04-20']);
  });

  it('takes the latest period’s figure, and of two for one period the one accepted last, known by asOf', () => {
    const values = [
      { value: 5, periodEnd: '2026-03-31', at: '2026-04-07T02:00:00.000Z' },
      { value: 9, periodEnd: '2026-03-31', at: '2026-04-20T02:00:00.000Z' },
      { value: 20, periodEnd: '2026-04-30', at: '2026-05-06T02:00:00.000Z' },
    ];
    expect(latestValue(values, '2026-04-10')?.value).toBe(5);
    expect(latestValue(values, '2026-04-30')?.value).toBe(9);
    expect(latestValue(values, '2026-05-06')).toMatchObject({ value: 20, day: '2026-05-06' });
    expect(latestValue(values, '2026-04-06')).toBeNull();
  });
});
