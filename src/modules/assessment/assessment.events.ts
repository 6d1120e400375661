/**
 * From what the ledger records to what the assessment scores (pure): for each
 * unit, the events that count (reports sent on time or late, returns, red
 * task-months, targets met or unmet, orders not answered in time) and what
 * it owed of each kind, the denominators of its rates (domain/scoring.ts).
 *
 * Only what was known at the end of `asOf` (Beijing time) counts: a report
 * first sent after it is unsent, a round opened after it asked nothing yet,
 * a return, a round close or an order after it has not happened. The same
 * date gives the same answer whenever it is asked.
 */
import { governmentDay } from '../../domain/calendar.js';
import { completionOf } from '../../domain/completion.js';
import { isMeasured, type Target } from '../../domain/plan.js';
import { nextDay, nothingOwed, type Owed, type ScoringBasis, type ScoringEvent } from '../../domain/scoring.js';
import type { IsoDate } from '../../domain/status.js';

/** A report a unit owed in a round of the plan. */
export interface ReportFact {
  reportId: number;
  unitId: number;
  taskId: number;
  taskNumber: number;
  roundLabel: string;
  dueOn: IsoDate;
  /** When its round was opened: before that nothing was asked. */
  roundOpenedAt: string;
  /** When it first left its unit (host: first submitted; co-unit: first approved); null while never sent. */
  firstSentAt: string | null;
  /**
   * Whether the task still asks for it: a task the office completed (销号) by
   * its due day, or removed from the plan, owes nothing unsent.
   */
  taskRemoved: boolean;
  taskCompletedAt: string | null;
}

/** The office sent a report back. */
export interface ReturnFact {
  reportId: number;
  unitId: number;
  taskId: number;
  taskNumber: number;
  roundLabel: string;
  at: string;
}

/** A task's light recorded at a round's close (task_lights): one task-month of each of its host units. */
export interface LightFact {
  taskId: number;
  taskNumber: number;
  /** The end of the period the light is for. */
  asOf: IsoDate;
  red: boolean;
  roundLabel: string | null;
  /** When the round was closed (the snapshot taken); null when unknown. */
  closedAt: string | null;
  hostUnitIds: readonly number[];
}

/** A target's figure as known on the date (the status module's), with the day it became known. */
export interface KnownValue {
  /** null: the stored figure is broken (a data error): judged as if nothing were reported. */
  value: number | null;
  /** The day the figure was accepted (or its period's end when that is unknown). */
  day: IsoDate;
}

/** A target of a task of the plan as it stood on the date. */
export interface TargetFact {
  targetId: number;
  taskId: number;
  taskNumber: number;
  target: Target;
  /** The units it is scored to: its owners, or its task's host units (unit groups left out). */
  ownerUnitIds: readonly number[];
  latest: KnownValue | null;
}

export interface OrderFact {
  orderId: number;
  unitId: number;
  taskId: number;
  taskNumber: number;
  serial: number;
  issuedAt: string;
  /** A date, or a timestamp whose calendar day is the date. */
  respondBy: string;
  respondedAt: string | null;
}

export interface Facts {
  /** The plan's year: its targets are settled on 31 December. */
  year: number;
  reports: readonly ReportFact[];
  returns: readonly ReturnFact[];
  lights: readonly LightFact[];
  targets: readonly TargetFact[];
  orders: readonly OrderFact[];
}

export interface Scoring {
  events: ScoringEvent[];
  /** What each unit owed, for the units that owed anything. */
  owed: Map<number, Owed>;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (value: string): IsoDate => (DATE_RE.test(value) ? value : governmentDay(value));
const task = (n: number): string => `第 ${n} 项任务`;
/** Whether a moment was known at the end of `asOf` in Beijing. */
const knownBy = (at: string | null, asOf: IsoDate): at is string => at !== null && governmentDay(at) <= asOf;

/** Every scoring event of the plan up to and including `asOf`, and what each unit owed by then. */
export function scoringOf(facts: Facts, asOf: IsoDate): Scoring {
  const owed = new Map<number, Owed>();
  const owe = (unitId: number, basis: ScoringBasis): void => {
    let o = owed.get(unitId);
    if (!o) owed.set(unitId, (o = nothingOwed()));
    o[basis] += 1;
  };
  const events = [
    ...facts.reports.flatMap((r) => reportEvents(r, asOf, owe)),
    ...returnEvents(facts.returns, asOf),
    ...facts.lights.flatMap((l) => lightEvents(l, asOf, owe)),
    ...facts.targets.flatMap((t) => targetEvents(t, facts.year, asOf, owe)),
    ...facts.orders.flatMap((o) => orderEvents(o, facts.year, asOf, owe)),
  ];
  return { events: events.filter((e) => e.at <= asOf), owed };
}

type Owe = (unitId: number, basis: ScoringBasis) => void;

/**
 * Due once sent or once its due day has passed unsent: on time when first sent
 * on or before the due day, late when sent after it or still unsent after it.
 */
function reportEvents(r: ReportFact, asOf: IsoDate, owe: Owe): ScoringEvent[] {
  if (!knownBy(r.roundOpenedAt, asOf)) return [];
  const common = { unitId: r.unitId, objectType: 'report', objectId: r.reportId, taskId: r.taskId } as const;
  if (knownBy(r.firstSentAt, asOf)) {
    const sent = governmentDay(r.firstSentAt);
    owe(r.unitId, 'reportsDue');
    owe(r.unitId, 'reportsSent');
    return sent <= r.dueOn
      ? [{ ...common, rule: 'reportOnTime', label: `${r.roundLabel} 期报告按时报送（${task(r.taskNumber)}）`, at: sent }]
      : [{ ...common, rule: 'lateReport', label: `${r.roundLabel} 期报告逾期报送（${task(r.taskNumber)}，应于 ${r.dueOn} 前报送）`, at: sent }];
  }
  const overdue = nextDay(r.dueOn);
  if (overdue > asOf || r.taskRemoved) return [];
  // A task completed by the due day asked nothing more of its units.
  if (r.taskCompletedAt !== null && governmentDay(r.taskCompletedAt) <= r.dueOn) return [];
  owe(r.unitId, 'reportsDue');
  return [{ ...common, rule: 'lateReport', label: `${r.roundLabel} 期报告逾期未报送（${task(r.taskNumber)}，应于 ${r.dueOn} 前报送）`, at: overdue }];
}

/** Each return counts; a report returned twice is numbered so the two items can be told apart. */
function returnEvents(returns: readonly ReturnFact[], asOf: IsoDate): ScoringEvent[] {
  const seen = new Map<number, number>();
  const ordered = [...returns].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const events: ScoringEvent[] = [];
  for (const r of ordered) {
    const at = governmentDay(r.at);
    if (at > asOf) continue;
    const n = (seen.get(r.reportId) ?? 0) + 1;
    seen.set(r.reportId, n);
    events.push({
      unitId: r.unitId,
      rule: 'returned',
      label: `${r.roundLabel} 期报告${n > 1 ? `第 ${n} 次` : ''}被退回（${task(r.taskNumber)}）`,
      at,
      objectType: 'report',
      objectId: r.reportId,
      taskId: r.taskId,
    });
  }
  return events;
}

/**
 * A light counts from the day its round was closed, when that is known, else
 * from its period's end: a task-month of each host unit, red or not.
 */
function lightEvents(l: LightFact, asOf: IsoDate, owe: Owe): ScoringEvent[] {
  const closed = l.closedAt === null ? l.asOf : governmentDay(l.closedAt);
  const at = closed > l.asOf ? closed : l.asOf;
  if (at > asOf) return [];
  for (const unitId of l.hostUnitIds) owe(unitId, 'taskMonths');
  if (!l.red) return [];
  const period = l.roundLabel ?? l.asOf.slice(0, 7);
  return l.hostUnitIds.map((unitId) => ({
    unitId,
    rule: 'redMonth',
    label: `${period} 期${task(l.taskNumber)}亮红灯`,
    at,
    objectType: 'task',
    objectId: l.taskId,
    taskId: l.taskId,
  }));
}

/**
 * Only measured targets with a comparable number count (a long-term aim, a
 * capacity or 营商环境持续优化 is shown, never scored), once for each unit
 * that owns it. Met when the figure known reaches the target (completion
 * share 1 or more); a "no increase" target (只减不增) is met only when it held
 * at year end. At year end a target not met is unmet, also when no figure was
 * ever accepted.
 */
function targetEvents(t: TargetFact, year: number, asOf: IsoDate, owe: Owe): ScoringEvent[] {
  if (!isMeasured(t.target)) return [];
  const latest = t.latest?.value === null ? null : t.latest;
  const completion = completionOf(t.target, latest?.value ?? null);
  if (completion.state === 'none' && completion.reason === 'not_comparable') return [];
  for (const unitId of t.ownerUnitIds) owe(unitId, 'targets');
  const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
  const settled = asOf >= yearEnd;
  const name = `${task(t.taskNumber)}指标“${t.target.text}”`;
  let event: { rule: 'targetMet' | 'unmetTarget'; label: string; at: IsoDate } | null = null;
  if (completion.state === 'share' && completion.share >= 1 && latest !== null) {
    event = { rule: 'targetMet', label: `${name}已完成`, at: latest.day };
  } else if (settled) {
    if (completion.state === 'hold' && completion.held) event = { rule: 'targetMet', label: `${name}年底已完成`, at: yearEnd };
    else event = { rule: 'unmetTarget', label: latest === null ? `${name}年底无完成数据，按未完成计` : `${name}年底未完成`, at: yearEnd };
  }
  if (event === null) return [];
  const found = event;
  return t.ownerUnitIds.map((unitId) => ({ unitId, ...found, objectType: 'target', objectId: t.targetId, taskId: t.taskId }));
}

/**
 * Due once answered or once its response date has passed: not answered by
 * its response date (an answer after it is late) counts the day after.
 */
function orderEvents(o: OrderFact, year: number, asOf: IsoDate, owe: Owe): ScoringEvent[] {
  if (!knownBy(o.issuedAt, asOf)) return [];
  const due = dayOf(o.respondBy);
  const answered = knownBy(o.respondedAt, asOf) ? governmentDay(o.respondedAt) : null;
  if (answered === null && due >= asOf) return [];
  owe(o.unitId, 'ordersDue');
  // Answered in time; otherwise answered late, or not answered with the response date passed.
  if (answered !== null && answered <= due) return [];
  return [
    {
      unitId: o.unitId,
      rule: 'unansweredOrder',
      label: `督办〔${year}〕第 ${o.serial} 号未按期办理（应于 ${due} 前答复，${task(o.taskNumber)}）`,
      at: nextDay(due),
      objectType: 'order',
      objectId: o.orderId,
      taskId: o.taskId,
    },
  ];
}
