/**
 * Plans (GET /api/plans) and a plan's sections (GET /api/sections); the plan
 * a screen shows: the one the user chose (the address's `?plan=ID`, else the
 * one this browser last chose, kept in localStorage), else the newest plan
 * not archived (as GET /api/dashboard chooses it when a request names none);
 * archiving and restoring a plan (POST /api/plans/:id/archive, …/restore).
 */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { call } from './call';
import type { Plan } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const planKeys = {
  all: ['plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  sections: (planId: number) => [...planKeys.all, 'sections', planId] as const,
};

export const plansQuery = () => queryOptions({ queryKey: planKeys.list(), queryFn: ({ signal }) => call('GET /api/plans', { signal }) });

export const sectionsQuery = (planId: number) =>
  queryOptions({ queryKey: planKeys.sections(planId), queryFn: ({ signal }) => call('GET /api/sections', { query: { planId }, signal }) });

const byNewest = (a: Plan, b: Plan): number => b.year - a.year || b.id - a.id;

/** The plan a screen shows when none is chosen: the newest plan not archived; the newest of all when every plan is archived. */
export const newestPlan = (plans: Plan[]): Plan | undefined => {
  const sorted = [...plans].sort(byNewest);
  return sorted.find((p) => p.archived === null) ?? sorted[0];
};

/** The address parameter and the browser's key that carry the chosen plan. */
export const PLAN_PARAM = 'plan';
const STORAGE_KEY = 'luoshi.plan';

function parseId(value: string | null): number | undefined {
  if (value === null || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  return Number(value);
}

function storedPlanId(): number | undefined {
  try {
    return parseId(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

/** Keeps the plan as this browser's choice (the next screen opened without `?plan` shows it). */
export function rememberPlan(id: number | undefined): void {
  try {
    if (id === undefined) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, String(id));
  } catch {
    // A browser that keeps nothing still has the address.
  }
}

/**
 * The plan the user chose, read before the plan list is known (the address,
 * then this browser's last choice); undefined for "the default plan". Used by
 * the router's prefetch as well as by the screens.
 */
export function chosenPlanIdNow(): number | undefined {
  return parseId(new URLSearchParams(window.location.search).get(PLAN_PARAM)) ?? storedPlanId();
}

/** The chosen plan's id (address first, then this browser's choice); undefined for the default plan. */
export function useChosenPlanId(): number | undefined {
  const [params] = useSearchParams();
  return parseId(params.get(PLAN_PARAM)) ?? storedPlanId();
}

/** Chooses a plan: kept in this browser and put in the address (`?plan=ID`), so links and reloads keep it. */
export function useChoosePlan(): (id: number) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (id: number) => {
      rememberPlan(id);
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set(PLAN_PARAM, String(id));
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
}

/** GET /api/plans (one cache entry for every screen) and the plan the screens show: the chosen one if it exists, else the default. */
export function useCurrentPlan() {
  const plans = useQuery(plansQuery());
  const chosen = useChosenPlanId();
  const items = plans.data?.items;
  const plan = items ? (items.find((p) => p.id === chosen) ?? newestPlan(items)) : undefined;
  return { plans, plan };
}

/** A plan's archive or restore, with the reason the office gives. */
export interface PlanArchiveStep {
  plan: Plan;
  step: 'archive' | 'restore';
  reason: string;
}

/** POST /api/plans/:id/archive or …/restore with the version the office saw; every plan-keyed screen reads again. */
export function usePlanArchive(callbacks: ScreenCallbacks<Plan, PlanArchiveStep> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: ({ plan, step, reason }: PlanArchiveStep) =>
      step === 'archive'
        ? call('POST /api/plans/{id}/archive', { params: { id: plan.id }, body: { version: plan.version, reason } })
        : call('POST /api/plans/{id}/restore', { params: { id: plan.id }, body: { version: plan.version, reason } }),
    fresh: (c) => void c.invalidateQueries({ queryKey: planKeys.all }),
    ...callbacks,
    onSuccess: (next, vars) => {
      // The default plan may have changed: every screen reads again.
      void client.invalidateQueries();
      callbacks.onSuccess?.(next, vars);
    },
  });
}
