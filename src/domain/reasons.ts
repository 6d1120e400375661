/**
 * Why a task has its light (亮灯原因): the targets behind, the milestones
 * missed, the reports overdue, the unit's own rating, the orders still open,
 * each as one Chinese sentence with its figures and as structured fields.
 *
 * Pure: from the task's TaskStatus (lights.ts) and what the sentences name
 * (its targets' names and latest figures, the host reports overdue on the
 * date, the supervision orders open on the date, whether the office has
 * completed it). docs/status-rules.md, section "Why a light".
 *
 * Each reason carries the light it stands for: the light it alone would give
 * the task (a target's or a milestone's light, red for an overdue report, the
 * rating's light for a qualitative task, green for 销号). Notes that light
 * nothing (an open order, a broken figure, a rating that contradicts the
 * figures) carry `none`. The reasons of the task's own light come first;
 * among them, when no target has the task's light, the one that made the
 * difference (the overdue report, the missed milestone) leads.
 */
import { basisOf } from './completion.js';
import { confidenceLight, type TaskStatus, type TargetStatus } from './lights.js';
import { isMeasured, type Target } from './plan.js';
import { lightRank, type Confidence, type IsoDate, type Light } from './status.js';

export const REASON_KINDS = ['target', 'milestone', 'report_overdue', 'order', 'confidence', 'data_error', 'completed'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

export interface Reason {
  kind: ReasonKind;
  /** The light this reason stands for; `none` for a note that lights nothing (an open order, a broken figure). */
  light: Light;
  /** One sentence in Chinese, with its figures. */
  text: string;
  /** target, data_error: the target. */
  targetId: number | null;
  /** target: percentage points behind its expected share (positive: behind); null for 只减不增. */
  behindPoints: number | null;
  /** milestone: its name. */
  milestone: string | null;
  /** milestone: when it was due; report_overdue: the report's due date; order: the answer's due date. */
  dueOn: IsoDate | null;
  /** report_overdue: the round's label ('2026-03', '2026-Q1' or the office's words). */
  round: string | null;
  /** order: its number (督办〔2026〕第3号). */
  order: string | null;
}

/** A target as the sentences name it, in the order of TaskStatus.targets. */
export interface ReasonTarget extends Pick<Target, 'metric' | 'text' | 'kind' | 'value' | 'unit' | 'scope' | 'measured'> {
  id: number;
  /** The latest figure the light was computed from; null without one. */
  actual: number | null;
}

export interface ReasonInput {
  status: TaskStatus;
  targets: readonly ReasonTarget[];
  /** The host reports due before the date and not sent, with their unit's name when known. */
  overdueReports: readonly { round: string; dueOn: IsoDate; unit: string | null }[];
  /** The supervision orders on the task open on the date. */
  openOrders: readonly { number: string; grade: 'blue' | 'yellow' | 'red'; respondBy: IsoDate }[];
  /** 销号: the office judged the task done, and it is green whatever its figures. */
  completed: boolean;
}

const CONFIDENCE_LABELS: Readonly<Record<Confidence, string>> = { on_track: '正常推进', at_risk: '存在风险', off_track: '严重滞后' };
const GRADE_LABELS: Readonly<Record<'blue' | 'yellow' | 'red', string>> = { blue: '蓝色', yellow: '黄色', red: '红色' };
const QUARTERS = ['一', '二', '三', '四'];
const KIND_ORDER: readonly ReasonKind[] = ['completed', 'report_overdue', 'milestone', 'target', 'confidence', 'data_error', 'order'];

const blank = { targetId: null, behindPoints: null, milestone: null, dueOn: null, round: null, order: null } as const;

/** The light a task shows: its status's, except that a completed task (销号) is green. */
export const shownLight = (status: TaskStatus, completed: boolean): Light => (completed ? 'green' : status.light);

/** A task's reasons, those of its own light first. */
export function taskReasons(input: ReasonInput): Reason[] {
  const { status } = input;
  const light = shownLight(status, input.completed);
  const year = Number(status.period.start.slice(0, 4));
  const names = targetNames(input.targets);
  const reasons: Reason[] = [];

  if (input.completed) reasons.push({ ...blank, kind: 'completed', light: 'green', text: '任务已销号，按已完成计为绿灯' });

  if (status.reportOverdue) {
    if (input.overdueReports.length === 0) reasons.push({ ...blank, kind: 'report_overdue', light: 'red', text: '进展报告逾期未报' });
    for (const r of byRound(input.overdueReports)) {
      const units = r.units.length === 0 ? '' : `${r.units.join('、')}的`;
      reasons.push({
        ...blank,
        kind: 'report_overdue',
        light: 'red',
        text: `${units}${roundName(r.round)}进展报告应于 ${dayText(r.dueOn, year)}前报送，逾期未报`,
        dueOn: r.dueOn,
        round: r.round,
      });
    }
  }

  for (const m of status.milestones) {
    if (m.state !== 'missed') continue;
    reasons.push({
      ...blank,
      kind: 'milestone',
      light: m.light,
      text: `节点“${m.milestone.name}”应于 ${dayText(m.milestone.due, year)}前完成，尚未完成`,
      milestone: m.milestone.name,
      dueOn: m.milestone.due,
    });
  }

  status.targets.forEach((t, i) => {
    const target = input.targets[i];
    if (target === undefined) return;
    const name = names[i] ?? target.metric;
    if (t.reason === 'data_error') {
      reasons.push({ ...blank, kind: 'data_error', light: 'none', text: `指标“${name}”库中数值有误，暂不判断`, targetId: target.id });
      return;
    }
    if (t.light !== 'yellow' && t.light !== 'red') return;
    reasons.push({ ...blank, kind: 'target', light: t.light, text: targetText(name, target, t), targetId: target.id, behindPoints: t.behindPoints });
  });

  const measurable = input.targets.some((t) => isMeasured(t) && basisOf({ ...t, qualifiers: [] }) !== null) || status.milestones.length > 0;
  if (!measurable && status.confidence !== null) {
    reasons.push({
      ...blank,
      kind: 'confidence',
      light: confidenceLight(status.confidence),
      text: `无量化指标，按单位自评“${CONFIDENCE_LABELS[status.confidence]}”`,
    });
  } else if (status.confidenceConflict && status.confidence !== null && !input.completed) {
    reasons.push({
      ...blank,
      kind: 'confidence',
      light: 'none',
      text: `单位自评“${CONFIDENCE_LABELS[status.confidence]}”，与指标和节点的情况相反，请核实`,
    });
  }

  for (const o of input.openOrders)
    reasons.push({ ...blank, kind: 'order', light: 'none', text: `${o.number}（${GRADE_LABELS[o.grade]}）尚未办结`, dueOn: o.respondBy, order: o.number });

  return ordered(reasons, light);
}

/**
 * The reasons of the task's light first, then the worse before the milder.
 * Within the task's light, targets first when a target has that light (the
 * figures say it); otherwise what made the difference (an overdue report, a
 * missed milestone) leads.
 */
function ordered(reasons: Reason[], light: Light): Reason[] {
  const targetsCarry = reasons.some((r) => r.kind === 'target' && r.light === light);
  const kindKey = (r: Reason): number => (r.kind === 'target' && r.light === light && targetsCarry ? -1 : KIND_ORDER.indexOf(r.kind));
  return reasons
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        Number(a.r.light !== light) - Number(b.r.light !== light) ||
        lightRank(b.r.light) - lightRank(a.r.light) ||
        kindKey(a.r) - kindKey(b.r) ||
        (b.r.behindPoints ?? 0) - (a.r.behindPoints ?? 0) ||
        a.i - b.i,
    )
    .map(({ r }) => r);
}

/**
 * The most a target of the task's own light is behind, in percentage points:
 * what "落后 N 个百分点" may say of a yellow or red task. Null when its light
 * does not come from figures behind (an overdue report, a missed milestone,
 * 只减不增, the unit's rating).
 */
export function behindForLight(reasons: readonly Reason[], light: Light): number | null {
  const behind = reasons.flatMap((r) => (r.kind === 'target' && r.light === light && r.behindPoints !== null ? [r.behindPoints] : []));
  return behind.length === 0 ? null : Math.max(...behind);
}

/** One entry per round, naming every host unit that owes its report (a task may have several). */
function byRound(reports: ReasonInput['overdueReports']): { round: string; dueOn: IsoDate; units: string[] }[] {
  const rounds = new Map<string, { round: string; dueOn: IsoDate; units: string[] }>();
  for (const r of reports) {
    const key = `${r.round}\u0000${r.dueOn}`;
    const entry = rounds.get(key) ?? { round: r.round, dueOn: r.dueOn, units: [] };
    if (r.unit !== null && !entry.units.includes(r.unit)) entry.units.push(r.unit);
    rounds.set(key, entry);
  }
  return [...rounds.values()];
}

/** A target's name: its metric, or its words in quotes when another target of the task has the same metric. */
function targetNames(targets: readonly ReasonTarget[]): string[] {
  const count = new Map<string, number>();
  for (const t of targets) count.set(t.metric, (count.get(t.metric) ?? 0) + 1);
  return targets.map((t) => (t.metric.trim() !== '' && count.get(t.metric) === 1 ? t.metric : `“${t.text.trim() || t.metric}”`));
}

function targetText(name: string, target: ReasonTarget, t: TargetStatus): string {
  if (t.completion.state === 'hold') {
    const figure = target.actual === null ? '' : `，最新填报 ${quantity(target.actual, target.unit)}`;
    return `${name}要求只减不增${figure}，不减反增`;
  }
  if (t.completion.state !== 'share') return `${name}${lightWord(t.light)}`;
  const share = percent(t.completion.share);
  const reached =
    target.actual === null || target.kind === 'reduction'
      ? `完成度 ${share}`
      : `${t.completion.basis === 'cumulative' ? '完成' : target.kind === 'growth_rate' ? '增长' : '达到'} ${quantity(target.actual, target.unit)}，为目标的 ${share}`;
  const gap = t.behindPoints === null ? '' : `，${behindWord(t)} ${t.behindPoints.toFixed(1)} 个百分点`;
  return `${name}${reached}${gap}`;
}

function behindWord(t: TargetStatus): string {
  switch (t.expectedFrom) {
    case 'schedule':
      return '落后计划进度';
    case 'full':
      return '距全年目标差';
    case 'time':
    case null:
      return '落后时序进度';
  }
}

const lightWord = (light: Light): string => (light === 'red' ? '严重滞后' : '进度滞后');

/** 42 亿元, 7.5%: a space before a word unit, none before a sign. */
function quantity(value: number, unit: string | null): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (unit === null || unit === '') return n;
  return /^[%％‰]/.test(unit) ? `${n}${unit}` : `${n} ${unit}`;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** '2026-06-30' as 6月30日 (with its year when it is not the plan's). */
function dayText(iso: IsoDate, year: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y === year ? '' : `${y}年`}${m}月${d}日`;
}

/** A round's label as a clerk says it: 2026-03 as 3月份, 2026-Q1 as 第一季度, the office's own words as they are. */
export function roundName(label: string): string {
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.exec(label);
  if (month?.[1] !== undefined) return `${Number(month[1])}月份`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(label);
  if (quarter?.[1] !== undefined) return `第${QUARTERS[Number(quarter[1]) - 1] ?? quarter[1]}季度`;
  return label;
}
