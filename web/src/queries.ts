/**
 * Queries that the router starts before a screen's code has loaded (routes.tsx
 * `prefetch`), so they live outside the screens' chunks. A screen's other
 * queries stay in its own file.
 */
import { api } from './api';
import type { Dashboard } from './api-types';

export const dashboardQuery = (planId?: number) => ({
  queryKey: ['dashboard', planId ?? 'latest'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Dashboard>('/api/dashboard', { planId }, signal),
});
