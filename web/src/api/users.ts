/**
 * Accounts (GET /api/users): created, disabled or enabled, unlocked, given
 * another role, the role granted; a password reset (its own mutation: its answer holds the temporary password). One mutation for them all, so a screen
 * shows one pending state per dialog.
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from './call';
import type { BodyOf, User } from './types.gen';

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const usersQuery = () => queryOptions({ queryKey: userKeys.list(), queryFn: ({ signal }) => call('GET /api/users', { signal }) });

export type UserChange =
  | { kind: 'create'; account: BodyOf<'POST /api/users'> }
  | { kind: 'disabled'; id: number; disabled: boolean }
  | { kind: 'unlock'; id: number }
  | { kind: 'role'; id: number; role: BodyOf<'PUT /api/users/{id}/role'> }
  | { kind: 'grant'; id: number; grant: BodyOf<'POST /api/users/{id}/grant'> };

function change(vars: UserChange): Promise<User> {
  switch (vars.kind) {
    case 'create':
      return call('POST /api/users', { body: vars.account });
    case 'disabled':
      return call('PUT /api/users/{id}/disabled', { params: { id: vars.id }, body: { disabled: vars.disabled } });
    case 'unlock':
      return call('POST /api/users/{id}/unlock', { params: { id: vars.id } });
    case 'role':
      return call('PUT /api/users/{id}/role', { params: { id: vars.id }, body: vars.role });
    case 'grant':
      return call('POST /api/users/{id}/grant', { params: { id: vars.id }, body: vars.grant });
  }
}

export function useUserChange({ onSuccess, onError }: { onSuccess?: () => void; onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: userKeys.all });
      onSuccess?.();
    },
    ...(onError ? { onError } : {}),
  });
}

/** POST /api/users/{id}/password-reset: the temporary password is in this one answer only, never in the cache. */
export function usePasswordReset({ onError }: { onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call('POST /api/users/{id}/password-reset', { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: userKeys.all }),
    ...(onError ? { onError } : {}),
  });
}
