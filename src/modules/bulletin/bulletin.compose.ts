/**
 * What a bulletin says, composed from the period's figures: the lights as the
 * status service computes them, counted overall and by section; the lagging
 * tasks (red, then yellow) and the good examples, each named with its units
 * and a reason in a clerk's words; the reports overdue and the orders still
 * open. A lagging task carries the reasons of its light (src/domain/reasons.ts).
 * Pure: everything it needs is passed in.
 */
import type { BulletinContent, BulletinSection, BulletinTask } from '../../documents/bulletin-content.js';
import { governmentDay } from '../../domain/calendar.js';
import type { BulletinHead } from '../../domain/settings.js';
import type { TargetStatus } from '../../domain/lights.js';
import type { Light } from '../../domain/status.js';
import { dayNumber } from '../../domain/time-progress.js';
import { lagging } from '../dashboard/dashboard-summary.js';
import { orderNumber, type Order } from '../order/order.model.js';
import type { StoredSection } from '../plan/plan.repository.js';
import type { PlanStatus, StatusInputs, TaskLight } from '../status/status.service.js';
import type { LedgerTask } from '../task/task.model.js';
import { bulletinTitle, draftNumber, printedBy, type BulletinPeriod } from './bulletin.model.js';

/** A report asked for in one of the period's rounds. */
export interface PeriodReport {
  role: 'host' | 'co';
  /** When it first left its unit (host: submitted; co: approved); null while not sent. */
  sentAt: string | null;
  dueOn: string;
}

/** A report owed and not sent by the as-of date, its due date passed. */
export interface OverdueReport {
  taskId: number;
  unitId: number;
  dueOn: string;
}

/** A supervision order open at the as-of date, in the state it had then. */
export type BulletinOrder = Pick<Order, 'planYear' | 'serial' | 'grade' | 'taskId' | 'unitName' | 'issuedAt' | 'respondBy' | 'status'>;

export interface BulletinFacts {
  header: BulletinHead;
  plan: { id: number; title: string; year: number };
  period: BulletinPeriod;
  asOf: string;
  /** The day the draft is made (printed at the foot). */
  today: string;
  status: PlanStatus;
  inputs: StatusInputs;
  sections: readonly StoredSection[];
  periodReports: readonly PeriodReport[];
  overdue: readonly OverdueReport[];
  openOrders: readonly BulletinOrder[];
  /** The tasks completed (销号) by the as-of date. */
  completed: ReadonlySet<number>;
  unitNames: ReadonlyMap<number, string>;
}

/** Good examples named at most. */
export const MAX_GOOD_EXAMPLES = 5;
/** A task's short form at most this many characters. */
const SHORT_TITLE = 40;

const noLights = (): Record<Light, number> => ({ green: 0, yellow: 0, red: 0, none: 0 });
const percent = (share: number): string => `${Math.round(share * 100)}%`;

export function composeBulletin(f: BulletinFacts): BulletinContent {
  const tasks = new Map(f.inputs.tasks.map((t) => [t.id, t]));
  const lights = noLights();
  for (const l of f.status.tasks) lights[l.light] += 1;
  const targets = f.status.tasks.flatMap((l) => l.status.targets);
  const reported = targets.filter((t) => t.completion.state === 'share' && t.behindPoints !== null);
  const sent = f.periodReports.filter((r) => r.sentAt !== null);
  const onTime = sent.filter((r) => r.sentAt !== null && governmentDay(r.sentAt) <= r.dueOn).length;

  return {
    issuer: f.header.organ,
    mark: f.header.mark,
    documentNumber: draftNumber(),
    title: bulletinTitle(f.period.label),
    recipients: f.header.recipients,
    period: f.period.key,
    periodLabel: f.period.label,
    asOf: f.asOf,
    date: f.today,
    plan: f.plan,
    timeProgress: f.status.timeProgress,
    summary: {
      tasks: f.status.tasks.length,
      lights,
      completed: f.inputs.tasks.filter((t) => f.completed.has(t.id)).length,
      targetsReported: reported.length,
      targetsOnPace: reported.filter((t) => (t.behindPoints ?? 0) <= 0).length,
      reportsOwed: f.periodReports.length,
      reportsOnTime: onTime,
      reportsLate: sent.length - onTime,
    },
    sections: bySection(f.status.tasks, f.sections),
    lagging: lagging(f.status.tasks).map((l) => laggingTask(l, tasks.get(l.taskId))),
    goodExamples: goodExamples(f.status.tasks, f.completed).map((light) => {
      const task = tasks.get(light.taskId);
      return bulletinTask(light, task, goodReason(light, f.completed.has(light.taskId)));
    }),
    overdueReports: f.overdue.map((o) => ({
      taskNumber: tasks.get(o.taskId)?.number ?? 0,
      taskTitle: shortTitle(tasks.get(o.taskId)?.text ?? ''),
      unit: f.unitNames.get(o.unitId) ?? '',
      dueDate: o.dueOn,
      daysLate: Math.max(0, dayNumber(f.asOf) - dayNumber(o.dueOn)),
    })),
    openOrders: f.openOrders.map((o) => ({
      number: orderNumber(o.planYear, o.serial),
      grade: o.grade,
      taskNumber: tasks.get(o.taskId)?.number ?? 0,
      unit: o.unitName,
      issuedAt: governmentDay(o.issuedAt),
      respondBy: o.respondBy,
      status: o.status,
    })),
    remarks: '',
    copyTo: f.header.copyTo,
    printedBy: printedBy(f.header.organ, f.today),
  };
}

/** Counts by section in the notice's order; tasks of no section last, under 其他. */
function bySection(lights: readonly TaskLight[], sections: readonly StoredSection[]): BulletinSection[] {
  const out = new Map<number | null, BulletinSection>(sections.map((s) => [s.id, { number: s.number, title: s.title, tasks: 0, lights: noLights() }]));
  for (const l of lights) {
    let section = out.get(l.sectionId);
    if (!section) {
      section = { number: '', title: '其他', tasks: 0, lights: noLights() };
      out.set(l.sectionId, section);
    }
    section.tasks += 1;
    section.lights[l.light] += 1;
  }
  return [...out.values()].filter((s) => s.tasks > 0);
}

/** Green tasks furthest ahead of time progress, then those the office had completed (销号) by the as-of date. */
function goodExamples(lights: readonly TaskLight[], completed: ReadonlySet<number>): TaskLight[] {
  const ahead = lights
    .filter((l) => l.light === 'green' && l.behindPoints !== null && l.behindPoints < 0)
    .sort((a, b) => (a.behindPoints ?? 0) - (b.behindPoints ?? 0));
  const done = lights.filter((l) => completed.has(l.taskId) && !ahead.includes(l));
  return [...ahead, ...done].slice(0, MAX_GOOD_EXAMPLES);
}

function bulletinTask(l: TaskLight, task: LedgerTask | undefined, reason: string): BulletinTask {
  return {
    number: task?.number ?? 0,
    title: shortTitle(task?.text ?? l.key),
    hostUnits: (task?.hostUnits ?? []).map((u) => u.name),
    leaders: (task?.leaders ?? []).map((x) => x.name),
    light: l.light,
    progress: progressPhrase(l),
    reason,
  };
}

/** A lagging task with the reasons that light it (not the notes that light nothing: open orders are listed apart). */
function laggingTask(l: TaskLight, task: LedgerTask | undefined): BulletinTask {
  const reasons = l.reasons.filter((r) => r.light === 'red' || r.light === 'yellow').map((r) => r.text);
  return { ...bulletinTask(l, task, reasons.length === 0 ? lagReason(l) : reasons.join('；')), reasons };
}

/** The target furthest behind, as "完成 35%，时间进度 50%" (or the unit's 计划进度, or 应达 100% for a rate); null when no target has a figure to compare. */
function progressPhrase(l: TaskLight): string | null {
  let worst: TargetStatus | null = null;
  for (const t of l.status.targets) {
    if (t.completion.state !== 'share' || t.expected === null || t.behindPoints === null) continue;
    if (worst === null || t.behindPoints > (worst.behindPoints ?? 0)) worst = t;
  }
  if (worst === null || worst.completion.state !== 'share' || worst.expected === null) return null;
  const expected = worst.expectedFrom === 'schedule' ? '计划进度' : worst.expectedFrom === 'full' ? '应达' : '时间进度';
  return `完成 ${percent(worst.completion.share)}，${expected} ${percent(worst.expected)}`;
}

function lagReason(l: TaskLight): string {
  const parts: string[] = [];
  if (l.reportOverdue) parts.push('进展情况逾期未报');
  if (l.behindPoints !== null && l.behindPoints > 0) parts.push(`指标落后时序进度 ${Math.round(l.behindPoints)} 个百分点`);
  const missed = l.status.milestones.filter((m) => m.state === 'missed').map((m) => `“${m.milestone.name}”`);
  if (missed.length > 0) parts.push(`节点${missed.join('、')}未按期完成`);
  if (parts.length === 0 && l.source === 'confidence') parts.push('责任单位自评推进滞后');
  return parts.length === 0 ? '推进滞后' : parts.join('；');
}

function goodReason(l: TaskLight, completed: boolean): string {
  if (l.behindPoints !== null && l.behindPoints < 0) return `指标超前时序进度 ${Math.round(-l.behindPoints)} 个百分点`;
  return completed ? '已完成并销号' : '推进有力';
}

/** The task's first clause, at most about 40 characters. */
export function shortTitle(text: string): string {
  const first = (text.split(/[，。；,;：:]/)[0] ?? '').trim() || text.trim();
  const chars = [...first];
  return chars.length <= SHORT_TITLE ? first : `${chars.slice(0, SHORT_TITLE).join('')}…`;
}
