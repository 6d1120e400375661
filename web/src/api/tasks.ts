/**
 * Tasks: a plan's ledger or a unit's or a leader's tasks (GET /api/tasks),
 * one task (GET /api/tasks/:id), its light now with its figures
 * (GET /api/tasks/:id/status) and the past lights of many tasks
 * (GET /api/light-history); the office's correction of a task (PATCH /api/tasks/:id).
 */
import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { call } from './call';
import type { LightHistory, Task, TaskPatch } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

/** Whose tasks: a plan's, a unit's, a lead leader's; none of them: every task the user may see. */
export interface TaskFilter {
  planId?: number;
  unitId?: number;
  leaderId?: number;
  /** Search words, all required (the server searches text, units, leaders and targets). */
  q?: string;
}

export const taskKeys = {
  all: ['tasks'] as const,
  list: (filter: TaskFilter = {}) => [...taskKeys.all, 'list', filter] as const,
  detail: (id: number) => [...taskKeys.all, 'detail', id] as const,
  status: (id: number) => [...taskKeys.all, 'status', id] as const,
  lightHistories: (ids: number[]) => [...taskKeys.all, 'light-history', ids] as const,
};

export const tasksQuery = (filter: TaskFilter = {}) =>
  queryOptions({ queryKey: taskKeys.list(filter), queryFn: ({ signal }) => call('GET /api/tasks', { query: { ...filter }, signal }) });

export const taskQuery = (id: number) =>
  queryOptions({ queryKey: taskKeys.detail(id), queryFn: ({ signal }) => call('GET /api/tasks/{id}', { params: { id }, signal }) });

export const taskStatusQuery = (id: number) =>
  queryOptions({ queryKey: taskKeys.status(id), queryFn: ({ signal }) => call('GET /api/tasks/{id}/status', { params: { id }, signal }) });

/** The server answers at most this many tasks' histories at once. */
const HISTORY_BATCH = 500;

/** The light histories of these tasks, a request per 500 tasks. */
async function lightHistories(ids: number[], signal: AbortSignal): Promise<LightHistory[]> {
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += HISTORY_BATCH) batches.push(ids.slice(i, i + HISTORY_BATCH));
  const answers = await Promise.all(batches.map((batch) => call('GET /api/light-history', { query: { taskIds: batch.join(',') }, signal })));
  return answers.flatMap((a) => a.items);
}

export const lightHistoriesQuery = (ids: number[]) =>
  queryOptions({ queryKey: taskKeys.lightHistories(ids), queryFn: ({ signal }) => lightHistories(ids, signal), enabled: ids.length > 0 });

/** The office's correction of a task's text or deadline (PATCH /api/tasks/:id), with its reason and the version the user saw. */
export function useChangeTask(callbacks: ScreenCallbacks<Task, TaskPatch> = {}) {
  const client = useQueryClient();
  return useVersionedMutation<Task, TaskPatch & { id: number }, Task>({
    mutationFn: ({ id, ...body }) => call('PATCH /api/tasks/{id}', { params: { id }, body }),
    fresh: (c, current) => {
      if (current) c.setQueryData(taskKeys.detail(current.id), current);
      void c.invalidateQueries({ queryKey: taskKeys.all });
    },
    ...callbacks,
    onSuccess: (task, vars) => {
      client.setQueryData(taskKeys.detail(task.id), task);
      void client.invalidateQueries({ queryKey: taskKeys.all });
      callbacks.onSuccess?.(task, vars);
    },
  });
}
