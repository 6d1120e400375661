/**
 * The desk's events (GET /api/events): what happened lately that the user may
 * see (the dashboard's 最新动态), or one task's timeline. Every workflow step
 * adds one, so the step mutations mark these queries stale.
 */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';

export interface EventFilter {
  planId?: number;
  taskId?: number;
  limit: number;
}

export const eventKeys = {
  all: ['events'] as const,
  list: (filter: EventFilter) => [...eventKeys.all, filter] as const,
};

export const eventsQuery = (filter: EventFilter) =>
  queryOptions({ queryKey: eventKeys.list(filter), queryFn: ({ signal }) => call('GET /api/events', { query: { ...filter }, signal }) });
