import { queryOptions } from '@tanstack/react-query';
import type { AgentRow, Api, ChannelInput } from '@shared/contract';

export type FindingsFilter = ChannelInput<'findings:summaries'>;

export const findingKeys = {
  all: ['findings'] as const,
  list: (filter: FindingsFilter) => [...findingKeys.all, 'list', filter] as const,
  details: (scanId: string, fingerprint: string) => [...findingKeys.all, 'details', scanId, fingerprint] as const,
};

/** Every finding of the current state (every account's newest scan; the screen filters on its own). */
export const ALL_FINDINGS: FindingsFilter = { scanId: null, accountId: null, severity: null, ruleId: null, status: null };

/** The list's rows: summaries, without what only an opened finding shows (`findingDetailsQuery`). */
export const findingsQuery = (api: Api, filter: FindingsFilter) => queryOptions({ queryKey: findingKeys.list(filter), queryFn: () => api.invoke('findings:summaries', filter) });

/** An opened finding's evidence, explanation, remediation and fix, read when it is opened. */
export const findingDetailsQuery = (api: Api, finding: { scanId: string; fingerprint: string }) =>
  queryOptions({
    queryKey: findingKeys.details(finding.scanId, finding.fingerprint),
    queryFn: () => api.invoke('findings:details', { scanId: finding.scanId, fingerprint: finding.fingerprint }),
    // A scan's finding does not change: kept while the app runs.
    staleTime: Infinity,
  });

/**
 * The registry owner of each identity of the same view, by ARN: the Findings screen's owner column and
 * search. Keyed under `agents`, so a registry change (which invalidates the agents) refreshes it.
 */
export const ownersQuery = (api: Api, choice: { scanId: string | null; accountId: string | null }) =>
  queryOptions({
    queryKey: ['agents', 'owners', choice.scanId, choice.accountId] as const,
    queryFn: async () => {
      const { agents } = await api.invoke('agents:list', choice);
      return new Map(agents.filter((agent) => agent.owner !== null).map((agent) => [agent.arn, agent.owner ?? '']));
    },
  });

/** The inventory rows of the same view (keyed under `agents`, refreshed with them): the tier of each finding's principal. */
export const agentRowsQuery = (api: Api, choice: { scanId: string | null; accountId: string | null }) =>
  queryOptions({
    queryKey: ['agents', 'rows-for-findings', choice.scanId, choice.accountId] as const,
    queryFn: async (): Promise<readonly AgentRow[]> => (await api.invoke('agents:list', choice)).agents,
  });
