/**
 * The Shadow AI list: the identities the `shadow_ai_unregistered` rule raised, with their inventory
 * rows. Which identities are shadow AI is the rule's decision (human access and identities that only
 * manage AI are left out there); this only joins and orders.
 */
import type { AgentRow, FindingSummary } from '@shared/contract';

export interface ShadowRow {
  agent: AgentRow;
  /** Appeared since the previous scan of its account. */
  isNew: boolean;
}

/** A row's key: the same ARN in two accounts' scans is two rows (it cannot be, but scans are the unit). */
export function shadowRowKey(agent: Pick<AgentRow, 'scanId' | 'arn'>): string {
  return `${agent.scanId} ${agent.arn}`;
}

/** The rows, the new ones first, then by tier (Tier 1 first) and name. Resolved findings are not shadow AI any more. */
export function shadowRows(agents: readonly AgentRow[], findings: readonly FindingSummary[]): ShadowRow[] {
  const raised = new Map<string, boolean>();
  for (const finding of findings) {
    if (finding.status === 'resolved') continue;
    const key = shadowRowKey({ scanId: finding.scanId, arn: finding.principalArn ?? finding.resourceArn });
    raised.set(key, (raised.get(key) ?? false) || finding.isNew);
  }
  return agents
    .flatMap((agent) => {
      const isNew = raised.get(shadowRowKey(agent));
      return isNew === undefined ? [] : [{ agent, isNew }];
    })
    .sort((a, b) => Number(b.isNew) - Number(a.isNew) || a.agent.tier - b.agent.tier || a.agent.name.localeCompare(b.agent.name) || a.agent.arn.localeCompare(b.agent.arn));
}

/**
 * Identities with AI signals the rule left out, counted for the line under the list: human access
 * (people sign in through them) and those that only manage AI resources. Counted from the rows'
 * fields, which the analysis sets; nothing is decided here.
 */
export function leftOut(agents: readonly AgentRow[]): { human: number; manages: number } {
  let human = 0;
  let manages = 0;
  for (const agent of agents) {
    if (agent.status !== 'unregistered') continue;
    if (agent.access === 'human' && agent.aiSignals.length > 0) human += 1;
    else if (agent.aiUse === 'manages') manages += 1;
  }
  return { human, manages };
}
