/**
 * `luoshi simulate`: a plausible, deterministic year of supervision for the
 * current plan, up to a date, for demos and tests. It plays every part
 * through the same services the web app and the command line use (no SQL of
 * its own): the office sets the schedule, the scheduled tick opens rounds,
 * reminds and issues orders by rule, units file work plans and reports (on
 * time, late, or not at all), the office accepts and returns, leaders
 * decide plans and extensions, units answer orders.
 *
 * Day by day from the notice's date (the plan year's first day when the
 * notice has none), the tick runs first, then the day's agenda in the order
 * it was planned, each step with a clock set to that day's office hours
 * (Beijing time). Nothing happens before the notice: the office sets the
 * schedule on its day, so the first round is the first one due after it.
 *
 * The story comes from scenario.ts, the figures from figures.ts. Every
 * decision draws from a stream named by what it decides, and reads only
 * its own day and the days before: the same seed simulated to March and to
 * June gives the same history up to the end of March.
 */
import { systemActor } from '../domain/actor.js';
import { basisOf } from '../domain/completion.js';
import type { IsoDate } from '../domain/status.js';
import { dayNumber, isIsoDate, isoDate, timeProgress, yearPeriod } from '../domain/time-progress.js';
import { supervisionTick } from '../jobs/tick.js';
import type { Clock } from '../store/unit-of-work.js';
import { extensionService } from '../modules/extension/extension.service.js';
import { orderService } from '../modules/order/order.service.js';
import { listPlans, type StoredPlan } from '../modules/plan/plan.repository.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../modules/report/report-steps.js';
import { getReport, listVisibleReports } from '../modules/report/report.service.js';
import { listPlanRounds, roundCloser } from '../modules/round/round.service.js';
import type { Round } from '../modules/round/round.model.js';
import { setPlanSchedule } from '../modules/schedule/schedule.service.js';
import { completeTask } from '../modules/task/task.service.js';
import type { LedgerTask } from '../modules/task/task.model.js';
import { listTasks } from '../modules/task/task.repository.js';
import { listUnits } from '../modules/unit/unit.repository.js';
import { workPlanService } from '../modules/workplan/workplan.service.js';
import type { Tx } from '../store/tx.js';
import { castFor, type Cast } from './cast.js';
import { countsThings, isReported, seriesAt, seriesOf, targetFigure, unitFigure } from './figures.js';
import { between, chance, confidenceFor, draw, paceShare, progressText, scenario, sendOffset, type Pace } from './scenario.js';

export interface SimulateOptions {
  /** The last day simulated, included. */
  until: IsoDate;
  seed: number;
  /** The plan to fill; the newest by default. */
  planId?: number;
  /** The first day simulated, when later than the plan's own start (a plan whose tasks arrive after its notice). */
  from?: IsoDate;
  onProgress?(done: number, total: number): void;
  /** Called at the end of each simulated day, after its agenda, with that day's clock (the cascade's steps). */
  onDay?(date: IsoDate, clock: Clock): Promise<void>;
}

export interface SimulationSummary {
  planId: number;
  /** The first day simulated: the notice's date, or the plan year's first day. */
  from: IsoDate;
  until: IsoDate;
  days: number;
  rounds: number;
  closedRounds: number;
  reportsSent: number;
  reportsLate: number;
  returns: number;
  workPlans: number;
  orders: number;
  ordersAnswered: number;
  extensions: number;
  completed: number;
  accounts: number;
}

export class SimulationError extends Error {}

const DAY = 86_400_000;
/** 09:00 in Beijing is 01:00 UTC. */
const OFFICE_HOURS_UTC = 1;
/** Each thing done takes ten seconds of the day: thousands of them still end before midnight in Beijing. */
const STEP_MS = 10_000;

type Step = () => Promise<unknown>;

/**
 * The day a plan's simulated supervision begins: the notice's date within
 * its year, else the year's first day; `what` says which, for a message.
 */
export function simulationStart(plan: Pick<StoredPlan, 'year' | 'issuedOn'>): { from: IsoDate; what: string } {
  const { start, end } = yearPeriod(plan.year);
  const issued = plan.issuedOn;
  if (issued !== null && isIsoDate(issued) && issued > start && issued <= end) return { from: issued, what: '通知的发文日期' };
  return { from: start, what: '方案年度的第一天' };
}

export async function simulate(db: Tx, governmentId: number, options: SimulateOptions): Promise<SimulationSummary> {
  const plans = await listPlans(db, governmentId);
  const plan = options.planId === undefined ? [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0] : plans.find((p) => p.id === options.planId);
  if (!plan)
    throw new SimulationError(options.planId === undefined ? '还没有导入任务分解方案，请先用 luoshi import --commit 导入' : `方案 ${options.planId} 不存在`);
  const operator = systemActor(governmentId, 'simulate');
  if ((await listPlanRounds(db, operator, plan.id)).length > 0)
    throw new SimulationError('该方案已有调度记录；模拟只用于尚未开始督查的方案（演示或测试用的新数据库）');
  const { id: planId, year } = plan;
  const { seed } = options;
  const period = yearPeriod(year);
  const start0 = simulationStart(plan);
  const later = options.from !== undefined && dayNumber(options.from) > dayNumber(start0.from);
  const { from, what } = later ? { from: options.from as IsoDate, what: '指定的开始日期' } : start0;
  if (dayNumber(options.until) < dayNumber(from)) throw new SimulationError(`模拟截止日期不能早于 ${from}（${what}）`);
  const until = dayNumber(options.until) > dayNumber(period.end) ? period.end : options.until;

  const tasks = (await listTasks(db, governmentId, { planId: planId })).filter((t) => t.status === 'active');
  const groups = new Set((await listUnits(db, governmentId)).filter((u) => u.kind === 'group').map((u) => u.id));
  const unitIds = [...new Set(tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits].map((u) => u.id)))].filter((id) => !groups.has(id));
  const series = seriesOf(tasks);
  const story = scenario(
    seed,
    unitIds,
    tasks.map((t) => t.id),
    series.linked,
  );
  const taskById = new Map(tasks.map((t) => [t.id, t]));

  // The agenda: steps by day, run in the order they were planned.
  const agenda = new Map<number, Step[]>();
  const at = (day: number, step: Step): void => {
    const list = agenda.get(day) ?? [];
    list.push(step);
    agenda.set(day, list);
  };
  let today = dayNumber(from);
  let steps = 0;
  const clock: Clock = () => new Date(today * DAY + OFFICE_HOURS_UTC * 3_600_000 + steps++ * STEP_MS);
  const cast: Cast = await castFor(db, governmentId, clock);

  const summary: SimulationSummary = {
    planId,
    from,
    until,
    days: 0,
    rounds: 0,
    closedRounds: 0,
    reportsSent: 0,
    reportsLate: 0,
    returns: 0,
    workPlans: 0,
    orders: 0,
    ordersAnswered: 0,
    extensions: 0,
    completed: 0,
    accounts: 0,
  };

  const start = today;
  // The notice's day: the office sets the reporting schedule; hosts file work plans in the weeks after.
  at(start, () => setPlanSchedule(db, cast.office, planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, clock));
  for (const task of tasks) {
    if (!story.filesPlan(task.id)) continue;
    const host = task.hostUnits.find((u) => !groups.has(u.id));
    if (!host) continue;
    at(start + between(draw(seed, 'plan-filed', task.id), 8, 24), () => fileWorkPlan(task, host.id));
  }
  // Spring and summer: extensions asked for the tasks that fall behind; one granted, one refused.
  // A task handed down from above keeps the upper government's deadline: it is not extended below.
  const behind = tasks.filter((t) => story.paceOf(t.id) === 'behind' && !t.source && t.hostUnits.some((u) => !groups.has(u.id)));
  for (const [i, task] of behind.slice(0, 2).entries()) {
    const asked = Math.max(dayNumber(`${year}-05-${i === 0 ? '12' : '18'}`), start + 45 + i * 6);
    at(asked, () => askExtension(task, i === 0));
  }

  let closing = false;
  const seenRounds = new Set<number>();
  const seenOrders = new Set<number>();
  /** The host units reporting on each task in each round, by `round:task`: they share the figures that add up. */
  const hostsOf = new Map<string, number[]>();
  const total = dayNumber(until) - today + 1;

  /** A task's decider: its first lead leader, else the office. */
  const deciderOf = async (task: LedgerTask) => (task.leaders[0] ? cast.leader(task.leaders[0]) : cast.office);

  async function fileWorkPlan(task: LedgerTask, unitId: number): Promise<void> {
    const writer = await cast.liaison(unitId);
    const head = await cast.head(unitId);
    const created = await workPlanService.create(db, writer, task.id, { unitId }, clock);
    const deadline = task.deadline && dayNumber(task.deadline) <= dayNumber(period.end) ? task.deadline : period.end;
    const cap = (date: IsoDate): IsoDate => (dayNumber(date) > dayNumber(deadline) ? deadline : date);
    const milestones = [
      { dueOn: cap(`${year}-06-30`), title: '完成年度目标任务过半', unitId: null },
      { dueOn: cap(`${year}-11-30`), title: '全面完成年度目标任务', unitId: null },
    ].filter((m, i, all) => dayNumber(m.dueOn) > today && all.findIndex((x) => x.dueOn === m.dueOn) === i);
    const values = task.targets.flatMap((target) => {
      if (!isReported(target) || basisOf(target) !== 'cumulative' || target.kind === 'reduction' || target.value === null) return [];
      const value = target.value;
      const planned = (share: number): number => (countsThings(target) ? Math.round(value * share) : Math.round(value * share * 100) / 100);
      return [3, 6, 9, 12]
        .map((m) => monthEnd(year, m))
        .filter((end) => dayNumber(end) <= dayNumber(deadline))
        .map((end) => ({ targetId: target.id, periodEnd: end, value: planned(timeProgress(period, end)) }));
    });
    const coParts = task.coUnits.filter((u) => !groups.has(u.id)).map((u) => ({ unitId: u.id, part: `${u.name}负责做好配合保障工作。` }));
    const written = await workPlanService.update(
      db,
      writer,
      created.id,
      { version: created.version, measures: '细化工作措施，明确时间节点，压实工作责任，按月调度推进。', coParts, milestones, values },
      clock,
    );
    summary.workPlans += 1;
    const review = draw(seed, 'plan-review', task.id);
    at(today + 1, async () => {
      const sent = await workPlanService.submit(db, head, written.id, {}, clock);
      at(today + between(review, 1, 4), async () => {
        const decider = await deciderOf(task);
        if (chance(review, 0.12)) {
          await workPlanService.return(db, decider, sent.id, { comment: '请进一步细化月度目标和保障措施。' }, clock);
          at(today + 2, async () => {
            const current = await workPlanService.get(db, writer, sent.id);
            const fixed = await workPlanService.update(
              db,
              writer,
              sent.id,
              { version: current.version, measures: `${current.measures}\n补充：建立周调度机制，逐项明确责任人。` },
              clock,
            );
            await workPlanService.submit(db, head, fixed.id, {}, clock);
            at(today + 2, () => workPlanService.approve(db, decider, fixed.id, { comment: '同意。' }, clock));
          });
        } else {
          await workPlanService.approve(db, decider, sent.id, {}, clock);
        }
      });
    });
  }

  async function askExtension(task: LedgerTask, granted: boolean): Promise<void> {
    const host = task.hostUnits.find((u) => !groups.has(u.id));
    if (!host) return;
    const deadline = task.deadline ?? period.end;
    const wanted = isoDate(Math.min(dayNumber(deadline) + 60, dayNumber(`${year + 1}-03-31`)));
    const asked = await extensionService.request(
      db,
      await cast.head(host.id),
      task.id,
      { reason: '受项目前期手续影响，需顺延完成时限。', newDeadline: wanted },
      clock,
    );
    summary.extensions += 1;
    at(today + 3, async () => {
      const decider = await deciderOf(task);
      return granted
        ? extensionService.approve(db, decider, asked.id, { comment: '同意延期，请抓紧推进。' }, clock)
        : extensionService.reject(db, decider, asked.id, { comment: '时限不变，请加大推进力度。' }, clock);
    });
  }

  /**
   * The nodes of the task's approved work plan that the unit reports reached
   * by the end of the round's period: on time when the task keeps pace, three
   * weeks late when it slips, not at all when it is behind.
   */
  async function milestonesReached(taskId: number, pace: Pace, roundEnd: IsoDate): Promise<{ milestoneId: number; reachedOn: IsoDate }[]> {
    if (pace === 'behind') return [];
    const approved = (await workPlanService.list(db, cast.office, taskId)).find((p) => p.status === 'approved');
    if (!approved) return [];
    const end = Math.min(dayNumber(roundEnd), today);
    return approved.milestones.flatMap((m) => {
      const reached = dayNumber(m.dueOn) + (pace === 'slipping' ? 21 : -3);
      return reached <= end ? [{ milestoneId: m.id, reachedOn: isoDate(reached) }] : [];
    });
  }

  /**
   * A host's figures for a round: each reported target's figure read from
   * its series at the period's end, the host's part of it when the hosts'
   * values add up; and the share done that the unit's rating follows.
   */
  function figuresOf(
    task: LedgerTask,
    unitId: number,
    hosts: readonly number[],
    roundEnd: IsoDate,
  ): { values: { targetId: number; value: number }[]; done: number } {
    const pace = story.paceOf(task.id);
    const values: { targetId: number; value: number }[] = [];
    const done: number[] = [];
    for (const target of task.targets) {
      const name = series.seriesOf.get(target.id);
      if (name === undefined) continue;
      const point = seriesAt(seed, name, pace, year, roundEnd);
      const figure = targetFigure(target, point);
      if (figure === null) continue;
      values.push({ targetId: target.id, value: unitFigure(seed, target, name, figure, hosts, unitId) });
      if (basisOf(target) === 'cumulative') done.push(point.done);
    }
    const share = done.length > 0 ? done.reduce((a, b) => a + b, 0) / done.length : paceShare(pace, timeProgress(period, roundEnd));
    return { values, done: share };
  }

  /** A unit's report in a round: written by the liaison, approved by the head, sent by the host's head. */
  async function writeReport(reportId: number, round: Round, attempt: number): Promise<void> {
    const report = await getReport(db, cast.office, reportId);
    if (report.status !== 'draft' && report.status !== 'returned') return;
    const task = taskById.get(report.taskId);
    if (!task || task.status !== 'active') return;
    const { unitId } = report;
    const host = report.role === 'host';
    const pace = story.paceOf(task.id);
    const roundEnd = round.periodEnd;
    const timeShare = timeProgress(period, roundEnd);
    const figures = figuresOf(task, unitId, hostsOf.get(`${round.id}:${task.id}`) ?? [unitId], roundEnd);
    const text = progressText(pace, round.label, draw(seed, 'report-text', task.id, unitId, round.label, attempt));
    const { confidence, reason } = confidenceFor(pace, timeShare, draw(seed, 'confidence', task.id, unitId, round.label), figures.done);
    const values = host ? figures.values : [];
    const milestones = host ? await milestonesReached(task.id, pace, roundEnd) : [];
    const proposeComplete = host && pace === 'ahead' && !task.targets.some(isReported) && dayNumber(roundEnd) >= dayNumber(`${year}-06-01`);
    const liaison = await cast.liaison(unitId);
    const head = await cast.head(unitId);
    const draft = await updateDraft(
      db,
      liaison,
      reportId,
      {
        version: report.version,
        ...text,
        confidence,
        confidenceReason: reason,
        values,
        ...(milestones.length > 0 ? { milestones } : {}),
        ...(proposeComplete ? { proposeComplete: true } : {}),
        ...(attempt === 1 ? {} : { progress: `${text.progress}（已按审核意见补充统计口径）` }),
      },
      clock,
    );
    const approved = await approveReport(db, head, draft.id, {}, clock);
    if (!host) return;
    await submitReport(db, head, approved.id, {}, clock);
    if (attempt === 1) {
      summary.reportsSent += 1;
      if (today > dayNumber(round.dueOn)) summary.reportsLate += 1;
    }
    // The office reviews the next working day; some first versions go back once.
    at(today + 1, async () => {
      const current = await getReport(db, cast.office, reportId);
      if (current.status !== 'submitted') return;
      if (attempt === 1 && chance(draw(seed, 'review', task.id, unitId, round.label), 0.15)) {
        await returnReport(db, cast.office, reportId, { comment: '请补充指标完成情况的统计口径和佐证材料。' }, clock);
        summary.returns += 1;
        at(today + 2, () => writeReport(reportId, round, attempt + 1));
        return;
      }
      const accepted = await acceptReport(db, cast.office, reportId, {}, clock);
      if (proposeComplete && accepted.status === 'accepted' && !closing) {
        // The office closes one task a year in the story: the first proposal it accepts.
        closing = true;
        at(today + 2, async () => {
          await completeTask(db, cast.office, task.id, { comment: '经核实，年度任务已全面完成，予以销号。' }, clock);
          task.status = 'completed';
          summary.completed += 1;
        });
      }
    });
  }

  async function newRounds(): Promise<void> {
    for (const round of await listPlanRounds(db, cast.office, planId)) {
      if (seenRounds.has(round.id)) continue;
      seenRounds.add(round.id);
      summary.rounds += 1;
      const due = dayNumber(round.dueOn);
      const reports = await listVisibleReports(db, cast.office, { roundId: round.id });
      for (const report of reports) {
        // Whoever owes a report has the accounts to file it from the day it appears.
        await cast.liaison(report.unitId);
        await cast.head(report.unitId);
        if (report.role !== 'host') continue;
        const key = `${round.id}:${report.taskId}`;
        hostsOf.set(key, [...(hostsOf.get(key) ?? []), report.unitId]);
      }
      for (const report of reports) {
        const offset = sendOffset(story.habitOf(report.unitId), draw(seed, 'send', report.taskId, report.unitId, round.label));
        if (offset === null) continue;
        at(Math.max(today, due + offset), () => writeReport(report.id, round, 1));
      }
      // The office closes the round a week after it was due; the lights of its period go into the history.
      at(due + 7, async () => {
        const current = (await listPlanRounds(db, cast.office, planId)).find((r) => r.id === round.id);
        if (current?.status !== 'open') return;
        await roundCloser.close(db, cast.office, { id: round.id }, clock);
        summary.closedRounds += 1;
      });
    }
  }

  async function newOrders(): Promise<void> {
    for (const order of await orderService.list(db, cast.office, { planId: planId })) {
      if (seenOrders.has(order.id)) continue;
      seenOrders.add(order.id);
      summary.orders += 1;
      const unit = order.unitId;
      const tardy = story.habitOf(unit) === 'tardy';
      const handling = draw(seed, 'order', order.taskId, unit, order.grade, order.ruleKey ?? order.serial);
      at(today + between(handling, 0, 2), async () => orderService.sign(db, await cast.liaison(unit), order.id, {}, clock));
      if (tardy && chance(handling, 0.35)) continue;
      const answerOn = today + between(handling, 2, tardy ? 10 : 6);
      at(answerOn, async () => {
        await orderService.respond(db, await cast.head(unit), order.id, { response: '已制定整改措施，明确责任人和完成时限，正在加快推进。' }, clock);
        summary.ordersAnswered += 1;
        at(today + 2, () => orderService.close(db, cast.office, order.id, { comment: '整改措施可行，予以办结，请持续跟踪。' }, clock));
      });
    }
  }

  for (; today <= dayNumber(until); today++) {
    if (today > start) steps = 0;
    const date = isoDate(today);
    const tick = await supervisionTick(db, governmentId, date, { clock, keepDashboard: false });
    if (tick.errors.length > 0) throw new SimulationError(`${date} 的定时任务出错：${tick.errors.map((e) => e.message).join('；')}`);
    await newRounds();
    await newOrders();
    // Steps may plan more steps for the same day: run until the day's list is empty.
    for (let list = agenda.get(today); list && list.length > 0; list = agenda.get(today)) {
      agenda.set(today, []);
      for (const step of list) await step();
    }
    agenda.delete(today);
    await options.onDay?.(date, clock);
    summary.days += 1;
    options.onProgress?.(summary.days, total);
  }
  summary.accounts = cast.created;
  return summary;
}

const monthEnd = (year: number, month: number): IsoDate => isoDate(Date.UTC(year, month, 0) / DAY);
