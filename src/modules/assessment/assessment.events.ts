/**
 * From what the ledger records to the events the assessment scores (pure):
 * which reports were sent on time, which were returned, which tasks were red
 * at a round's close, which targets are met or unmet, which orders went
 * unanswered. Only what had happened by `asOf` counts.
 */
import { governmentDay } from '../../domain/calendar.js';
import { completionOf } from '../../domain/completion.js';
import type { Target } from '../../domain/plan.js';
import { nextDay, type ScoringEvent } from '../../domain/scoring.js';
import type { IsoDate } from '../../domain/status.js';

/** A report a unit owed in a round of the plan. */
export interface ReportFact {
  reportId: number;
  unitId: number;
  taskId: number;
  taskNumber: number;
  role: 'host' | 'co';
  roundLabel: string;
  dueOn: IsoDate;
  /**
   * Every known time the report left its unit (host: submitted; co-unit:
   * approved for the host), from its timeline and its row: the first counts.
   */
  sentTimes: readonly string[];
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

/** A task's light snapshot at a round's close, red. */
export interface RedLightFact {
  taskId: number;
  taskNumber: number;
  /** The end of the period the light is for. */
  asOf: IsoDate;
  roundLabel: string | null;
  /** When the round was closed (the snapshot taken); null when unknown. */
  closedAt: string | null;
  hostUnitIds: readonly number[];
}

/** An accepted figure of a target, with the time it was accepted. */
export interface AcceptedValue {
  value: number;
  periodEnd: IsoDate;
  at: string;
}

export interface TargetFact {
  targetId: number;
  taskId: number;
  taskNumber: number;
  target: Target;
  hostUnitIds: readonly number[];
  /** The accepted figures known (the latest of them, as of a date, is the one judged). */
  values: readonly AcceptedValue[];
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
  redLights: readonly RedLightFact[];
  targets: readonly TargetFact[];
  orders: readonly OrderFact[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (value: string): IsoDate => (DATE_RE.test(value) ? value : governmentDay(value));
const task = (n: number): string => `第 ${n} 项任务`;

/** Every scoring event of the plan up to and including `asOf`. */
export function scoringEvents(facts: Facts, asOf: IsoDate): ScoringEvent[] {
  const events = [
    ...facts.reports.flatMap((r) => reportEvents(r, asOf)),
    ...returnEvents(facts.returns, asOf),
    ...facts.redLights.flatMap((l) => redMonthEvents(l, asOf)),
    ...facts.targets.flatMap((t) => targetEvents(t, facts.year, asOf)),
    ...facts.orders.flatMap((o) => orderEvents(o, facts.year, asOf)),
  ];
  return events.filter((e) => e.at <= asOf);
}

/** On time when first sent on or before the due day; late when sent after it, or still unsent after it. */
function reportEvents(r: ReportFact, asOf: IsoDate): ScoringEvent[] {
  const sent = firstDay(r.sentTimes, asOf);
  const common = { unitId: r.unitId, objectType: 'report', objectId: r.reportId, taskId: r.taskId } as const;
  if (sent !== null) {
    return sent <= r.dueOn
      ? [{ ...common, rule: 'reportOnTime', label: `${r.roundLabel} 期报告按时报送（${task(r.taskNumber)}）`, at: sent }]
      : [{ ...common, rule: 'lateReport', label: `${r.roundLabel} 期报告逾期报送（${task(r.taskNumber)}，应于 ${r.dueOn} 前报送）`, at: sent }];
  }
  const overdue = nextDay(r.dueOn);
  if (overdue > asOf) return [];
  return [{ ...common, rule: 'lateReport', label: `${r.roundLabel} 期报告逾期未报送（${task(r.taskNumber)}，应于 ${r.dueOn} 前报送）`, at: overdue }];
}

/** The first day among the times that is not after asOf. */
function firstDay(times: readonly string[], asOf: IsoDate): IsoDate | null {
  let first: IsoDate | null = null;
  for (const t of times) {
    const day = governmentDay(t);
    if (day <= asOf && (first === null || day < first)) first = day;
  }
  return first;
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

/** A red light counts from the day its round was closed, when that is known, else from its period's end. */
function redMonthEvents(l: RedLightFact, asOf: IsoDate): ScoringEvent[] {
  const closed = l.closedAt === null ? l.asOf : governmentDay(l.closedAt);
  const at = closed > l.asOf ? closed : l.asOf;
  if (at > asOf) return [];
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

/** The latest accepted figure known on asOf: the latest period, then the latest acceptance. */
export function latestValue(values: readonly AcceptedValue[], asOf: IsoDate): (AcceptedValue & { day: IsoDate }) | null {
  let latest: (AcceptedValue & { day: IsoDate }) | null = null;
  for (const v of values) {
    const day = governmentDay(v.at);
    if (day > asOf) continue;
    if (latest === null || v.periodEnd > latest.periodEnd || (v.periodEnd === latest.periodEnd && Date.parse(v.at) > Date.parse(latest.at)))
      latest = { ...v, day };
  }
  return latest;
}

/**
 * Met when the latest accepted figure reaches the target (completion share
 * 1 or more); a "no increase" target (只减不增) is met only when it held at
 * year end. At year end a comparable target not met is unmet, also when no
 * figure was ever accepted. Each target counts once, for each host unit.
 */
function targetEvents(t: TargetFact, year: number, asOf: IsoDate): ScoringEvent[] {
  const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
  const settled = asOf >= yearEnd;
  const latest = latestValue(t.values, asOf);
  const completion = completionOf(t.target, latest?.value ?? null);
  if (completion.state === 'none' && completion.reason === 'not_comparable') return [];
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
  return t.hostUnitIds.map((unitId) => ({ unitId, ...found, objectType: 'target', objectId: t.targetId, taskId: t.taskId }));
}

/** Not answered by its response date (an answer after it is late): counted the day after. */
function orderEvents(o: OrderFact, year: number, asOf: IsoDate): ScoringEvent[] {
  const due = dayOf(o.respondBy);
  if (governmentDay(o.issuedAt) > asOf || due >= asOf) return [];
  if (o.respondedAt !== null && governmentDay(o.respondedAt) <= due) return [];
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
