/** The assessment (考核): the units' ranking (GET /api/assessment) and a unit's statement of points (GET /api/assessment/units/:id). */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';

export const assessmentKeys = {
  all: ['assessment'] as const,
  ranking: (planId?: number) => [...assessmentKeys.all, 'ranking', planId ?? 'latest'] as const,
  unit: (unitId: number, planId?: number) => [...assessmentKeys.all, 'unit', unitId, planId ?? 'latest'] as const,
};

/** The ranking of a plan (the default plan's without `planId`). */
export const assessmentQuery = (planId?: number) =>
  queryOptions({ queryKey: assessmentKeys.ranking(planId), queryFn: ({ signal }) => call('GET /api/assessment', { query: { planId }, signal }) });

export const unitStatementQuery = (unitId: number, planId?: number) =>
  queryOptions({
    queryKey: assessmentKeys.unit(unitId, planId),
    queryFn: ({ signal }) => call('GET /api/assessment/units/{id}', { params: { id: unitId }, query: { planId }, signal }),
  });
