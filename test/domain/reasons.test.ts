/**
 * The reasons of a task's light: one sentence each with its figures, those of
 * the task's own light first, the one that made the difference leading when no
 * target has the task's light; every yellow or red task has a reason of its
 * colour, and no red or yellow reason shows a task ahead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Measure, Milestone } from '../../src/domain/completion.js';
import { taskStatus, type TaskInput } from '../../src/domain/lights.js';
import { TARGET_KINDS, TARGET_SCOPES, type Target, type TargetKind, type TargetScope } from '../../src/domain/plan.js';
import { behindForLight, roundName, shownLight, taskReasons, type ReasonInput, type ReasonTarget } from '../../src/domain/reasons.js';
import { statusRules, type Confidence } from '../../src/domain/status.js';
import { dayNumber, isoDate, yearPeriod } from '../../src/domain/time-progress.js';

const rules = statusRules({ period: yearPeriod(2026) });

const target = (over: Partial<Target> = {}): Target => ({
  text: '年内新增营收140亿元',
  metric: '新能源产业营收',
  kind: 'increment',
  value: 140,
  unit: '亿元',
  qualifiers: [],
  ...over,
});

const named = (measures: readonly Measure[]): ReasonTarget[] => measures.map((m, i) => ({ ...m.target, id: i + 1, actual: m.actual }));

function reasonsOf(task: Partial<TaskInput>, asOf: string, extra: Partial<Omit<ReasonInput, 'status' | 'targets'>> = {}) {
  const input: TaskInput = { targets: [], milestones: [], reportOverdue: false, confidence: null, ...task };
  const status = taskStatus(input, asOf, rules);
  return { status, reasons: taskReasons({ status, targets: named(input.targets), overdueReports: [], openOrders: [], completed: false, ...extra }) };
}

describe('taskReasons: the sentences', () => {
  it('says how far a target is behind, with its figures', () => {
    // 42 of 140 亿元 (30 %) on 30 September, against 74.8 % of the year: 44.8 points behind, red.
    const { status, reasons } = reasonsOf({ targets: [{ target: target(), actual: 42 }] }, '2026-09-30');
    expect(status.light).toBe('red');
    expect(reasons).toEqual([
      {
        kind: 'target',
        light: 'red',
        text: '新能源产业营收完成 42 亿元，为目标的 30.0%，落后时序进度 44.8 个百分点',
        targetId: 1,
        behindPoints: status.targets[0]?.behindPoints,
        milestone: null,
        dueOn: null,
        round: null,
        order: null,
      },
    ]);
    expect(behindForLight(reasons, 'red')).toBeCloseTo(44.8, 1);
  });

  it('names a rate against the whole target, and a planned schedule as such', () => {
    const rate = reasonsOf(
      { targets: [{ target: target({ metric: '数字经济核心产业营收', kind: 'growth_rate', value: 10, unit: '%' }), actual: 7.5 }] },
      '2026-06-30',
    );
    expect(rate.reasons.map((r) => r.text)).toEqual(['数字经济核心产业营收增长 7.5%，为目标的 75.0%，距全年目标差 25.0 个百分点']);
    const planned = reasonsOf(
      {
        targets: [
          {
            target: target({ metric: '上云企业', kind: 'count', value: 150, unit: '家' }),
            actual: 75,
            schedule: [{ on: '2026-06-30', value: 100 }],
          },
        ],
      },
      '2026-06-30',
    );
    expect(planned.reasons.map((r) => r.text)).toEqual(['上云企业完成 75 家，为目标的 50.0%，落后计划进度 16.7 个百分点']);
  });

  it('quotes the words of targets that share a metric, and says 只减不增 in words', () => {
    const { reasons } = reasonsOf(
      {
        targets: [
          { target: target({ metric: '营收', text: '年内新增营收140亿元' }), actual: 30 },
          { target: target({ metric: '营收', kind: 'total', value: 200, text: '突破200亿元' }), actual: 60 },
          { target: target({ metric: '“三公”经费', kind: 'reduction', value: null, unit: null, text: '“三公”经费只减不增' }), actual: 1.5 },
        ],
      },
      '2026-09-30',
    );
    expect(reasons.map((r) => r.text)).toEqual([
      '“年内新增营收140亿元”完成 30 亿元，为目标的 21.4%，落后时序进度 53.4 个百分点',
      '“突破200亿元”完成 60 亿元，为目标的 30.0%，落后时序进度 44.8 个百分点',
      '“三公”经费要求只减不增，最新填报 1.5，不减反增',
    ]);
    expect(reasons.every((r) => r.light === 'red')).toBe(true);
  });

  it('puts an overdue report first on a red task whose targets are all on pace', () => {
    const { status, reasons } = reasonsOf({ targets: [{ target: target(), actual: 100 }], reportOverdue: true }, '2026-04-06', {
      overdueReports: [{ round: '2026-03', dueOn: '2026-04-05', unit: null }],
    });
    expect(status.light).toBe('red');
    expect(status.targets[0]?.light).toBe('green');
    expect(reasons).toEqual([
      expect.objectContaining({
        kind: 'report_overdue',
        light: 'red',
        text: '3月份进展报告应于 4月5日前报送，逾期未报',
        round: '2026-03',
        dueOn: '2026-04-05',
      }),
    ]);
    // Red for the report, not for figures: no points behind to show.
    expect(behindForLight(reasons, 'red')).toBeNull();
  });

  it('names the host units that owe a round’s report, once per round', () => {
    const { reasons } = reasonsOf({ reportOverdue: true }, '2026-07-20', {
      overdueReports: [
        { round: '2026-Q2', dueOn: '2026-07-10', unit: '区发展和改革局' },
        { round: '2026-Q2', dueOn: '2026-07-10', unit: '区商务局' },
        { round: '2026-06', dueOn: '2026-07-05', unit: '区商务局' },
      ],
    });
    expect(reasons.map((r) => r.text)).toEqual([
      '区发展和改革局、区商务局的第二季度进展报告应于 7月10日前报送，逾期未报',
      '区商务局的6月份进展报告应于 7月5日前报送，逾期未报',
    ]);
  });

  it('puts a missed milestone before the yellow target on a red task', () => {
    const milestone: Milestone = { name: '完成年度目标任务过半', due: '2026-06-30', reachedOn: null };
    const { status, reasons } = reasonsOf({ targets: [{ target: target(), actual: 45 }], milestones: [milestone] }, '2026-07-15');
    expect(status.light).toBe('red');
    expect(reasons.map((r) => [r.kind, r.light, r.text])).toEqual([
      ['milestone', 'red', '节点“完成年度目标任务过半”应于 6月30日前完成，尚未完成'],
      ['target', 'yellow', '新能源产业营收完成 45 亿元，为目标的 32.1%，落后时序进度 21.6 个百分点'],
    ]);
    expect(behindForLight(reasons, 'red')).toBeNull();
  });

  it('explains a qualitative task by its unit’s rating, and lists open orders after the light’s reasons', () => {
    const { reasons } = reasonsOf({ targets: [{ target: target({ kind: 'other' }), actual: null }], confidence: 'at_risk' }, '2026-05-10', {
      openOrders: [{ number: '督办〔2026〕第3号', grade: 'yellow', respondBy: '2026-05-20' }],
    });
    expect(reasons.map((r) => [r.kind, r.light, r.text])).toEqual([
      ['confidence', 'yellow', '无量化指标，按单位自评“存在风险”'],
      ['order', 'none', '督办〔2026〕第3号（黄色）尚未办结'],
    ]);
    expect(reasons[1]).toMatchObject({ order: '督办〔2026〕第3号', dueOn: '2026-05-20' });
  });

  it('leaves targets not measured against time progress out, and flags a rating that contradicts the figures', () => {
    const aim = { target: target({ metric: '新能源产业', kind: 'level', value: 1000, scope: 'long_term' }), actual: 10 };
    const { status, reasons } = reasonsOf({ targets: [aim, { target: target(), actual: 20 }], confidence: 'on_track' }, '2026-09-30');
    expect(status.targets[0]?.reason).toBe('not_measured');
    expect(reasons.map((r) => [r.kind, r.light])).toEqual([
      ['target', 'red'],
      ['confidence', 'none'],
    ]);
    expect(reasons[1]?.text).toBe('单位自评“正常推进”，与指标和节点的情况相反，请核实');
  });

  it('gives a completed task its 销号 first, before the figures that lag behind it', () => {
    const { status, reasons } = reasonsOf({ targets: [{ target: target(), actual: 42 }] }, '2026-09-30', { completed: true });
    expect(shownLight(status, true)).toBe('green');
    expect(reasons.map((r) => [r.kind, r.light])).toEqual([
      ['completed', 'green'],
      ['target', 'red'],
    ]);
  });

  it('notes a broken stored figure without judging it', () => {
    const { reasons } = reasonsOf({ targets: [{ target: target(), actual: null, dataError: true }] }, '2026-09-30');
    expect(reasons.map((r) => [r.kind, r.light, r.text])).toEqual([['data_error', 'none', '指标“新能源产业营收”库中数值有误，暂不判断']]);
  });

  it('says rounds as a clerk does', () => {
    expect(roundName('2026-03')).toBe('3月份');
    expect(roundName('2026-12')).toBe('12月份');
    expect(roundName('2026-Q3')).toBe('第三季度');
    expect(roundName('专项调度')).toBe('专项调度');
  });
});

describe('taskReasons: properties', () => {
  const kinds = fc.constantFrom<TargetKind>(...TARGET_KINDS);
  const scopes = fc.option(fc.constantFrom<TargetScope>(...TARGET_SCOPES), { nil: undefined });
  const day = fc.integer({ min: dayNumber('2026-01-01'), max: dayNumber('2026-12-31') }).map(isoDate);
  const measure = fc.record({
    target: fc.record({
      kind: kinds,
      value: fc.option(fc.double({ min: 0.5, max: 500, noNaN: true }), { nil: null }),
      unit: fc.constantFrom('亿元', '场', '%'),
      metric: fc.constantFrom('营收', '投资', '活动'),
      scope: scopes,
    }),
    actual: fc.option(fc.double({ min: -50, max: 600, noNaN: true }), { nil: null }),
    dataError: fc.boolean(),
    schedule: fc.option(
      fc.array(fc.record({ on: fc.constantFrom('2026-03-31', '2026-06-30', '2026-09-30'), value: fc.double({ min: 0, max: 500, noNaN: true }) }), {
        maxLength: 3,
      }),
      {
        nil: null,
      },
    ),
  });
  const milestone = fc.record({ name: fc.constant('竣工投产'), due: day, reachedOn: fc.option(day, { nil: null }) });
  const world = fc.record({
    targets: fc.array(measure, { maxLength: 4 }),
    milestones: fc.array(milestone, { maxLength: 2 }),
    reportOverdue: fc.boolean(),
    confidence: fc.constantFrom<Confidence | null>(null, 'on_track', 'at_risk', 'off_track'),
    overdueReports: fc.array(
      fc.record({ round: fc.constantFrom('2026-03', '2026-Q2', '专项调度'), dueOn: day, unit: fc.constantFrom<string | null>(null, '区商务局') }),
      {
        maxLength: 2,
      },
    ),
    openOrders: fc.array(
      fc.record({ number: fc.constant('督办〔2026〕第1号'), grade: fc.constantFrom<'blue' | 'yellow' | 'red'>('blue', 'yellow', 'red'), respondBy: day }),
      {
        maxLength: 2,
      },
    ),
    completed: fc.boolean(),
    asOf: day,
  });

  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
  const run = (w: World) => {
    const targets = w.targets.map((m) => ({
      ...m,
      target: target({ ...m.target, text: m.target.metric, ...(m.target.scope ? { scope: m.target.scope } : {}) }),
    }));
    const status = taskStatus({ targets, milestones: w.milestones, reportOverdue: w.reportOverdue, confidence: w.confidence }, w.asOf, rules);
    const reasons = taskReasons({ status, targets: named(targets), overdueReports: w.overdueReports, openOrders: w.openOrders, completed: w.completed });
    return { status, light: shownLight(status, w.completed), reasons };
  };

  it('gives every yellow or red task a reason of its colour, first in the list', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { light, reasons } = run(w);
        if (light !== 'yellow' && light !== 'red') return;
        expect(reasons.some((r) => r.light === light)).toBe(true);
        expect(reasons[0]?.light).toBe(light);
        expect(reasons.every((r) => r.text.trim() !== '')).toBe(true);
      }),
    );
  });

  it('never shows a red or yellow reason with the task ahead, nor negative points behind', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { light, reasons } = run(w);
        for (const r of reasons) if (r.light === 'red' || r.light === 'yellow') expect(r.behindPoints === null || r.behindPoints > 0).toBe(true);
        const behind = behindForLight(reasons, light);
        if (light === 'red' || light === 'yellow') expect(behind === null || behind > 0).toBe(true);
      }),
    );
  });

  it('leads with what made the difference when no target has the task’s light', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { status, light, reasons } = run(w);
        if (w.completed) expect(reasons[0]?.kind).toBe('completed');
        else if ((light === 'yellow' || light === 'red') && !status.targets.some((t) => t.light === light)) {
          expect(reasons[0]?.kind).not.toBe('target');
          expect(reasons[0]?.light).toBe(light);
        }
      }),
    );
  });
});
