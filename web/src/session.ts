/**
 * The signed-in user as the server describes it (GET /api/me). What the user
 * may do is the server's `actions` list: menus and buttons ask `can()`, and
 * never look at the role themselves.
 */
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, setCsrfToken } from './api';
import type { ActionName, Me } from './api-types';

export const ME_KEY = ['me'] as const;

async function fetchMe(signal: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/api/me', undefined, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

/** The query of GET /api/me, shared by every screen that asks who is signed in. */
export const meQuery = { queryKey: ME_KEY, queryFn: ({ signal }: { signal: AbortSignal }) => fetchMe(signal), staleTime: 60_000, retry: false } as const;

export function useMe(): UseQueryResult<Me> {
  return useQuery(meQuery);
}

/** Whether the server allows the user this action (in general; a given object may still be refused). */
export const can = (me: Pick<Me, 'actions'> | undefined, action: ActionName): boolean => me?.actions.includes(action) ?? false;

/** Stores a fresh session answer (after sign-in or a password change) so screens need not ask again. */
export function useRememberSession(): (me: Me) => void {
  const client = useQueryClient();
  return useCallback(
    (me: Me) => {
      setCsrfToken(me.csrfToken);
      client.setQueryData(ME_KEY, me);
    },
    [client],
  );
}

/** Ends the session on the server and forgets everything cached for this user. */
export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(async () => {
    try {
      await api.delete('/api/session');
    } finally {
      setCsrfToken(null);
      client.clear();
    }
  }, [client]);
}
