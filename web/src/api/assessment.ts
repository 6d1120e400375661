/** The assessment (考核): the units' ranking (GET /api/assessment) and a unit's statement of points (GET /api/assessment/units/:id). */
import { queryOptions } from '@tanstack/react-query';
import { call } from './call';

export const assessmentKeys = {
  all: ['assessment'] as const,
  ranking: () => [...assessmentKeys.all, 'ranking'] as const,
  unit: (unitId: number) => [...assessmentKeys.all, 'unit', unitId] as const,
};

export const assessmentQuery = () => queryOptions({ queryKey: assessmentKeys.ranking(), queryFn: ({ signal }) => call('GET /api/assessment', { signal }) });

export const unitStatementQuery = (unitId: number) =>
  queryOptions({ queryKey: assessmentKeys.unit(unitId), queryFn: ({ signal }) => call('GET /api/assessment/units/{id}', { params: { id: unitId }, signal }) });
