/**
 * Tasks handed down (下达, ADR 0031): a task's assignments to lower governments (GET/POST
 * /api/tasks/:id/assignments, with shares of its targets), its roll-up as of a date (GET /api/tasks/:id/rollup),
 * and, in the lower government, the office's owners of a task from above (PUT /api/tasks/:id/owners, with the
 * version the user saw).
 */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from './call';
import { dashboardKeys, lightsKeys } from './dashboard';
import { eventKeys } from './events';
import { governmentTreeKeys } from './governments';
import { taskKeys } from './tasks';
import type { AssignmentList, Task } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const assignmentKeys = {
  all: ['assignments'] as const,
  list: (taskId: number) => [...assignmentKeys.all, 'list', taskId] as const,
  rollup: (taskId: number, asOf?: string) => [...assignmentKeys.all, 'rollup', taskId, asOf ?? 'today'] as const,
};

export const assignmentsQuery = (taskId: number) =>
  queryOptions({ queryKey: assignmentKeys.list(taskId), queryFn: ({ signal }) => call('GET /api/tasks/{id}/assignments', { params: { id: taskId }, signal }) });

export const taskRollupQuery = (taskId: number, asOf?: string) =>
  queryOptions({
    queryKey: assignmentKeys.rollup(taskId, asOf),
    queryFn: ({ signal }) => call('GET /api/tasks/{id}/rollup', { params: { id: taskId }, query: { asOf }, signal }),
  });

export interface AssignInput {
  taskId: number;
  governmentIds: number[];
  shares: { targetId: number; governmentId: number; value: number }[];
}

/**
 * Hands a task down. Success puts the assignments in the cache and marks stale the task's roll-up, the roll-ups of
 * the lower governments (dashboard card, their pages) and the task's timeline.
 */
export function useAssignTask(callbacks: { onSuccess?: (list: AssignmentList) => void; onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation<AssignmentList, Error, AssignInput>({
    mutationFn: ({ taskId, governmentIds, shares }) =>
      call('POST /api/tasks/{id}/assignments', { params: { id: taskId }, body: { governmentIds, ...(shares.length > 0 ? { shares } : {}) } }),
    onSuccess: (list, { taskId }) => {
      client.setQueryData(assignmentKeys.list(taskId), list);
      void client.invalidateQueries({ queryKey: assignmentKeys.all });
      void client.invalidateQueries({ queryKey: governmentTreeKeys.all });
      void client.invalidateQueries({ queryKey: eventKeys.all });
      callbacks.onSuccess?.(list);
    },
    onError: (error) => callbacks.onError?.(error),
  });
}

export interface OwnersInput {
  leaderIds: number[];
  hostUnitIds: number[];
  coUnitIds: number[];
}

/**
 * The lower office's owners of a task from above (承接), with the version of `task` the user saw. Success replaces
 * the task and marks stale the ledger and the dashboard (leaders' and units' tasks change).
 */
export function useSetOwners(task: Task, callbacks: ScreenCallbacks<Task, OwnersInput> = {}) {
  const client = useQueryClient();
  return useVersionedMutation<Task, OwnersInput, Task>({
    mutationFn: (owners) => call('PUT /api/tasks/{id}/owners', { params: { id: task.id }, body: { version: task.version, ...owners } }),
    fresh: (c, current) => {
      if (current) c.setQueryData(taskKeys.detail(current.id), current);
      void c.invalidateQueries({ queryKey: taskKeys.all });
    },
    reload: 'ask',
    ...callbacks,
    onSuccess: (saved, owners) => {
      client.setQueryData(taskKeys.detail(saved.id), saved);
      void client.invalidateQueries({ queryKey: taskKeys.all });
      void client.invalidateQueries({ queryKey: dashboardKeys.all });
      void client.invalidateQueries({ queryKey: lightsKeys.all });
      void client.invalidateQueries({ queryKey: eventKeys.all });
      callbacks.onSuccess?.(saved, owners);
    },
  });
}
