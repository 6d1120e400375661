/**
 * `luoshi simulate`: a plausible, deterministic year of supervision for the
 * current plan, up to a date, for demos and tests. It plays every part
 * through the same services the web app and the command line use (no SQL of
 * its own): the office sets the schedule, the scheduled tick opens rounds,
 * reminds and issues orders by rule, units file work plans and reports (on
 * time, late, or not at all), the office accepts and returns, leaders
 * decide plans and extensions, units answer orders.
 *
 * Day by day from the plan year's first day, the tick runs first, then the
 * day's agenda in the order it was planned, each step with a clock set to
 * that day's office hours (Beijing time). The story comes from scenario.ts.
 */
import { systemActor, type Actor } from '../domain/actor.js';
import { basisOf } from '../domain/completion.js';
import type { Role } from '../domain/roles.js';
import type { IsoDate } from '../domain/status.js';
import { dayNumber, isoDate, timeProgress, yearPeriod } from '../domain/time-progress.js';
import { supervisionTick } from '../jobs/tick.js';
import type { Clock } from '../store/unit-of-work.js';
import { extensionService } from '../modules/extension/extension.service.js';
import { orderService } from '../modules/order/order.service.js';
import { listPlans } from '../modules/plan/plan.repository.js';
import { acceptReport, approveReport, returnReport, submitReport, updateDraft } from '../modules/report/report-steps.js';
import { getReport, listVisibleReports } from '../modules/report/report.service.js';
import { listPlanRounds, roundCloser } from '../modules/round/round.service.js';
import { setPlanSchedule } from '../modules/schedule/schedule.service.js';
import { completeTask } from '../modules/task/task.service.js';
import type { LedgerTask } from '../modules/task/task.model.js';
import { listTasks } from '../modules/task/task.repository.js';
import { listUnits } from '../modules/unit/unit.repository.js';
import { generatePassword } from '../modules/user/password.js';
import { listUsers, type User } from '../modules/user/user.repository.js';
import { createUser } from '../modules/user/user.service.js';
import { workPlanService } from '../modules/workplan/workplan.service.js';
import type { Tx } from '../store/tx.js';
import { between, chance, confidenceFor, progressText, random, reportedValue, scenario, sendOffset, type Pace } from './scenario.js';

export interface SimulateOptions {
  /** The last day simulated, included. */
  until: IsoDate;
  seed: number;
  /** The plan to fill; the newest by default. */
  planId?: number;
  onProgress?(done: number, total: number): void;
}

export interface SimulationSummary {
  planId: number;
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

type Step = () => Promise<unknown>;

/** Who plays which part: real accounts where the government has them, else simulated ones. */
interface Cast {
  office: Actor;
  head(unitId: number): Actor;
  liaison(unitId: number): Actor;
  leader(leaderId: number): Actor | undefined;
  created: number;
}

const actorOf = (u: User): Actor => ({
  governmentId: u.governmentId,
  userId: u.id,
  username: u.username,
  role: u.role,
  unitId: u.unitId,
  leaderId: u.leaderId,
  ip: null,
});

export async function simulate(db: Tx, governmentId: number, options: SimulateOptions): Promise<SimulationSummary> {
  const plans = await listPlans(db, governmentId);
  const plan = options.planId === undefined ? [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0] : plans.find((p) => p.id === options.planId);
  if (!plan)
    throw new SimulationError(options.planId === undefined ? '还没有导入任务分解方案，请先用 luoshi import --commit 导入' : `方案 ${options.planId} 不存在`);
  const operator = systemActor(governmentId, 'simulate');
  if ((await listPlanRounds(db, operator, plan.id)).length > 0)
    throw new SimulationError('该方案已有调度记录；模拟只用于尚未开始督查的方案（演示或测试用的新数据库）');
  const { id: planId, year } = plan;
  const period = yearPeriod(year);
  const from = period.start;
  if (dayNumber(options.until) < dayNumber(from)) throw new SimulationError(`模拟截止日期应在 ${from} 之后`);
  const until = dayNumber(options.until) > dayNumber(period.end) ? period.end : options.until;

  const tasks = (await listTasks(db, governmentId, { planId: planId })).filter((t) => t.status === 'active');
  const groups = new Set((await listUnits(db, governmentId)).filter((u) => u.kind === 'group').map((u) => u.id));
  const unitIds = [...new Set(tasks.flatMap((t) => [...t.hostUnits, ...t.coUnits].map((u) => u.id)))].filter((id) => !groups.has(id));
  const story = scenario(
    options.seed,
    unitIds,
    tasks.map((t) => t.id),
  );
  const next = random(options.seed ^ 0x5eed);
  const cast = await castFor(db, governmentId, tasks, unitIds);
  const taskById = new Map(tasks.map((t) => [t.id, t]));

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
    accounts: cast.created,
  };

  // The agenda: steps by day, run in the order they were planned.
  const agenda = new Map<number, Step[]>();
  const at = (day: number, step: Step): void => {
    const list = agenda.get(day) ?? [];
    list.push(step);
    agenda.set(day, list);
  };
  let today = dayNumber(from);
  let minute = 0;
  const clock: Clock = () => new Date(today * DAY + OFFICE_HOURS_UTC * 3_600_000 + minute++ * 60_000);

  // January: the office sets the reporting schedule; hosts file work plans.
  at(today, () => setPlanSchedule(db, cast.office, planId, { kind: 'monthly', dueDay: 25, dueOffset: 'same' }, clock));
  for (const task of tasks) {
    if (!story.filesPlan(task.id)) continue;
    const host = task.hostUnits.find((u) => !groups.has(u.id));
    if (!host) continue;
    at(today + between(next, 8, 24), () => fileWorkPlan(task, host.id));
  }
  // Spring and summer: extensions asked for the tasks that fall behind; one granted, one refused.
  const behind = tasks.filter((t) => story.paceOf(t.id) === 'behind' && t.hostUnits.some((u) => !groups.has(u.id)));
  for (const [i, task] of behind.slice(0, 2).entries()) {
    const asked = dayNumber(`${year}-05-${i === 0 ? '12' : '18'}`);
    at(asked, () => askExtension(task, i === 0));
  }

  let closing = false;
  const seenRounds = new Set<number>();
  const seenOrders = new Set<number>();
  const total = dayNumber(until) - today + 1;

  async function fileWorkPlan(task: LedgerTask, unitId: number): Promise<void> {
    const writer = cast.liaison(unitId);
    const created = await workPlanService.create(db, writer, task.id, { unitId }, clock);
    const deadline = task.deadline && dayNumber(task.deadline) <= dayNumber(period.end) ? task.deadline : period.end;
    const cap = (date: IsoDate): IsoDate => (dayNumber(date) > dayNumber(deadline) ? deadline : date);
    const milestones = [
      { dueOn: cap(`${year}-06-30`), title: '完成年度目标任务过半', unitId: null },
      { dueOn: cap(`${year}-11-30`), title: '全面完成年度目标任务', unitId: null },
    ].filter((m, i, all) => all.findIndex((x) => x.dueOn === m.dueOn) === i);
    const values = task.targets.flatMap((target) => {
      if (basisOf(target) !== 'cumulative' || target.kind === 'reduction' || target.value === null) return [];
      const value = target.value;
      return [3, 6, 9, 12]
        .map((m) => monthEnd(year, m))
        .filter((end) => dayNumber(end) <= dayNumber(deadline))
        .map((end) => ({ targetId: target.id, periodEnd: end, value: Math.round(value * timeProgress(period, end) * 100) / 100 }));
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
    const submitDay = today + 1;
    at(submitDay, async () => {
      const sent = await workPlanService.submit(db, cast.head(unitId), written.id, {}, clock);
      const decider = task.leaders.map((l) => cast.leader(l.id)).find((a) => a !== undefined) ?? cast.office;
      at(today + between(next, 1, 4), async () => {
        if (chance(next, 0.12)) {
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
            await workPlanService.submit(db, cast.head(unitId), fixed.id, {}, clock);
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
      cast.head(host.id),
      task.id,
      { reason: '受项目前期手续影响，需顺延完成时限。', newDeadline: wanted },
      clock,
    );
    summary.extensions += 1;
    const decider = task.leaders.map((l) => cast.leader(l.id)).find((a) => a !== undefined) ?? cast.office;
    at(today + 3, () =>
      granted
        ? extensionService.approve(db, decider, asked.id, { comment: '同意延期，请抓紧推进。' }, clock)
        : extensionService.reject(db, decider, asked.id, { comment: '时限不变，请加大推进力度。' }, clock),
    );
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

  /** A unit's report in a round: written by the liaison, approved by the head, sent by the host's head. */
  async function writeReport(reportId: number, roundEnd: IsoDate, label: string, dueDay: number, firstTime: boolean): Promise<void> {
    const report = await getReport(db, cast.office, reportId);
    if (report.status !== 'draft' && report.status !== 'returned') return;
    const task = taskById.get(report.taskId);
    if (!task || task.status !== 'active') return;
    const pace = story.paceOf(task.id);
    const share = timeProgress(period, roundEnd);
    const text = progressText(pace, label, next);
    const { confidence, reason } = confidenceFor(pace, share, next);
    const values =
      report.role === 'host'
        ? task.targets.flatMap((t) => {
            const value = reportedValue(t, pace, share, next);
            return value === null ? [] : [{ targetId: t.id, value }];
          })
        : [];
    const milestones = report.role === 'host' ? await milestonesReached(task.id, pace, roundEnd) : [];
    const proposeComplete = report.role === 'host' && pace === 'ahead' && task.targets.length === 0 && dayNumber(roundEnd) >= dayNumber(`${year}-06-01`);
    const draft = await updateDraft(
      db,
      cast.liaison(report.unitId),
      reportId,
      {
        version: report.version,
        ...text,
        confidence,
        confidenceReason: reason,
        values,
        ...(milestones.length > 0 ? { milestones } : {}),
        ...(proposeComplete ? { proposeComplete: true } : {}),
        ...(firstTime ? {} : { progress: `${text.progress}（已按审核意见补充统计口径）` }),
      },
      clock,
    );
    const approved = await approveReport(db, cast.head(report.unitId), draft.id, {}, clock);
    if (report.role !== 'host') return;
    await submitReport(db, cast.head(report.unitId), approved.id, {}, clock);
    if (firstTime) {
      summary.reportsSent += 1;
      if (today > dueDay) summary.reportsLate += 1;
    }
    // The office reviews the next working day; some first versions go back once.
    at(today + 1, async () => {
      const current = await getReport(db, cast.office, reportId);
      if (current.status !== 'submitted') return;
      if (firstTime && chance(next, 0.15)) {
        await returnReport(db, cast.office, reportId, { comment: '请补充指标完成情况的统计口径和佐证材料。' }, clock);
        summary.returns += 1;
        at(today + 2, () => writeReport(reportId, roundEnd, label, dueDay, false));
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
      for (const report of await listVisibleReports(db, cast.office, { roundId: round.id })) {
        const offset = sendOffset(story.habitOf(report.unitId), next);
        if (offset === null) continue;
        at(Math.max(today, due + offset), () => writeReport(report.id, round.periodEnd, round.label, due, true));
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
      at(today + between(next, 0, 2), () => orderService.sign(db, cast.liaison(unit), order.id, {}, clock));
      if (tardy && chance(next, 0.35)) continue;
      const answerOn = today + between(next, 2, tardy ? 10 : 6);
      at(answerOn, async () => {
        await orderService.respond(db, cast.head(unit), order.id, { response: '已制定整改措施，明确责任人和完成时限，正在加快推进。' }, clock);
        summary.ordersAnswered += 1;
        at(today + 2, () => orderService.close(db, cast.office, order.id, { comment: '整改措施可行，予以办结，请持续跟踪。' }, clock));
      });
    }
  }

  for (; today <= dayNumber(until); today++) {
    minute = 0;
    const date = isoDate(today);
    const tick = await supervisionTick(db, governmentId, date, { clock });
    if (tick.errors.length > 0) throw new SimulationError(`${date} 的定时任务出错：${tick.errors.map((e) => e.message).join('；')}`);
    await newRounds();
    await newOrders();
    // Steps may plan more steps for the same day: run until the day's list is empty.
    for (let steps = agenda.get(today); steps && steps.length > 0; steps = agenda.get(today)) {
      agenda.set(today, []);
      for (const step of steps) await step();
    }
    agenda.delete(today);
    summary.days += 1;
    options.onProgress?.(summary.days, total);
  }
  return summary;
}

const monthEnd = (year: number, month: number): IsoDate => isoDate(Date.UTC(year, month, 0) / DAY);

/**
 * The office, each unit's head and liaison and each lead leader. Existing
 * accounts play their own part; the missing ones are created with random
 * passwords that nobody is told (an administrator can reset them).
 */
async function castFor(db: Tx, governmentId: number, tasks: readonly LedgerTask[], unitIds: readonly number[]): Promise<Cast> {
  const operator = systemActor(governmentId, 'simulate');
  const users = (await listUsers(db, governmentId)).filter((u) => !u.disabled);
  const units = new Map((await listUnits(db, governmentId)).map((u) => [u.id, u.name]));
  const leaders = new Map(tasks.flatMap((t) => t.leaders).map((l) => [l.id, l.name]));
  let created = 0;
  const make = async (username: string, role: Role, extra: { unitName?: string; leaderName?: string; displayName: string }): Promise<Actor> => {
    const user = await createUser(db, operator, { username, role, password: generatePassword(username), ...extra });
    created += 1;
    return actorOf(user);
  };
  const existing = (role: Role, match: (u: User) => boolean): Actor | undefined => {
    const u = users.find((x) => x.role === role && match(x));
    return u && actorOf(u);
  };
  const office = existing('office', () => true) ?? (await make('sim_office', 'office', { displayName: '督查室（模拟）' }));
  const heads = new Map<number, Actor>();
  const liaisons = new Map<number, Actor>();
  for (const unitId of unitIds) {
    const name = units.get(unitId) ?? `单位${unitId}`;
    heads.set(
      unitId,
      existing('head', (u) => u.unitId === unitId) ?? (await make(`sim_u${unitId}_head`, 'head', { unitName: name, displayName: `${name}负责人（模拟）` })),
    );
    liaisons.set(
      unitId,
      existing('liaison', (u) => u.unitId === unitId) ??
        (await make(`sim_u${unitId}_lly`, 'liaison', { unitName: name, displayName: `${name}联络员（模拟）` })),
    );
  }
  const leaderActors = new Map<number, Actor>();
  for (const [leaderId, name] of leaders) {
    leaderActors.set(
      leaderId,
      existing('leader', (u) => u.leaderId === leaderId) ?? (await make(`sim_ld${leaderId}`, 'leader', { leaderName: name, displayName: name })),
    );
  }
  const need = (map: Map<number, Actor>, unitId: number): Actor => {
    const actor = map.get(unitId);
    if (!actor) throw new SimulationError(`单位 ${unitId} 没有模拟账号`);
    return actor;
  };
  return { office, head: (id) => need(heads, id), liaison: (id) => need(liaisons, id), leader: (id) => leaderActors.get(id), created };
}
