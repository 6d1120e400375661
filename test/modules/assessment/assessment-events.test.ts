/**
 * From the ledger's facts to scoring events and what each unit owed (pure):
 * the worked example of docs/assessment.md computed step by step, and the
 * cases the database fixture does not reach.
 */
import { describe, expect, it } from 'vitest';
import { statementsOf } from '../../../src/domain/scoring.js';
import { DEFAULT_PLAN_SETTINGS } from '../../../src/domain/settings.js';
import { scoringOf, type Facts, type LightFact, type OrderFact, type ReportFact, type TargetFact } from '../../../src/modules/assessment/assessment.events.js';

const none: Facts = { year: 2026, reports: [], returns: [], lights: [], targets: [], orders: [] };
const order = { orderId: 8, unitId: 1, taskId: 3, taskNumber: 3, serial: 5, issuedAt: '2026-04-12T01:00:00.000Z' };
const SCHEME = DEFAULT_PLAN_SETTINGS.scoring;

const MONTHS = ['01', '02', '03', '04', '05', '06'] as const;
const next = (m: string): string => String(Number(m) + 1).padStart(2, '0');

/**
 * One unit's half year: `tasks` hosted tasks, a monthly round for each from
 * January to June (opened on the 26th, due on the 5th of the next month,
 * closed on the 10th); `late` of its reports sent on the 8th instead of the
 * 3rd, `returns` of them returned, `red` of its task-months red, `met` of its
 * `targets` targets met, and of `orders` orders the first `unanswered` not
 * answered by their response date.
 */
function halfYear(
  unitId: number,
  firstTask: number,
  p: { tasks: number; late: number; returns: number; red: number; targets: number; met: number; orders: number; unanswered: number },
): Facts {
  const reports: ReportFact[] = [];
  const lights: LightFact[] = [];
  let n = 0;
  for (const m of MONTHS) {
    for (let t = 0; t < p.tasks; t++, n++) {
      const taskId = firstTask + t;
      const late = n < p.late;
      reports.push({
        reportId: unitId * 1000 + n,
        unitId,
        taskId,
        taskNumber: taskId,
        roundLabel: `2026-${m}`,
        dueOn: `2026-${next(m)}-05`,
        roundOpenedAt: `2026-${m}-26T01:00:00.000Z`,
        firstSentAt: `2026-${next(m)}-${late ? '08' : '03'}T02:00:00.000Z`,
        taskRemoved: false,
        taskCompletedAt: null,
      });
      lights.push({
        taskId,
        taskNumber: taskId,
        asOf: `2026-${m}-${m === '02' ? '28' : ['04', '06'].includes(m) ? '30' : '31'}`,
        red: n < p.red,
        roundLabel: `2026-${m}`,
        closedAt: `2026-${next(m)}-10T02:00:00.000Z`,
        hostUnitIds: [unitId],
      });
    }
  }
  const returns = reports
    .slice(p.tasks * 2, p.tasks * 2 + p.returns)
    .map((r) => ({ reportId: r.reportId, unitId, taskId: r.taskId, taskNumber: r.taskNumber, roundLabel: r.roundLabel, at: '2026-04-04T02:00:00.000Z' }));
  const targets: TargetFact[] = Array.from({ length: p.targets }, (_, i) => ({
    targetId: unitId * 100 + i,
    taskId: firstTask,
    taskNumber: firstTask,
    target: { text: `举办活动${10 + i}场`, metric: '活动', kind: 'count', value: 10 + i, unit: '场', qualifiers: [] },
    ownerUnitIds: [unitId],
    latest: { value: i < p.met ? 10 + i : 1, day: '2026-06-20' },
  }));
  const orders: OrderFact[] = Array.from({ length: p.orders }, (_, i) => ({
    orderId: unitId * 10 + i,
    unitId,
    taskId: firstTask,
    taskNumber: firstTask,
    serial: unitId * 10 + i,
    issuedAt: '2026-05-02T01:00:00.000Z',
    respondBy: '2026-05-09',
    respondedAt: i < p.unanswered ? null : '2026-05-08T02:00:00.000Z',
  }));
  return { year: 2026, reports, returns, lights, targets, orders };
}

const merge = (...all: Facts[]): Facts => ({
  year: 2026,
  reports: all.flatMap((f) => f.reports),
  returns: all.flatMap((f) => f.returns),
  lights: all.flatMap((f) => f.lights),
  targets: all.flatMap((f) => f.targets),
  orders: all.flatMap((f) => f.orders),
});

describe('the worked example of docs/assessment.md', () => {
  const JIA = 1;
  const YI = 2;
  const jia = { tasks: 3, late: 3, returns: 2, red: 3, targets: 4, met: 1, orders: 2, unanswered: 1 };
  const yi = { tasks: 1, late: 0, returns: 1, red: 0, targets: 1, met: 0, orders: 0, unanswered: 0 };
  const ASOF = '2026-07-10';

  it('区甲局 and 区乙局 on 10 July, step by step', () => {
    const { events, owed } = scoringOf(merge(halfYear(JIA, 11, jia), halfYear(YI, 21, yi)), ASOF);
    expect(owed.get(JIA)).toEqual({ reportsDue: 18, reportsSent: 18, taskMonths: 18, targets: 4, ordersDue: 2 });
    expect(owed.get(YI)).toEqual({ reportsDue: 6, reportsSent: 6, taskMonths: 6, targets: 1, ordersDue: 0 });
    const [a, b] = statementsOf([JIA, YI], events, owed, SCHEME);
    const steps = (s: typeof a) => s?.lines.map((l) => [l.rule, l.count, l.of, l.points]);
    expect(steps(a)).toEqual([
      ['reportOnTime', 15, 18, 8.333333],
      ['lateReport', 3, 18, -1.666667],
      ['returned', 2, 18, -0.555556],
      ['redMonth', 3, 18, -3.333333],
      ['targetMet', 1, 4, 5],
      ['unmetTarget', 0, 4, 0],
      ['unansweredOrder', 1, 2, -10],
    ]);
    expect(a?.total).toBe(97.777777);
    expect(steps(b)).toEqual([
      ['reportOnTime', 6, 6, 10],
      ['lateReport', 0, 6, 0],
      ['returned', 1, 6, -0.833333],
      ['redMonth', 0, 6, 0],
      ['targetMet', 0, 1, 0],
      ['unmetTarget', 0, 1, 0],
      ['unansweredOrder', 0, 0, 0],
    ]);
    expect(b?.total).toBe(109.166667);
    // Every point is an item: 15 on-time reports of 区甲局, each 10 ÷ 18 of a point.
    expect(a?.items.filter((i) => i.rule === 'reportOnTime')).toHaveLength(15);
    expect(a?.items.find((i) => i.rule === 'reportOnTime')?.points).toBeCloseTo(10 / 18, 12);
  });

  it('with three times the tasks and the same rates, 区甲局 scores the same', () => {
    const triple = { tasks: 9, late: 9, returns: 6, red: 9, targets: 12, met: 3, orders: 6, unanswered: 3 };
    const one = scoringOf(halfYear(JIA, 11, jia), ASOF);
    const three = scoringOf(halfYear(JIA, 11, triple), ASOF);
    expect(three.owed.get(JIA)).toEqual({ reportsDue: 54, reportsSent: 54, taskMonths: 54, targets: 12, ordersDue: 6 });
    const [a] = statementsOf([JIA], one.events, one.owed, SCHEME);
    const [b] = statementsOf([JIA], three.events, three.owed, SCHEME);
    expect(b?.items).toHaveLength(3 * (a?.items.length ?? 0));
    expect(b?.total).toBe(a?.total);
  });
});

describe('scoringOf', () => {
  it('numbers the second return of the same report', () => {
    const ret = { reportId: 4, unitId: 1, taskId: 3, taskNumber: 3, roundLabel: '2026-03' };
    const { events } = scoringOf(
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

  it('owes an order once answered or past its response date, and counts it from the day after that date unless answered by then', () => {
    const at = (o: { respondBy: string; respondedAt: string | null }, asOf: string) => {
      const s = scoringOf({ ...none, orders: [{ ...order, ...o }] }, asOf);
      return [s.events.map((e) => e.at), s.owed.get(1)?.ordersDue ?? 0];
    };
    expect(at({ respondBy: '2026-04-19', respondedAt: null }, '2026-04-19')).toEqual([[], 0]);
    expect(at({ respondBy: '2026-04-19', respondedAt: null }, '2026-04-20')).toEqual([['2026-04-20'], 1]);
    // Answered early: owed, and answered in time.
    expect(at({ respondBy: '2026-04-19', respondedAt: '2026-04-15T02:00:00.000Z' }, '2026-04-16')).toEqual([[], 1]);
    // Answered at 23:30 on the last day, Beijing time.
    expect(at({ respondBy: '2026-04-19', respondedAt: '2026-04-19T15:30:00.000Z' }, '2026-12-31')).toEqual([[], 1]);
    // Answered at 00:30 the day after: late, counted as unanswered.
    expect(at({ respondBy: '2026-04-19', respondedAt: '2026-04-19T16:30:00.000Z' }, '2026-12-31')).toEqual([['2026-04-20'], 1]);
    // A response date stored as a timestamp is read as its day in Beijing.
    expect(at({ respondBy: '2026-04-19T15:59:59.000Z', respondedAt: null }, '2026-04-20')).toEqual([['2026-04-20'], 1]);
    // Issued after the date: nothing yet.
    expect(at({ respondBy: '2026-04-19', respondedAt: null }, '2026-04-11')).toEqual([[], 0]);
  });

  it('owes a report once its round is open and it is sent or past due; a task completed by the due day or removed owes nothing unsent', () => {
    const report: ReportFact = {
      reportId: 5,
      unitId: 1,
      taskId: 3,
      taskNumber: 3,
      roundLabel: '2026-03',
      dueOn: '2026-04-05',
      roundOpenedAt: '2026-03-26T01:00:00.000Z',
      firstSentAt: null,
      taskRemoved: false,
      taskCompletedAt: null,
    };
    const of = (r: Partial<ReportFact>, asOf: string) => {
      const s = scoringOf({ ...none, reports: [{ ...report, ...r }] }, asOf);
      return [s.events.map((e) => `${e.rule} ${e.at}`), s.owed.get(1)?.reportsDue ?? 0, s.owed.get(1)?.reportsSent ?? 0];
    };
    expect(of({}, '2026-03-25')).toEqual([[], 0, 0]);
    expect(of({}, '2026-04-05')).toEqual([[], 0, 0]);
    expect(of({}, '2026-04-06')).toEqual([['lateReport 2026-04-06'], 1, 0]);
    // Sent on 3 April: owed and on time from that day, whatever was asked later.
    expect(of({ firstSentAt: '2026-04-03T02:00:00.000Z' }, '2026-04-03')).toEqual([['reportOnTime 2026-04-03'], 1, 1]);
    // Sent on 9 April: unsent (late) on the 8th, sent late on the 9th.
    expect(of({ firstSentAt: '2026-04-09T02:00:00.000Z' }, '2026-04-08')).toEqual([['lateReport 2026-04-06'], 1, 0]);
    expect(of({ firstSentAt: '2026-04-09T02:00:00.000Z' }, '2026-04-09')).toEqual([['lateReport 2026-04-09'], 1, 1]);
    expect(of({ taskCompletedAt: '2026-04-05T08:00:00.000Z' }, '2026-12-31')).toEqual([[], 0, 0]);
    expect(of({ taskCompletedAt: '2026-04-20T08:00:00.000Z' }, '2026-12-31')).toEqual([['lateReport 2026-04-06'], 1, 0]);
    expect(of({ taskRemoved: true }, '2026-12-31')).toEqual([[], 0, 0]);
  });

  it('scores only measured targets with a comparable number, to each of their owners', () => {
    const base: TargetFact = {
      targetId: 9,
      taskId: 3,
      taskNumber: 3,
      target: { text: '新增营收18亿元', metric: '营收', kind: 'increment', value: 18, unit: '亿元', qualifiers: [] },
      ownerUnitIds: [1, 2],
      latest: { value: 20, day: '2026-05-06' },
    };
    const of = (t: Partial<TargetFact>, asOf = '2026-12-31') => {
      const s = scoringOf({ ...none, targets: [{ ...base, ...t }] }, asOf);
      return [s.events.map((e) => `${e.unitId} ${e.rule} ${e.at}`), s.owed.get(1)?.targets ?? 0];
    };
    expect(of({})).toEqual([['1 targetMet 2026-05-06', '2 targetMet 2026-05-06'], 1]);
    // A long-term aim is shown, not scored; nor one the office excluded, nor one without a number.
    expect(of({ target: { ...base.target, scope: 'long_term' } })).toEqual([[], 0]);
    expect(of({ target: { ...base.target, measured: false } })).toEqual([[], 0]);
    expect(of({ target: { ...base.target, kind: 'other', value: null, unit: null } })).toEqual([[], 0]);
    // Behind before year end: owed, not yet unmet; at year end unmet; a broken figure is no figure.
    expect(of({ latest: { value: 5, day: '2026-05-06' } }, '2026-06-30')).toEqual([[], 1]);
    expect(of({ latest: { value: 5, day: '2026-05-06' } })).toEqual([['1 unmetTarget 2026-12-31', '2 unmetTarget 2026-12-31'], 1]);
    expect(of({ latest: { value: null, day: '2026-05-06' } })).toEqual([['1 unmetTarget 2026-12-31', '2 unmetTarget 2026-12-31'], 1]);
  });

  it('owes a task-month for each light recorded at a round close, from the close, red or not', () => {
    const light: LightFact = {
      taskId: 3,
      taskNumber: 3,
      asOf: '2026-03-31',
      red: false,
      roundLabel: '2026-03',
      closedAt: '2026-04-10T02:00:00.000Z',
      hostUnitIds: [1, 2],
    };
    const of = (l: Partial<LightFact>, asOf: string) => {
      const s = scoringOf({ ...none, lights: [{ ...light, ...l }] }, asOf);
      return [s.events.map((e) => `${e.unitId} ${e.label}`), s.owed.get(2)?.taskMonths ?? 0];
    };
    expect(of({}, '2026-04-09')).toEqual([[], 0]);
    expect(of({}, '2026-04-10')).toEqual([[], 1]);
    expect(of({ red: true }, '2026-04-10')).toEqual([['1 2026-03 期第 3 项任务亮红灯', '2 2026-03 期第 3 项任务亮红灯'], 1]);
    // Without a known close, from the period's end.
    expect(of({ red: true, closedAt: null, roundLabel: null }, '2026-03-31')).toEqual([['1 2026-03 期第 3 项任务亮红灯', '2 2026-03 期第 3 项任务亮红灯'], 1]);
  });
});
