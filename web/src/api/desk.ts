/** The caller's desk (GET /api/desk): what awaits them, the unit's history, and the counts the menu shows. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DeskCounts } from '../api-types';
import { call } from './call';

export const deskKeys = {
  all: ['desk'] as const,
  desk: () => [...deskKeys.all, 'items'] as const,
  counts: () => [...deskKeys.all, 'counts'] as const,
};

export const deskQuery = () => queryOptions({ queryKey: deskKeys.desk(), queryFn: ({ signal }) => call('GET /api/desk', { signal }) });

/** The menu's counts, asked again every minute like the bell. */
export const deskCountsQuery = () =>
  queryOptions({ queryKey: deskKeys.counts(), queryFn: ({ signal }) => call('GET /api/desk/counts', { signal }), refetchInterval: 60_000 });

/** Which count a menu entry shows. */
export type DeskCount = keyof Pick<DeskCounts, 'my' | 'review' | 'decisions'>;

/** The menu's counts; none while they load or for a screen without one. */
export function useDeskCounts(enabled: boolean): Partial<DeskCounts> {
  return useQuery({ ...deskCountsQuery(), enabled }).data ?? {};
}
