/**
 * GET /api/dashboard: a plan's lights, sections, lagging tasks and each
 * task's light (the newest plan's without `planId`). The router starts this
 * query before the dashboard's code has loaded (routes.tsx `prefetch`), so
 * this module imports no screen.
 */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  plan: (planId?: number) => [...dashboardKeys.all, planId ?? 'latest'] as const,
};

export const dashboardQuery = (planId?: number) =>
  queryOptions({ queryKey: dashboardKeys.plan(planId), queryFn: ({ signal }) => call('GET /api/dashboard', { query: { planId }, signal }) });

export const lightsKeys = {
  all: ['lights'] as const,
  plan: (planId?: number) => [...lightsKeys.all, planId ?? 'latest'] as const,
};

/** GET /api/lights: every task's light and its reasons (the ledger's lights column; the dashboard pages its lists). */
export const lightsQuery = (planId?: number) =>
  queryOptions({ queryKey: lightsKeys.plan(planId), queryFn: ({ signal }) => call('GET /api/lights', { query: { planId }, signal }) });
