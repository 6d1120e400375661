/**
 * Plans (GET /api/plans) and a plan's sections (GET /api/sections), and the
 * plan a screen shows when none is chosen: the newest year's, the latest
 * imported among equals (as the ledger and GET /api/dashboard choose it).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from './call';
import type { Plan } from './types.gen';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  sections: (planId: number) => [...planKeys.all, 'sections', planId] as const,
};

export const plansQuery = () => queryOptions({ queryKey: planKeys.list(), queryFn: ({ signal }) => call('GET /api/plans', { signal }) });

export const sectionsQuery = (planId: number) =>
  queryOptions({ queryKey: planKeys.sections(planId), queryFn: ({ signal }) => call('GET /api/sections', { query: { planId }, signal }) });

export const newestPlan = (plans: Plan[]): Plan | undefined => [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0];

/** GET /api/plans (one cache entry for every screen) and the plan the screens show. */
export function useCurrentPlan() {
  const plans = useQuery(plansQuery());
  return { plans, plan: plans.data ? newestPlan(plans.data.items) : undefined };
}
