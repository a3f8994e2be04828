import { queryOptions } from '@tanstack/react-query';
import type { Api, ChannelInput } from '@shared/contract';

export type FindingsFilter = ChannelInput<'findings:list'>;

export const findingKeys = {
  all: ['findings'] as const,
  list: (filter: FindingsFilter) => [...findingKeys.all, 'list', filter] as const,
};

/** Every finding of the newest scan (the screen filters on its own). */
export const ALL_FINDINGS: FindingsFilter = { scanId: null, severity: null, ruleId: null, status: null };

export const findingsQuery = (api: Api, filter: FindingsFilter) => queryOptions({ queryKey: findingKeys.list(filter), queryFn: () => api.invoke('findings:list', filter) });
