/**
 * Work plans (工作方案): a task's revisions (GET /api/tasks/:id/workplans), the
 * plans awaiting the user's decision (GET /api/workplans?awaiting=me), a new
 * draft, saving it and the steps 提交, 批准, 退回, each with the version the
 * user saw.
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { replaceInLists } from './cache';
import { call } from './call';
import { eventKeys } from './events';
import { deskKeys } from './desk';
import { taskKeys } from './tasks';
import type { BodyOf, WorkPlan } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const workPlanKeys = {
  all: ['workplans'] as const,
  ofTask: (taskId: number) => [...workPlanKeys.all, 'task', taskId] as const,
  awaiting: () => [...workPlanKeys.all, 'awaiting-me'] as const,
};

/** A task's plans, the newest revision first. */
export const taskWorkPlansQuery = (taskId: number) =>
  queryOptions({ queryKey: workPlanKeys.ofTask(taskId), queryFn: ({ signal }) => call('GET /api/tasks/{id}/workplans', { params: { id: taskId }, signal }) });

/** Every plan awaiting the user's decision, in one request whatever the number of tasks. */
export const awaitingPlansQuery = () =>
  queryOptions({ queryKey: workPlanKeys.awaiting(), queryFn: ({ signal }) => call('GET /api/workplans', { query: { awaiting: 'me' }, signal }) });

/** The plan as it now is in the lists that show it; the task's other revisions and the desk refetch. */
function changed(client: QueryClient, plan: WorkPlan): void {
  replaceInLists(client, workPlanKeys.all, plan);
  void client.invalidateQueries({ queryKey: workPlanKeys.ofTask(plan.taskId) });
  void client.invalidateQueries({ queryKey: workPlanKeys.awaiting() });
  void client.invalidateQueries({ queryKey: eventKeys.all });
  void client.invalidateQueries({ queryKey: deskKeys.all });
}

function fresh(client: QueryClient, current: WorkPlan | undefined): void {
  if (current) replaceInLists(client, workPlanKeys.all, current);
  else void client.invalidateQueries({ queryKey: workPlanKeys.all });
}

/** A new draft for the task (a first plan or a revision). */
export function useCreateWorkPlan(taskId: number, { onError }: { onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('POST /api/tasks/{id}/workplans', { params: { id: taskId }, body: {} }),
    onSuccess: () => void client.invalidateQueries({ queryKey: workPlanKeys.ofTask(taskId) }),
    ...(onError ? { onError } : {}),
  });
}

type Seen = Pick<WorkPlan, 'id' | 'version'>;
export type WorkPlanDraft = Omit<BodyOf<'PATCH /api/workplans/{id}'>, 'version'>;

/** PATCH /api/workplans/:id with the version read; a conflict reloads the plan ('now'). */
export function useSaveWorkPlan(callbacks: ScreenCallbacks<WorkPlan, { plan: Seen; draft: WorkPlanDraft }> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: ({ plan, draft }: { plan: Seen; draft: WorkPlanDraft }) =>
      call('PATCH /api/workplans/{id}', { params: { id: plan.id }, body: { version: plan.version, ...draft } }),
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      callbacks.onSuccess?.(next, vars);
    },
  });
}

export type WorkPlanStep = { step: 'submit'; plan: Seen } | { step: 'approve'; plan: Seen; comment?: string } | { step: 'return'; plan: Seen; comment: string };

function workPlanStep(vars: WorkPlanStep): Promise<WorkPlan> {
  const params = { id: vars.plan.id };
  const version = vars.plan.version;
  switch (vars.step) {
    case 'submit':
      return call('POST /api/workplans/{id}/submit', { params, body: { version } });
    case 'approve':
      return call('POST /api/workplans/{id}/approve', { params, body: { version, ...(vars.comment ? { comment: vars.comment } : {}) } });
    case 'return':
      return call('POST /api/workplans/{id}/return', { params, body: { version, comment: vars.comment } });
  }
}

/** A workflow step on a plan (提交, 批准, 退回) with the version the user saw. */
export function useWorkPlanStep(callbacks: ScreenCallbacks<WorkPlan, WorkPlanStep> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: workPlanStep,
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      // An approved plan's milestones and planned values are the task's now.
      if (vars.step === 'approve') void client.invalidateQueries({ queryKey: taskKeys.status(next.taskId) });
      callbacks.onSuccess?.(next, vars);
    },
  });
}
