/**
 * Reporting schedules (GET /api/schedules?planId): the plan's, set by the
 * office (PUT /api/plans/:id/schedule), and a task's own, which overrides it
 * (PUT /api/tasks/:id/schedule) until returned to the plan's (DELETE).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { call } from './call';
import type { BodyOf } from './types.gen';

export type ScheduleRule = BodyOf<'PUT /api/plans/{id}/schedule'>;

export const scheduleKeys = {
  all: ['schedules'] as const,
  plan: (planId: number) => [...scheduleKeys.all, planId] as const,
};

/** The plan's schedule (taskId null) and every task's own. */
export const schedulesQuery = (planId: number) =>
  queryOptions({ queryKey: scheduleKeys.plan(planId), queryFn: ({ signal }) => call('GET /api/schedules', { query: { planId }, signal }) });

export function useSavePlanSchedule(planId: number, { onSuccess }: { onSuccess?: () => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rule: ScheduleRule) => call('PUT /api/plans/{id}/schedule', { params: { id: planId }, body: rule }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scheduleKeys.plan(planId) });
      onSuccess?.();
    },
  });
}

/** A task's own schedule: `save` sets it, `reset` returns the task to the plan's. */
export function useTaskSchedule(task: { id: number; planId: number }, { onSuccess }: { onSuccess?: () => void } = {}) {
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: scheduleKeys.plan(task.planId) });
    onSuccess?.();
  };
  const save = useMutation({
    mutationFn: (rule: ScheduleRule) => call('PUT /api/tasks/{id}/schedule', { params: { id: task.id }, body: rule }),
    onSuccess: done,
  });
  const reset = useMutation({ mutationFn: () => api.delete(`/api/tasks/${task.id}/schedule`), onSuccess: done });
  return { save, reset };
}
