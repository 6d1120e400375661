/**
 * The government's profile (GET /api/government, ADR 0023): the names the
 * documents print, read from the newest notice until the office confirms or
 * edits it (PUT with the version seen). On a conflict the card keeps what the
 * user typed and offers to reload ('ask').
 */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { bulletinKeys } from './bulletins';
import { call } from './call';
import type { GovernmentProfile, GovernmentView } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const governmentKeys = { all: ['government'] as const };

export const governmentQuery = () => queryOptions({ queryKey: governmentKeys.all, queryFn: ({ signal }) => call('GET /api/government', { signal }) });

/** PUT /api/government with `view`'s version: saving is confirming. */
export function useSaveGovernment(view: GovernmentView, callbacks: ScreenCallbacks<GovernmentView, GovernmentProfile> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: (profile: GovernmentProfile) => call('PUT /api/government', { body: { version: view.version, ...profile } }),
    fresh: (c, current: GovernmentView | undefined) =>
      current ? c.setQueryData(governmentKeys.all, current) : void c.invalidateQueries({ queryKey: governmentKeys.all }),
    reload: 'ask',
    ...callbacks,
    onSuccess: (next, profile) => {
      client.setQueryData(governmentKeys.all, next);
      // Bulletins made from now on carry the new head.
      void client.invalidateQueries({ queryKey: bulletinKeys.all });
      callbacks.onSuccess?.(next, profile);
    },
  });
}
