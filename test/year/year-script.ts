/**
 * The year's script: what each of the five story units sends and when, what
 * the office does with it, and the simple rule every other report follows.
 * Everything is decided here, up front, by date; nothing is read back from
 * the system to decide what happens next (only ids are looked up).
 *
 * The office has set a monthly schedule (due the 25th, 'same'): the round of
 * month m opens on the 15th (ten days before), is due on the 25th, asks for
 * the figures as at the 25th, and the office closes it a week after it was
 * due (the December round would close on 1 January and is still open on
 * 31 December).
 *
 * Every other report (the tasks outside the story, the co-units of the story
 * tasks, and the story units' other tasks) is written by its unit's liaison
 * on the day its round opens, without figures, rated on track, approved by
 * the unit's head and, for a host unit, submitted by the head and accepted by
 * the office the same day: on time, never overdue, never reminded.
 */
import type { Actor } from '../../src/domain/actor.js';
import type { Confidence } from '../../src/domain/status.js';
import { orderService } from '../../src/modules/order/order.service.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../../src/modules/report/report-steps.js';
import type { ReportView } from '../../src/modules/report/report.presenter.js';
import { getReport, listVisibleReports } from '../../src/modules/report/report.service.js';
import { listPlanRounds, roundCloser } from '../../src/modules/round/round.service.js';
import { setPlanSchedule } from '../../src/modules/schedule/schedule.service.js';
import { workPlanService } from '../../src/modules/workplan/workplan.service.js';
import type { Clock } from '../../src/store/unit-of-work.js';
import type { Part, World } from './year-world.js';

export const YEAR = 2026;
const pad = (n: number): string => String(n).padStart(2, '0');
/** '2026-03' */
export const label = (month: number): string => `${YEAR}-${pad(month)}`;
/** '2026-03-20' */
export const day = (month: number, d: number): string => `${YEAR}-${pad(month)}-${pad(d)}`;
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** The day each round is closed: a week after the 25th. The December round closes on 1 January, after the year. */
export const CLOSES: Record<number, string> = {
  1: '2026-02-01',
  2: '2026-03-04',
  3: '2026-04-01',
  4: '2026-05-02',
  5: '2026-06-01',
  6: '2026-07-02',
  7: '2026-08-01',
  8: '2026-09-01',
  9: '2026-10-02',
  10: '2026-11-01',
  11: '2026-12-02',
};

/**
 * 金融办 (new loans, 100 / 35 / 2 亿元): the unit's approved plan is back-loaded,
 * 10 %, 30 %, 60 % and 100 % of each target at the quarter ends, and it
 * reports each month about that share of each target: always on its plan.
 */
export const FINANCE_PLAN = [
  { periodEnd: '2026-03-31', share: 0.1 },
  { periodEnd: '2026-06-30', share: 0.3 },
  { periodEnd: '2026-09-30', share: 0.6 },
  { periodEnd: '2026-12-31', share: 1 },
];
export const FINANCE_SHARE = [0.035, 0.065, 0.1, 0.165, 0.235, 0.3, 0.4, 0.5, 0.6, 0.735, 0.865, 1];

/** 卫健局 (village clinics 10 / 150 / 50): the 10 and the 50 run ahead of the calendar; the 150 falls further behind each month. */
export const HEALTH_VALUES = {
  new: [2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10],
  refurbished: [12, 22, 33, 42, 50, 56, 60, 63, 66, 70, 75, 82],
  herbal: [5, 9, 14, 18, 23, 27, 32, 36, 41, 45, 50, 50],
};

/** 商务局: foreign trade (of 220 亿元) on the calendar's pace all year; cross-border e-commerce growth (target 10 %) slumps in April and May. */
export const COMMERCE_VALUES = {
  trade: [19, 36, 55, 73, 92, 110, 128, 147, 165, 183, 202, 220],
  growth: [9.5, 9.6, 10.2, 6.5, 6.8, 8.5, 9.6, 10.5, 10.8, 11, 11.2, 11.5],
};

type Rating = { confidence: Confidence; reason?: string };
const ON: Rating = { confidence: 'on_track' };
const rating = (c: Confidence, reason: string): Rating => ({ confidence: c, reason });

export const RATINGS: Record<Part, Rating[]> = {
  finance: MONTHS.map(() => ON),
  health: MONTHS.map((m) =>
    m <= 5 ? ON : m <= 8 ? rating('at_risk', '薄弱村卫生室改造受资金拨付影响进度偏慢') : rating('off_track', '薄弱村卫生室改造资金缺口较大，年内难以完成'),
  ),
  safety: MONTHS.map(() => ON),
  ecology: MONTHS.map((m) => (m >= 4 && m <= 6 ? rating('at_risk', '燃煤锅炉淘汰受供暖季延长影响') : ON)),
  // April's on-track rating beside a red light is the contradiction the office is shown.
  commerce: MONTHS.map((m) => (m === 5 || m === 6 ? rating('at_risk', '跨境电商受海外需求回落影响增速放缓') : ON)),
};

/** When each story unit sends its report on month m: the 20th, except 应急管理局's late months. */
export const SENDS: Record<Part, Partial<Record<number, string>>> = {
  finance: {},
  health: {},
  ecology: {},
  commerce: {},
  // February two days late, May four, August seven (on the day the round is closed).
  safety: { 2: '2026-02-27', 5: '2026-05-29', 8: '2026-09-01' },
};
export const sendDay = (part: Part, month: number): string => SENDS[part][month] ?? day(month, 20);

type Step = () => Promise<unknown>;

export interface Script {
  /** The steps of a day, in order; run after the day's tick. */
  stepsOn(date: string): Step[];
  /** The id of a report of the story, once its round is open. */
  reportId(part: Part, month: number): Promise<number>;
}

export function script(w: World, clock: Clock): Script {
  const { db, office } = w;
  const agenda = new Map<string, Step[]>();
  const at = (date: string, step: Step): void => {
    agenda.set(date, [...(agenda.get(date) ?? []), step]);
  };
  const rounds = new Map<string, number>();
  const roundId = async (month: number): Promise<number> => {
    const known = rounds.get(label(month));
    if (known !== undefined) return known;
    const round = (await listPlanRounds(db, office, w.planId)).find((r) => r.label === label(month));
    if (!round) throw new Error(`round ${label(month)} is not open`);
    rounds.set(label(month), round.id);
    return round.id;
  };
  const reportId = async (part: Part, month: number): Promise<number> => {
    const { task, unitId } = w.story[part];
    const [report] = await listVisibleReports(db, office, { roundId: await roundId(month), taskId: task.id, unitId });
    if (!report) throw new Error(`no report of ${part} in ${label(month)}`);
    return report.id;
  };
  const head = (part: Part): Actor => w.head(w.story[part].unitId);
  const liaison = (part: Part): Actor => w.liaison(w.story[part].unitId);

  const valuesOf = (part: Part, month: number): { targetId: number; value: number }[] => {
    const targets = w.story[part].task.targets;
    const i = month - 1;
    const at = (k: number): number => {
      const t = targets[k];
      if (!t) throw new Error(`${part} has no target ${k}`);
      return t.id;
    };
    switch (part) {
      case 'finance':
        return targets.map((t) => ({ targetId: t.id, value: (t.value ?? 0) * (FINANCE_SHARE[i] ?? 0) }));
      case 'health':
        return [
          { targetId: at(0), value: HEALTH_VALUES.new[i] ?? 0 },
          { targetId: at(1), value: HEALTH_VALUES.refurbished[i] ?? 0 },
          { targetId: at(2), value: HEALTH_VALUES.herbal[i] ?? 0 },
        ];
      case 'commerce':
        return [
          { targetId: at(0), value: COMMERCE_VALUES.trade[i] ?? 0 },
          { targetId: at(1), value: COMMERCE_VALUES.growth[i] ?? 0 },
        ];
      case 'safety':
      case 'ecology':
        return [];
    }
  };

  /** The liaison writes (again, after a return), the head approves and submits. */
  const send = async (part: Part, month: number, progress: string): Promise<void> => {
    const id = await reportId(part, month);
    const current = await getReport(db, liaison(part), id);
    const r = RATINGS[part][month - 1] ?? ON;
    const written = await updateDraft(
      db,
      liaison(part),
      id,
      { version: current.version, progress, confidence: r.confidence, confidenceReason: r.reason ?? null, values: valuesOf(part, month) },
      clock,
    );
    await approveReport(db, head(part), written.id, {}, clock);
    await submitReport(db, head(part), written.id, {}, clock);
  };
  const accept = async (part: Part, month: number): Promise<void> => {
    await acceptReport(db, office, await reportId(part, month), {}, clock);
  };

  // 1 January: the office sets the plan's schedule.
  at('2026-01-01', () => setPlanSchedule(db, office, w.planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, clock));

  // January: the work plans. 金融办's carries a back-loaded schedule; 卫健局's is returned once by 徐晋.
  let financePlan = 0;
  let healthPlan = 0;
  at('2026-01-06', async () => {
    const f = w.story.finance;
    const created = await workPlanService.create(db, liaison('finance'), f.task.id, {}, clock);
    const values = f.task.targets.flatMap((t) => FINANCE_PLAN.map((p) => ({ targetId: t.id, periodEnd: p.periodEnd, value: (t.value ?? 0) * p.share })));
    const coParts = f.task.coUnits.filter((u) => !w.groups.has(u.id)).map((u) => ({ unitId: u.id, part: `${u.name}配合做好融资对接。` }));
    financePlan = (
      await workPlanService.update(
        db,
        liaison('finance'),
        created.id,
        { version: created.version, measures: '按季度分解贷款投放目标，下半年集中投放。', coParts, values },
        clock,
      )
    ).id;
    const h = await workPlanService.create(db, liaison('health'), w.story.health.task.id, {}, clock);
    healthPlan = (await workPlanService.update(db, liaison('health'), h.id, { version: h.version, measures: '逐村排查卫生室现状，分批实施改造。' }, clock)).id;
  });
  at('2026-01-07', async () => {
    await workPlanService.submit(db, head('finance'), financePlan, {}, clock);
    await workPlanService.submit(db, head('health'), healthPlan, {}, clock);
  });
  at('2026-01-09', async () => {
    await workPlanService.approve(db, w.leader('展召爽'), financePlan, { comment: '同意。' }, clock);
    await workPlanService.return(db, w.leader('徐晋'), healthPlan, { comment: '请明确每个月的改造村数和资金来源。' }, clock);
  });
  at('2026-01-12', async () => {
    const current = await workPlanService.get(db, liaison('health'), healthPlan);
    await workPlanService.update(
      db,
      liaison('health'),
      healthPlan,
      { version: current.version, measures: `${current.measures}每月改造不少于 12 个村，资金由区财政和上级补助统筹。` },
      clock,
    );
    await workPlanService.submit(db, head('health'), healthPlan, {}, clock);
  });
  at('2026-01-14', () => workPlanService.approve(db, w.leader('徐晋'), healthPlan, { comment: '同意。' }, clock));

  for (const month of MONTHS) {
    // The 15th: the round opened by the tick; everyone outside the story sends at once.
    at(day(month, 15), () => othersSend(w, month, clock, roundId));
    for (const part of ['finance', 'health', 'ecology', 'commerce', 'safety'] as const) {
      const sent = sendDay(part, month);
      at(sent, () => send(part, month, `${label(month)} 期工作按计划推进。`));
      const next = nextDay(sent);
      if (part === 'ecology' && month === 4) {
        // April: the office sends 生态环境分局's report back; the unit adds the detail and sends it again.
        at(next, async () => returnReport(db, office, await reportId('ecology', 4), { comment: '请说明燃煤锅炉淘汰的具体进度和存在的困难。' }, clock));
        at('2026-04-23', () => send('ecology', 4, '已淘汰燃煤锅炉 6 台，剩余 4 台因供暖季延长推迟至 5 月拆除。'));
        at('2026-04-24', () => accept('ecology', 4));
      } else {
        at(next, () => accept(part, month));
      }
    }
  }

  // Orders by rule, answered: by the unit's liaison signing, its head answering, the office closing them.
  const order = async (part: Part, grade: 'blue' | 'yellow' | 'red'): Promise<number> => {
    const found = (await orderService.list(db, office, { planId: w.planId, taskId: w.story[part].task.id })).filter((o) => o.grade === grade);
    if (found.length !== 1 || !found[0]) throw new Error(`expected one ${grade} order for ${part}, found ${found.length}`);
    return found[0].id;
  };
  const sign = (part: Part, grade: 'blue' | 'yellow' | 'red') => async () => orderService.sign(db, liaison(part), await order(part, grade), {}, clock);
  const respond = (part: Part, grade: 'blue' | 'yellow' | 'red') => async () =>
    orderService.respond(db, head(part), await order(part, grade), { response: '已制定整改措施，明确责任人和完成时限。' }, clock);
  const closeOrder = (part: Part, grade: 'blue' | 'yellow' | 'red') => async () =>
    orderService.close(db, office, await order(part, grade), { comment: '整改措施可行，予以办结。' }, clock);
  // 商务局: yellow (issued 3 May) answered in time; red (issued 2 June, due 9 June) answered three days late.
  at('2026-05-04', sign('commerce', 'yellow'));
  at('2026-05-06', respond('commerce', 'yellow'));
  at('2026-05-08', closeOrder('commerce', 'yellow'));
  at('2026-06-03', sign('commerce', 'red'));
  at('2026-06-12', respond('commerce', 'red'));
  at('2026-06-15', closeOrder('commerce', 'red'));
  // 应急管理局: blue (issued 1 September) signed, answered and closed in time.
  at('2026-09-02', sign('safety', 'blue'));
  at('2026-09-04', respond('safety', 'blue'));
  at('2026-09-07', closeOrder('safety', 'blue'));
  // 卫健局: yellow (2 November) and red (3 December) answered without signing first, in time.
  at('2026-11-05', respond('health', 'yellow'));
  at('2026-11-07', closeOrder('health', 'yellow'));
  at('2026-12-07', respond('health', 'red'));
  at('2026-12-09', closeOrder('health', 'red'));

  // The closes go last on their day: on 1 September 应急管理局's August report comes in before the round ends.
  for (const [month, date] of Object.entries(CLOSES)) at(date, async () => roundCloser.close(db, office, { id: await roundId(Number(month)) }, clock));

  return { stepsOn: (date) => agenda.get(date) ?? [], reportId };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every report of the round outside the story: written, approved, sent and accepted the day the round opens. */
async function othersSend(w: World, month: number, clock: Clock, roundId: (month: number) => Promise<number>): Promise<void> {
  const story = new Set(Object.values(w.story).map((s) => `${s.task.id}/${s.unitId}`));
  const reports: ReportView[] = await listVisibleReports(w.db, w.office, { roundId: await roundId(month) });
  for (const report of reports) {
    if (story.has(`${report.taskId}/${report.unitId}`)) continue;
    const written = await updateDraft(
      w.db,
      w.liaison(report.unitId),
      report.id,
      { version: report.version, progress: '各项工作按计划推进。', confidence: 'on_track' },
      clock,
    );
    await approveReport(w.db, w.head(report.unitId), written.id, {}, clock);
    if (report.role !== 'host') continue;
    await submitReport(w.db, w.head(report.unitId), written.id, {}, clock);
    await acceptReport(w.db, w.office, written.id, {}, clock);
  }
}
