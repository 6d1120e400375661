/**
 * Changes to versioned objects (reports, work plans, orders, extension
 * requests, bulletins, rounds, settings, units): every such change sends the
 * version the user saw, and the server answers 409 `version_conflict` with
 * the object as it now is (`error.details.current`) when someone changed it
 * in between. This is the one place that answer is handled: the resource
 * module says where the object lives in the cache (`fresh`), and the screen
 * renders `conflict` (components/ConflictNotice.tsx) to tell the user.
 *
 * Two ways to bring the fresh object in:
 * - 'now': it replaces what the screen shows at once. For a workflow step (a
 *   button, nothing typed to lose) and for the editors that reload after a
 *   conflict (the report form, the work plan editor, the bulletin).
 * - 'ask': the screen keeps what the user typed and offers to reload
 *   (`conflict.reload`), as the settings' cards do.
 */
import { useMutation, useQueryClient, type QueryClient, type UseMutationResult } from '@tanstack/react-query';
import { ApiError } from '../api';

export const isVersionConflict = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409 && error.code === 'version_conflict';

/** The object as it now is, as the server sent it with a version conflict (undefined if it sent none). */
export function conflictCurrent(error: ApiError): unknown {
  const details = error.details;
  return details !== null && typeof details === 'object' && 'current' in details ? details.current : undefined;
}

export interface Conflict {
  /** True when the fresh object is already on screen ('now'); false while it waits for `reload` ('ask'). */
  reloaded: boolean;
  /** Brings the fresh object in and forgets the conflict. */
  reload: () => void;
  /** Forgets the conflict (the notice closes). */
  dismiss: () => void;
}

export type VersionedMutation<TData, TVars> = UseMutationResult<TData, Error, TVars> & {
  /** Set after a version conflict, until the next attempt, `reload` or `dismiss`. */
  conflict: Conflict | null;
  /** The failure other than a conflict, for the screen to show as it shows errors. */
  problem: Error | null;
};

export interface VersionedOptions<TData, TVars, TCurrent> {
  mutationFn: (vars: TVars) => Promise<TData>;
  /**
   * Puts the object as it now is where the screens read it (`current`, from the conflict), or, when the
   * server sent none, refetches those queries; also marks the lists it appears in as stale.
   */
  fresh: (client: QueryClient, current: TCurrent | undefined, vars: TVars) => void;
  reload?: 'now' | 'ask';
  onSuccess?: (data: TData, vars: TVars) => void;
  /** Failures other than a conflict. */
  onError?: (error: Error, vars: TVars) => void;
  /** After a conflict (the fresh object is in with 'now'): e.g. close the dialog that was about to act on the old one. */
  onConflict?: (vars: TVars) => void;
}

/** What a screen adds to a resource module's versioned mutation: its own reactions (a message, closing a dialog). */
export type ScreenCallbacks<TData, TVars> = Pick<VersionedOptions<TData, TVars, unknown>, 'onSuccess' | 'onError' | 'onConflict'>;

export function useVersionedMutation<TData, TVars, TCurrent>({
  mutationFn,
  fresh,
  reload = 'now',
  onSuccess,
  onError,
  onConflict,
}: VersionedOptions<TData, TVars, TCurrent>): VersionedMutation<TData, TVars> {
  const client = useQueryClient();
  const bringIn = (error: ApiError, vars: TVars): void => fresh(client, conflictCurrent(error) as TCurrent | undefined, vars);
  const mutation = useMutation<TData, Error, TVars>({
    mutationFn,
    ...(onSuccess ? { onSuccess: (data: TData, vars: TVars) => onSuccess(data, vars) } : {}),
    onError: (error, vars) => {
      if (!isVersionConflict(error)) {
        onError?.(error, vars);
        return;
      }
      if (reload === 'now') bringIn(error, vars);
      onConflict?.(vars);
    },
  });
  const { error, variables } = mutation;
  const conflict: Conflict | null = isVersionConflict(error)
    ? {
        reloaded: reload === 'now',
        reload: () => {
          // The variables of the attempt that failed (undefined only for a mutation that takes none).
          if (reload === 'ask') bringIn(error, variables as TVars);
          mutation.reset();
        },
        dismiss: () => mutation.reset(),
      }
    : null;
  return { ...mutation, conflict, problem: error && !conflict ? error : null };
}
