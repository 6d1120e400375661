/**
 * The audit log (GET /api/audit) for the auditor: a page by filters, the check of the chain (GET /api/audit/verify)
 * and the export's address (GET /api/audit.csv, a plain link: the session cookie authenticates the GET).
 */
import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import { call } from './call';

/** Who, what and when, as the screen's address carries them. */
export interface AuditFilters {
  user?: string;
  action?: string;
  objectType?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  page: (filters: AuditFilters, beforeSeq: number | undefined) => [...auditKeys.all, 'page', filters, beforeSeq ?? null] as const,
};

export const auditPageQuery = (filters: AuditFilters, beforeSeq?: number) =>
  queryOptions({
    queryKey: auditKeys.page(filters, beforeSeq),
    queryFn: ({ signal }) => call('GET /api/audit', { query: { ...filters, limit: AUDIT_PAGE_SIZE, beforeSeq }, signal }),
    placeholderData: keepPreviousData,
  });

export const useAuditVerify = () => useMutation({ mutationFn: () => call('GET /api/audit/verify', {}) });

export function auditExportHref(filters: AuditFilters): string {
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const text = query.toString();
  return text === '' ? '/api/audit.csv' : `/api/audit.csv?${text}`;
}
