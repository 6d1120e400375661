/**
 * The lagging tasks worst first, from a plan's lights (the bulletin names
 * them in this order; the dashboard keeps the same order in its index,
 * dashboard-aggregate.ts).
 */
import { behindForLight } from '../../domain/reasons.js';
import { lightRank } from '../../domain/status.js';
import type { TaskLight } from '../status/status.service.js';

/**
 * Yellow and red tasks, worst first: red before yellow, then the furthest behind among the targets of
 * their colour, then notice order.
 */
export function lagging(lights: readonly TaskLight[]): TaskLight[] {
  const order = new Map(lights.map((l, i) => [l.taskId, i]));
  return lights
    .filter((l) => l.light === 'yellow' || l.light === 'red')
    .sort((a, b) => lightRank(b.light) - lightRank(a.light) || behind(b) - behind(a) || (order.get(a.taskId) ?? 0) - (order.get(b.taskId) ?? 0));
}

/** Behind by points; a task whose light is not from figures behind (an overdue report, a missed milestone) sorts after those with. */
function behind(l: TaskLight): number {
  return behindForLight(l.reasons, l.light) ?? Number.MIN_SAFE_INTEGER;
}
