/**
 * Bulletins (通报): the list (GET /api/bulletins), one bulletin with its
 * content, a new draft for a period (POST), and a draft's changes, each with
 * the version the user saw: its figures taken again from the live ledger, the
 * office's requirements, 签发 (POST …/issue).
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from './call';
import type { Bulletin } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const bulletinKeys = {
  all: ['bulletins'] as const,
  lists: () => [...bulletinKeys.all, 'list'] as const,
  list: (planId: number | undefined) => [...bulletinKeys.lists(), planId ?? 'all'] as const,
  detail: (id: number) => [...bulletinKeys.all, 'detail', id] as const,
};

export const bulletinsQuery = (planId: number | undefined) =>
  queryOptions({ queryKey: bulletinKeys.list(planId), queryFn: ({ signal }) => call('GET /api/bulletins', { query: { planId }, signal }) });

export const bulletinQuery = (id: number) =>
  queryOptions({ queryKey: bulletinKeys.detail(id), queryFn: ({ signal }) => call('GET /api/bulletins/{id}', { params: { id }, signal }) });

function changed(client: QueryClient, bulletin: Bulletin): void {
  client.setQueryData(bulletinKeys.detail(bulletin.id), bulletin);
  void client.invalidateQueries({ queryKey: bulletinKeys.lists() });
}

/** POST /api/bulletins: a draft for a month (2026-03) or a quarter (2026-Q1) from the live data. */
export function useCreateBulletin({ onSuccess }: { onSuccess?: (bulletin: Bulletin) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, period }: { planId: number; period: string }) => call('POST /api/bulletins', { body: { planId, period } }),
    onSuccess: (bulletin) => {
      changed(client, bulletin);
      onSuccess?.(bulletin);
    },
  });
}

export type BulletinChange =
  { kind: 'refresh'; bulletin: Bulletin } | { kind: 'remarks'; bulletin: Bulletin; remarks: string } | { kind: 'issue'; bulletin: Bulletin };

function change(vars: BulletinChange): Promise<Bulletin> {
  const params = { id: vars.bulletin.id };
  const version = vars.bulletin.version;
  switch (vars.kind) {
    case 'refresh':
      return call('PATCH /api/bulletins/{id}', { params, body: { version, refresh: true } });
    case 'remarks':
      return call('PATCH /api/bulletins/{id}', { params, body: { version, remarks: vars.remarks } });
    case 'issue':
      return call('POST /api/bulletins/{id}/issue', { params, body: { version } });
  }
}

/** A draft's change with the version the user saw; a conflict reloads the bulletin ('now'). */
export function useBulletinChange(callbacks: ScreenCallbacks<Bulletin, BulletinChange> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: change,
    fresh: (c, current: Bulletin | undefined, { bulletin }: BulletinChange) => {
      if (current) c.setQueryData(bulletinKeys.detail(current.id), current);
      else void c.invalidateQueries({ queryKey: bulletinKeys.detail(bulletin.id) });
    },
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      callbacks.onSuccess?.(next, vars);
    },
  });
}
