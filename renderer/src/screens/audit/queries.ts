import { queryOptions } from '@tanstack/react-query';
import type { Api, AuditFilter } from '@shared/contract';

/** Entries per page of the audit log. */
export const AUDIT_PAGE = 200;

export const auditKeys = {
  all: ['audit'] as const,
  /** Without a filter: the prefix of every filtered first page (what a change invalidates). */
  firstPage: (filter?: AuditFilter) => (filter === undefined ? ([...auditKeys.all, 'first-page'] as const) : ([...auditKeys.all, 'first-page', filter] as const)),
  filters: () => [...auditKeys.all, 'filters'] as const,
};

/** The newest page the filter selects; older pages are read on demand by the screen and dropped with it. */
export const auditFirstPageQuery = (api: Api, filter: AuditFilter) =>
  queryOptions({ queryKey: auditKeys.firstPage(filter), queryFn: () => api.invoke('audit:list', { limit: AUDIT_PAGE, beforeSeq: null, ...filter }) });

/** The actors and kinds of change present, for the filter menus. */
export const auditFiltersQuery = (api: Api) => queryOptions({ queryKey: auditKeys.filters(), queryFn: () => api.invoke('audit:filters', {}) });
