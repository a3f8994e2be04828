import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';

/** Entries per page of the audit log. */
export const AUDIT_PAGE = 200;

export const auditKeys = {
  all: ['audit'] as const,
  firstPage: () => [...auditKeys.all, 'first-page'] as const,
};

/** The newest page; older pages are read on demand by the screen and dropped with it. */
export const auditFirstPageQuery = (api: Api) =>
  queryOptions({ queryKey: auditKeys.firstPage(), queryFn: () => api.invoke('audit:list', { limit: AUDIT_PAGE, beforeSeq: null }) });
