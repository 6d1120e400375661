/**
 * The session: the signed-in user as the server describes it (GET /api/me),
 * signing in and out, and the user's own password and e-mail. What the user
 * may do is the server's `actions` list: menus and buttons ask `can()`, and
 * never look at the role themselves.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiError, messageOf, setCsrfToken } from '../api';
import { call } from './call';
import type { ActionName, BodyOf, Me } from '../api-types';

export const sessionKeys = {
  me: ['me'] as const,
};

async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await call('GET /api/me', signal ? { signal } : {});
  setCsrfToken(me.csrfToken);
  return me;
}

/** The query of GET /api/me, shared by every screen that asks who is signed in (and by the router). */
export const meQuery = queryOptions({ queryKey: sessionKeys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000, retry: false });

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
      client.setQueryData(sessionKeys.me, me);
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

/** POST /api/session; a refusal stays with the form (no redirect), always as an ApiError (its status tells a lockout). */
export function useSignIn() {
  return useMutation<Me, ApiError, BodyOf<'POST /api/session'>>({
    mutationFn: async (body) => {
      try {
        return await call('POST /api/session', { body, noRedirect: true });
      } catch (err) {
        throw err instanceof ApiError ? err : new ApiError(0, 'network', messageOf(err));
      }
    },
  });
}

/** POST /api/me/password, then the session as it now is (its `mustChangePassword` cleared). */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: BodyOf<'POST /api/me/password'>): Promise<Me> => {
      await call('POST /api/me/password', { body });
      return fetchMe();
    },
    onSuccess: (me) => client.setQueryData(sessionKeys.me, me),
  });
}

/** PUT /api/me/email: the address for reminders ('' removes it). */
export function useSaveEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => call('PUT /api/me/email', { body: { email } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: sessionKeys.me }),
  });
}
