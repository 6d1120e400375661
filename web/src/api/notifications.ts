/** The user's notifications (GET /api/notifications): the unread ones for the header's bell, all of them, marking them read. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from './call';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
  list: () => [...notificationKeys.all, 'all'] as const,
};

/** The unread ones, asked again every minute (the header's bell). */
export const unreadNotificationsQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: ({ signal }) => call('GET /api/notifications', { query: { unread: true }, signal }),
    refetchInterval: 60_000,
  });

export const notificationsQuery = () =>
  queryOptions({ queryKey: notificationKeys.list(), queryFn: ({ signal }) => call('GET /api/notifications', { signal }) });

/** Marks one notification read. */
export function useMarkRead({ onError }: { onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call('POST /api/notifications/{id}/read', { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
    ...(onError ? { onError } : {}),
  });
}

/** Marks every notification read. */
export function useMarkAllRead({ onError }: { onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('POST /api/notifications/read-all', {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
    ...(onError ? { onError } : {}),
  });
}
