/**
 * Governments in a tree (ADR 0031): the ones the caller may see (GET /api/governments: its own and those above it;
 * an office or leader also those below), the roll-up of the tasks handed down to each lower government
 * (GET /api/rollup) and the tasks handed to one of them (GET /api/governments/:id/assigned). All read only; the
 * assignment module's mutations mark them stale (assignments.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';
import type { Government } from './types.gen';

export const governmentTreeKeys = {
  all: ['governments'] as const,
  list: () => [...governmentTreeKeys.all, 'list'] as const,
  rollup: (asOf?: string) => [...governmentTreeKeys.all, 'rollup', asOf ?? 'today'] as const,
  assigned: (id: number, asOf?: string) => [...governmentTreeKeys.all, 'assigned', id, asOf ?? 'today'] as const,
};

export const governmentsQuery = () =>
  queryOptions({ queryKey: governmentTreeKeys.list(), queryFn: ({ signal }) => call('GET /api/governments', { signal }), staleTime: 60_000 });

export const governmentRollupQuery = (asOf?: string) =>
  queryOptions({ queryKey: governmentTreeKeys.rollup(asOf), queryFn: ({ signal }) => call('GET /api/rollup', { query: { asOf }, signal }) });

export const assignedTasksQuery = (id: number, asOf?: string) =>
  queryOptions({
    queryKey: governmentTreeKeys.assigned(id, asOf),
    queryFn: ({ signal }) => call('GET /api/governments/{id}/assigned', { params: { id }, query: { asOf }, signal }),
  });

/** Every government below `own` in `all` (children, their children…), nearest first. */
export function governmentsBelow(all: readonly Government[], own: number): Government[] {
  const below: Government[] = [];
  let level = [own];
  while (level.length > 0) {
    const next = all.filter((g) => g.parentId !== null && level.includes(g.parentId));
    below.push(...next);
    level = next.map((g) => g.id);
  }
  return below;
}
