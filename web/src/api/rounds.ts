/**
 * Reporting rounds (调度期次): the list (GET /api/rounds, each round with its
 * figure and the caller's own part), opening one (which drafts the units'
 * reports) and closing one with the version the user saw (which records each
 * task's light).
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from './call';
import { reportKeys } from './reports';
import { taskKeys } from './tasks';
import type { BodyOf, ClosedRound, Round } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const roundKeys = {
  all: ['rounds'] as const,
  list: (planId?: number) => [...roundKeys.all, 'list', planId ?? 'all'] as const,
};

/** The rounds of a plan (every plan's without `planId`). */
export const roundsQuery = (planId?: number) =>
  queryOptions({ queryKey: roundKeys.list(planId), queryFn: ({ signal }) => call('GET /api/rounds', { query: { planId }, signal }) });

/** The rounds, then the reports they count (a round opened or closed changes both). */
const refresh = (client: QueryClient): void =>
  void client.invalidateQueries({ queryKey: roundKeys.all }).then(() => client.invalidateQueries({ queryKey: reportKeys.all }));

export function useOpenRound({ onSuccess }: { onSuccess?: (round: Round) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST /api/rounds'>) => call('POST /api/rounds', { body }),
    onSuccess: (round) => {
      refresh(client);
      onSuccess?.(round);
    },
  });
}

/** POST /api/rounds/:id/close with the version the user saw. */
export function useCloseRound(callbacks: ScreenCallbacks<ClosedRound, Round> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: (round: Round) => call('POST /api/rounds/{id}/close', { params: { id: round.id }, body: { version: round.version } }),
    fresh: (c, current: Round | undefined) => {
      // The round as it now is, keeping the figures only the list carries until the list is fetched again.
      if (current)
        c.setQueriesData<{ items: Round[] }>({ queryKey: roundKeys.all }, (list) =>
          list ? { ...list, items: list.items.map((r) => (r.id === current.id ? { ...r, ...current } : r)) } : list,
        );
      void c.invalidateQueries({ queryKey: roundKeys.all });
    },
    ...callbacks,
    onSuccess: (closed, round) => {
      refresh(client);
      // The lights recorded at the close are the tasks' history now.
      void client.invalidateQueries({ queryKey: taskKeys.all });
      callbacks.onSuccess?.(closed, round);
    },
  });
}
