/**
 * A task's targets as the office changes them (GET /api/tasks/:id/targets),
 * their history (GET /api/tasks/:id/targets/history), the target changes
 * awaiting the user's decision (GET /api/target-changes?awaiting=me), the
 * office's changes (edit, split, delete a target; add or merge targets of a
 * task) with the versions it read, and the steps 批准, 不予批准, 撤回 of a
 * 指标调整. The words for a target's kind, scope, combine rule and
 * measurement are the server's (TARGET_LABELS in types.gen.ts).
 */
import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from './call';
import { deskKeys } from './desk';
import { eventKeys } from './events';
import { taskKeys } from './tasks';
import {
  TARGET_LABELS,
  type BodyOf,
  type CombineRule,
  type TargetChangeOutcome,
  type TargetChangeRequest,
  type TargetKind,
  type TargetScope,
  type TaskTargets,
} from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export const targetKeys = {
  all: ['targets'] as const,
  ofTask: (taskId: number) => [...targetKeys.all, 'task', taskId] as const,
  history: (taskId: number) => [...targetKeys.all, 'history', taskId] as const,
  awaiting: () => [...targetKeys.all, 'awaiting-me'] as const,
};

export const taskTargetsQuery = (taskId: number) =>
  queryOptions({ queryKey: targetKeys.ofTask(taskId), queryFn: ({ signal }) => call('GET /api/tasks/{id}/targets', { params: { id: taskId }, signal }) });

export const targetHistoryQuery = (taskId: number) =>
  queryOptions({
    queryKey: targetKeys.history(taskId),
    queryFn: ({ signal }) => call('GET /api/tasks/{id}/targets/history', { params: { id: taskId }, signal }),
  });

/** The target changes the user decides, in one request whatever the number of tasks. */
export const awaitingTargetChangesQuery = () =>
  queryOptions({ queryKey: targetKeys.awaiting(), queryFn: ({ signal }) => call('GET /api/target-changes', { query: { awaiting: 'me' }, signal }) });

/** 增量, 年度目标, 各单位相加, 不衡量: the server's words. */
export const targetLabels = {
  kind: (k: TargetKind): string => TARGET_LABELS.kind[k],
  scope: (s: TargetScope): string => TARGET_LABELS.scope[s],
  combine: (c: CombineRule): string => TARGET_LABELS.combine[c],
  measured: (m: boolean): string => TARGET_LABELS.measured[m ? 'true' : 'false'],
};

export const TARGET_KIND_OPTIONS = (Object.keys(TARGET_LABELS.kind) as TargetKind[]).map((value) => ({ value, label: targetLabels.kind(value) }));
export const TARGET_SCOPE_OPTIONS = (Object.keys(TARGET_LABELS.scope) as TargetScope[]).map((value) => ({ value, label: targetLabels.scope(value) }));
export const COMBINE_OPTIONS = (Object.keys(TARGET_LABELS.combine) as CombineRule[]).map((value) => ({ value, label: targetLabels.combine(value) }));

/** A change the office asks for: on one target (with the version it read) or on the task. */
export type TargetChangeVars =
  | { op: 'edit'; targetId: number; body: BodyOf<'PATCH /api/targets/{id}'> }
  | { op: 'split'; targetId: number; body: BodyOf<'POST /api/targets/{id}/split'> }
  | { op: 'retire'; targetId: number; body: BodyOf<'POST /api/targets/{id}/retire'> }
  | { op: 'add'; taskId: number; body: BodyOf<'POST /api/tasks/{id}/targets'> }
  | { op: 'merge'; taskId: number; body: BodyOf<'POST /api/tasks/{id}/targets/merge'> };

function changeTargets(vars: TargetChangeVars): Promise<TargetChangeOutcome> {
  switch (vars.op) {
    case 'edit':
      return call('PATCH /api/targets/{id}', { params: { id: vars.targetId }, body: vars.body });
    case 'split':
      return call('POST /api/targets/{id}/split', { params: { id: vars.targetId }, body: vars.body });
    case 'retire':
      return call('POST /api/targets/{id}/retire', { params: { id: vars.targetId }, body: vars.body });
    case 'add':
      return call('POST /api/tasks/{id}/targets', { params: { id: vars.taskId }, body: vars.body });
    case 'merge':
      return call('POST /api/tasks/{id}/targets/merge', { params: { id: vars.taskId }, body: vars.body });
  }
}

/** After a change: the task's targets as answered, the task (its targets and lights), its history and timeline refetched. */
function changed(client: QueryClient, targets: TaskTargets): void {
  client.setQueryData(targetKeys.ofTask(targets.taskId), targets);
  void client.invalidateQueries({ queryKey: targetKeys.history(targets.taskId) });
  void client.invalidateQueries({ queryKey: targetKeys.awaiting() });
  void client.invalidateQueries({ queryKey: taskKeys.detail(targets.taskId) });
  void client.invalidateQueries({ queryKey: taskKeys.status(targets.taskId) });
  void client.invalidateQueries({ queryKey: eventKeys.all });
  void client.invalidateQueries({ queryKey: deskKeys.all });
}

/** The office's change of a task's targets; a stale version brings the targets as they now are (409 details.current). */
export function useChangeTargets(callbacks: ScreenCallbacks<TargetChangeOutcome, TargetChangeVars> = {}) {
  const client = useQueryClient();
  return useVersionedMutation<TargetChangeOutcome, TargetChangeVars, TaskTargets>({
    mutationFn: changeTargets,
    fresh: (c, current) => {
      if (current) c.setQueryData(targetKeys.ofTask(current.taskId), current);
      else void c.invalidateQueries({ queryKey: targetKeys.all });
    },
    ...callbacks,
    onSuccess: (outcome, vars) => {
      changed(client, outcome.targets);
      callbacks.onSuccess?.(outcome, vars);
    },
  });
}

type Seen = Pick<TargetChangeRequest, 'id' | 'version' | 'taskId'>;
export type TargetChangeStep =
  | { step: 'approve'; request: Seen; comment?: string }
  | { step: 'reject'; request: Seen; comment: string }
  | { step: 'withdraw'; request: Seen; comment?: string };

function targetChangeStep(vars: TargetChangeStep): Promise<TargetChangeRequest> {
  const params = { id: vars.request.id };
  const version = vars.request.version;
  const comment = vars.comment ? { comment: vars.comment } : {};
  switch (vars.step) {
    case 'approve':
      return call('POST /api/target-changes/{id}/approve', { params, body: { version, ...comment } });
    case 'reject':
      return call('POST /api/target-changes/{id}/reject', { params, body: { version, comment: vars.comment } });
    case 'withdraw':
      return call('POST /api/target-changes/{id}/withdraw', { params, body: { version, ...comment } });
  }
}

/** 批准, 不予批准 or 撤回 with the version the user saw; an approval changes the task's targets. */
export function useTargetChangeStep(callbacks: ScreenCallbacks<TargetChangeRequest, TargetChangeStep> = {}) {
  const client = useQueryClient();
  const refresh = (taskId: number): void => {
    void client.invalidateQueries({ queryKey: targetKeys.ofTask(taskId) });
    void client.invalidateQueries({ queryKey: targetKeys.history(taskId) });
    void client.invalidateQueries({ queryKey: targetKeys.awaiting() });
  };
  return useVersionedMutation<TargetChangeRequest, TargetChangeStep, TargetChangeRequest>({
    mutationFn: targetChangeStep,
    fresh: (_c, _current, vars) => refresh(vars.request.taskId),
    ...callbacks,
    onSuccess: (next, vars) => {
      refresh(next.taskId);
      if (vars.step === 'approve') {
        void client.invalidateQueries({ queryKey: taskKeys.detail(next.taskId) });
        void client.invalidateQueries({ queryKey: taskKeys.status(next.taskId) });
        void client.invalidateQueries({ queryKey: eventKeys.all });
      }
      callbacks.onSuccess?.(next, vars);
    },
  });
}
