/**
 * Progress reports: the lists (GET /api/reports by unit, round or all the
 * user may see), one report with its events and attachments, a host unit's
 * co-units' inputs; saving a draft (PATCH) and the steps 审核, 报送, 采纳,
 * 退回, each with the version the user saw; evidence files.
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { call } from './call';
import { dashboardKeys, lightsKeys } from './dashboard';
import { eventKeys } from './events';
import { deskKeys } from './desk';
import { base64Of } from './files';
import { taskKeys } from './tasks';
import type { BodyOf, ReportDetail } from './types.gen';
import { useVersionedMutation, type ScreenCallbacks } from './versioned';

export interface ReportFilter {
  unitId?: number;
  roundId?: number;
}

export const reportKeys = {
  all: ['reports'] as const,
  lists: () => [...reportKeys.all, 'list'] as const,
  list: (filter: ReportFilter = {}) => [...reportKeys.lists(), filter] as const,
  detail: (id: number) => [...reportKeys.all, 'detail', id] as const,
  inputs: () => [...reportKeys.all, 'inputs'] as const,
  inputsOf: (id: number) => [...reportKeys.inputs(), id] as const,
};

export const reportsQuery = (filter: ReportFilter = {}) =>
  queryOptions({ queryKey: reportKeys.list(filter), queryFn: ({ signal }) => call('GET /api/reports', { query: { ...filter }, signal }) });

export const reportQuery = (id: number) =>
  queryOptions({ queryKey: reportKeys.detail(id), queryFn: ({ signal }) => call('GET /api/reports/{id}', { params: { id }, signal }) });

/** The co-units' approved inputs to a host unit's report. */
export const reportInputsQuery = (id: number) =>
  queryOptions({ queryKey: reportKeys.inputsOf(id), queryFn: ({ signal }) => call('GET /api/reports/{id}/inputs', { params: { id }, signal }) });

/** The report as it now is, where the screens read it; the lists and inputs it appears in refetch. */
function changed(client: QueryClient, report: ReportDetail): void {
  client.setQueryData(reportKeys.detail(report.id), report);
  void client.invalidateQueries({ queryKey: reportKeys.lists() });
  void client.invalidateQueries({ queryKey: reportKeys.inputs() });
  void client.invalidateQueries({ queryKey: eventKeys.all });
  void client.invalidateQueries({ queryKey: deskKeys.all });
}

function fresh(client: QueryClient, current: ReportDetail | undefined, { report }: { report: Pick<ReportDetail, 'id'> }): void {
  if (current) client.setQueryData(reportKeys.detail(current.id), current);
  else void client.invalidateQueries({ queryKey: reportKeys.detail(report.id) });
  void client.invalidateQueries({ queryKey: reportKeys.lists() });
}

/** The report being changed, at the version the user saw. */
type Seen = Pick<ReportDetail, 'id' | 'version'>;

/** The draft's fields, without the version: that comes from the report the user saw. */
export type ReportDraft = Omit<BodyOf<'PATCH /api/reports/{id}'>, 'version'>;

/** PATCH /api/reports/:id with the version read; a conflict reloads the report ('now'). */
export function useSaveReport(callbacks: ScreenCallbacks<ReportDetail, { report: Seen; draft: ReportDraft }> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: ({ report, draft }: { report: Seen; draft: ReportDraft }) =>
      call('PATCH /api/reports/{id}', { params: { id: report.id }, body: { version: report.version, ...draft } }),
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      callbacks.onSuccess?.(next, vars);
    },
  });
}

export type ReportStep =
  { step: 'approve' | 'submit' | 'accept'; report: Seen } | { step: 'return'; report: Seen; comment: string } | { step: 'void'; report: Seen; reason: string };

function reportStep(vars: ReportStep): Promise<ReportDetail> {
  const params = { id: vars.report.id };
  const version = vars.report.version;
  switch (vars.step) {
    case 'approve':
      return call('POST /api/reports/{id}/approve', { params, body: { version } });
    case 'submit':
      return call('POST /api/reports/{id}/submit', { params, body: { version } });
    case 'accept':
      return call('POST /api/reports/{id}/accept', { params, body: { version } });
    case 'return':
      return call('POST /api/reports/{id}/return', { params, body: { version, comment: vars.comment } });
    case 'void':
      return call('POST /api/reports/{id}/void', { params, body: { version, reason: vars.reason } });
  }
}

/** A workflow step on a report (审核, 报送, 采纳, 退回, 作废) with the version the user saw. */
export function useReportStep(callbacks: ScreenCallbacks<ReportDetail, ReportStep> = {}) {
  const client = useQueryClient();
  return useVersionedMutation({
    mutationFn: reportStep,
    fresh,
    ...callbacks,
    onSuccess: (next, vars) => {
      changed(client, next);
      // An accepted report's values count towards the task's figures and lights; a voided one's no longer do.
      if (vars.step === 'accept' || vars.step === 'void') {
        void client.invalidateQueries({ queryKey: dashboardKeys.all });
        void client.invalidateQueries({ queryKey: lightsKeys.all });
        void client.invalidateQueries({ queryKey: taskKeys.status(next.taskId) });
      }
      callbacks.onSuccess?.(next, vars);
    },
  });
}

/** Evidence: a file added to the report (POST …/attachments) or removed (DELETE /api/attachments/:id). */
export function useAttachments(reportId: number, { onAdded, onError }: { onAdded?: () => void; onError?: (error: Error) => void } = {}) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: reportKeys.detail(reportId) });
  const add = useMutation({
    mutationFn: async (file: File) =>
      call('POST /api/reports/{id}/attachments', { params: { id: reportId }, body: { fileName: file.name, content: await base64Of(file) } }),
    onSuccess: () => {
      void refresh();
      onAdded?.();
    },
    ...(onError ? { onError } : {}),
  });
  const remove = useMutation({
    mutationFn: (attachmentId: number) => api.delete(`/api/attachments/${attachmentId}`),
    onSuccess: () => void refresh(),
    ...(onError ? { onError } : {}),
  });
  return { add, remove };
}
