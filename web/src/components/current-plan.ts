/**
 * The plan a screen shows when none is chosen: the newest year's, the latest
 * imported among equals (as the ledger and GET /api/dashboard choose it).
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api } from '../api';
import type { Plan, ResponseOf } from '../api-types';

export const newestPlan = (plans: Plan[]): Plan | undefined => [...plans].sort((a, b) => b.year - a.year || b.id - a.id)[0];

/** GET /api/plans, shared by the screens (one cache entry). */
export function usePlans(): UseQueryResult<ResponseOf<'GET /api/plans'>> {
  return useQuery({ queryKey: ['plans'], queryFn: ({ signal }) => api.get<ResponseOf<'GET /api/plans'>>('/api/plans', undefined, signal) });
}
