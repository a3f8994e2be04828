import { queryOptions } from '@tanstack/react-query';
import type { Api } from '@shared/contract';
import { findingKeys } from '../findings/queries';
import { agentKeys } from '../inventory/queries';

/**
 * The Shadow AI screen's reads: the current state's inventory and the shadow-AI findings, of every
 * account or of one. Keyed under the agents' and findings' roots, so every change that makes those
 * stale (a registration, a decommission, a new scan) makes these stale too.
 */
export const shadowAiAgentsQuery = (api: Api, accountId: string | null) =>
  queryOptions({ queryKey: [...agentKeys.all, 'shadow-ai', accountId] as const, queryFn: () => api.invoke('agents:list', { scanId: null, accountId }) });

export const shadowAiFindingsQuery = (api: Api, accountId: string | null) =>
  queryOptions({
    queryKey: [...findingKeys.all, 'shadow-ai', accountId] as const,
    queryFn: () => api.invoke('findings:summaries', { scanId: null, accountId, severity: null, ruleId: SHADOW_AI_RULE, status: null }),
  });

/** The catalogue rule that decides what is shadow AI (the screen never decides it itself). */
export const SHADOW_AI_RULE = 'shadow_ai_unregistered';
