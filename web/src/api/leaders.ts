/** The government's leaders (GET /api/leaders), for the selects that name a task's lead leaders. */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';

export const leaderKeys = { all: ['leaders'] as const };

export const leadersQuery = () => queryOptions({ queryKey: leaderKeys.all, queryFn: ({ signal }) => call('GET /api/leaders', { signal }) });
