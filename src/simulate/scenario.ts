/**
 * The story a simulated year tells, decided up front from a seed: how each
 * unit keeps its deadlines and how each task moves. Pure and deterministic:
 * the same seed and the same plan give the same story on every machine.
 *
 * Each kind is dealt round-robin after a seeded shuffle, not drawn
 * independently, so that every story has its prompt and its tardy units and
 * its tasks ahead, behind and recovering, whatever the seed.
 *
 * Every later decision (when a unit sends a report, whether the office
 * returns it, what it says) draws from a stream of its own, named by what it
 * decides (`draw`): no decision depends on how many others were taken before
 * it, so a story told to June is the story told to March, and then more.
 */
import type { Confidence } from '../domain/status.js';

/** A small, fast, well-mixed generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the text's UTF-16 units: a well-spread 32-bit name for a stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The stream of one decision of a story: the same seed and the same name
 * always give the same numbers, whatever was drawn before.
 */
export function draw(seed: number, ...name: readonly (string | number)[]): () => number {
  return random(hash(`${seed >>> 0}|${name.join('|')}`) ^ Math.imul(seed >>> 0, 0x9e3779b1));
}

/** A whole number in [min, max]. */
export const between = (next: () => number, min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

export const chance = (next: () => number, p: number): boolean => next() < p;

export function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** How a unit keeps its reporting deadlines. */
export type Habit = 'prompt' | 'usual' | 'tardy';
/** How a task moves against the calendar. */
export type Pace = 'ahead' | 'steady' | 'slipping' | 'behind' | 'recovering';

const HABITS: readonly Habit[] = ['usual', 'prompt', 'usual', 'tardy', 'prompt', 'usual'];
const PACES: readonly Pace[] = ['steady', 'ahead', 'behind', 'steady', 'recovering', 'slipping', 'steady', 'ahead'];

export interface Scenario {
  habitOf(unitId: number): Habit;
  paceOf(taskId: number): Pace;
  /** Tasks whose host unit files a work plan in January. */
  filesPlan(taskId: number): boolean;
}

/**
 * `linked`: tasks that report on the same things (targets of one series,
 * figures.ts) move at one pace, so that their figures agree; the paces are
 * dealt to these groups (a task alone is a group of one).
 */
export function scenario(seed: number, unitIds: readonly number[], taskIds: readonly number[], linked: readonly (readonly number[])[] = []): Scenario {
  const next = random(seed);
  const habits = new Map(
    shuffle(
      [...unitIds].sort((a, b) => a - b),
      next,
    ).map((id, i) => [id, HABITS[i % HABITS.length] as Habit]),
  );
  const groupOf = new Map<number, number[]>();
  for (const group of linked) {
    const ids = [...new Set(group)].filter((id) => taskIds.includes(id)).sort((a, b) => a - b);
    for (const id of ids) if (!groupOf.has(id)) groupOf.set(id, ids);
  }
  const groups = [...new Set([...taskIds].sort((a, b) => a - b).map((id) => groupOf.get(id) ?? [id]))];
  const paces = new Map(shuffle(groups, next).flatMap((group, i) => group.map((id) => [id, PACES[i % PACES.length] as Pace] as const)));
  const planned = new Set(
    shuffle(
      [...taskIds].sort((a, b) => a - b),
      next,
    ).slice(0, Math.ceil(taskIds.length * 0.6)),
  );
  return {
    // A unit met later (a member of a unit group given its own report) keeps a habit of its own.
    habitOf: (id) => habits.get(id) ?? (HABITS[Math.floor(draw(seed, 'habit', id)() * HABITS.length)] as Habit),
    paceOf: (id) => paces.get(id) ?? 'steady',
    filesPlan: (id) => planned.has(id),
  };
}

/**
 * The share of a cumulative target done at a point of the year (timeShare
 * 0..1): ahead of the calendar, on it, falling back, well behind, or behind
 * until spring and then catching up by summer.
 */
export function paceShare(pace: Pace, timeShare: number): number {
  const t = Math.min(1, Math.max(0, timeShare));
  switch (pace) {
    case 'ahead':
      return Math.min(1.15, t * 1.15);
    case 'steady':
      return t * 0.97;
    case 'slipping':
      return t * (1 - 0.45 * t);
    case 'behind':
      return t * 0.5;
    case 'recovering':
      return t < 0.3 ? t * 0.4 : Math.min(t * 1.02, 0.12 + (t - 0.3) * 1.6);
  }
}

/** A growth rate so far, as a share of the rate promised. */
export function rateShare(pace: Pace, timeShare: number): number {
  switch (pace) {
    case 'ahead':
      return 1.06;
    case 'steady':
      return 0.97;
    case 'slipping':
      return 1 - 0.3 * timeShare;
    case 'behind':
      return 0.55;
    case 'recovering':
      return timeShare < 0.3 ? 0.5 : Math.min(1, 0.5 + (timeShare - 0.3) * 2);
  }
}

/**
 * The unit's own rating: mostly what its figures say (`share`, the share
 * done; by default what its pace makes of the time), now and then more
 * hopeful than they are.
 */
export function confidenceFor(
  pace: Pace,
  timeShare: number,
  next: () => number,
  share = paceShare(pace, timeShare),
): { confidence: Confidence; reason: string | null } {
  const gap = (timeShare - share) * 100;
  if (gap > 30 && !chance(next, 0.15)) return { confidence: 'off_track', reason: '项目前期手续办理滞后，资金尚未全部到位' };
  if (gap > 10) return chance(next, 0.3) ? { confidence: 'on_track', reason: null } : { confidence: 'at_risk', reason: '受市场需求波动影响，进度略低于预期' };
  return { confidence: 'on_track', reason: null };
}

/**
 * When a unit sends its report, in days relative to the due date (negative:
 * early); null: not at all.
 */
export function sendOffset(habit: Habit, next: () => number): number | null {
  switch (habit) {
    case 'prompt':
      return between(next, -5, -1);
    case 'usual':
      return chance(next, 0.85) ? between(next, -3, 0) : between(next, 1, 3);
    case 'tardy':
      if (chance(next, 0.12)) return null;
      return chance(next, 0.5) ? between(next, 1, 8) : between(next, -1, 0);
  }
}

/** The progress narrative of a report, in the words units use. */
export function progressText(pace: Pace, period: string, next: () => number): { progress: string; problems: string; nextSteps: string } {
  const lines: Record<Pace, string[]> = {
    ahead: ['各项工作进展顺利，主要指标快于时序进度。', '重点项目提前完成阶段目标，成效明显。'],
    steady: ['按计划有序推进，主要指标与时序进度基本同步。', '各项措施落实到位，工作稳步推进。'],
    slipping: ['前期进展正常，近期受外部因素影响有所放缓。', '部分环节推进不及预期，正在协调解决。'],
    behind: ['受前期手续和资金影响，进度滞后于时序进度。', '项目推进较慢，已列入重点督办。'],
    recovering: ['针对前期滞后问题加大推进力度，进度明显加快。', '通过专班推进，滞后局面逐步扭转。'],
  };
  const pick = (xs: string[]): string => xs[Math.floor(next() * xs.length)] ?? xs[0] ?? '';
  return {
    progress: `${period}期：${pick(lines[pace])}`,
    problems: pace === 'behind' || pace === 'slipping' ? '要素保障不足，部分审批事项尚在办理。' : '暂无突出问题。',
    nextSteps: '下一步将对照目标任务，倒排工期、挂图作战，确保按期完成。',
  };
}
