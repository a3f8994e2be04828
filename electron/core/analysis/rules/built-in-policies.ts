/**
 * The built-in governance policies of step 10, as small predicates over an agent. User-written
 * policies (CEL expressions over the agent view, analysis/team-policies/) are evaluated next to these;
 * "every AI agent has a tier" needs no policy: the analysis always computes one, with its reasons.
 * each policy names itself in the finding, so a finding is "policy P fails for agent A".
 */
import type { InventoryAgent } from '../inventory/types';
import type { Severity, TierResult } from '../types';
import { activeAccessKeys, isGovernedAgent, isNonHumanUser } from './identities';

export interface GovernanceSubject {
  agent: InventoryAgent;
  tier: TierResult;
}

export interface GovernancePolicy {
  /** Stable: part of the finding's fingerprint. */
  id: string;
  name: string;
  description: string;
  severity: Severity;
  /** Which agents it concerns, in words (the Policies screen shows it). */
  scope: string;
  /** Whether the policy concerns this agent at all. */
  appliesTo(subject: GovernanceSubject): boolean;
  /** Null when it holds; otherwise why it fails, in words. */
  violation(subject: GovernanceSubject): string | null;
  remediation: string;
}

export const BUILT_IN_GOVERNANCE_POLICIES: readonly GovernancePolicy[] = [
  {
    id: 'builtin:registered-identity',
    name: 'registered identity',
    description: 'Every AI agent is in the registry.',
    severity: 'high',
    scope: 'AI agents',
    appliesTo: ({ agent }) => agent.ai && isGovernedAgent(agent),
    violation: ({ agent }) => (agent.status === 'unregistered' ? 'an AI identity that is not in the registry' : null),
    remediation: 'Register the agent with an owner, purpose and data scope, or decommission it.',
  },
  {
    id: 'builtin:owned-agent',
    name: 'owned agent',
    description: 'Every AI agent has an owner (registry or owner tag).',
    severity: 'medium',
    scope: 'AI agents',
    appliesTo: ({ agent }) => agent.ai && isGovernedAgent(agent),
    violation: ({ agent }) => (agent.owner === null ? 'an AI identity with no owner in the registry and no owner tag' : null),
    remediation: 'Record the owner in the registry and tag the identity with it.',
  },
  {
    id: 'builtin:approved-credential-type',
    name: 'approved credential type',
    description: 'Non-human identities use roles or federation, not static access keys.',
    severity: 'medium',
    scope: 'Machine IAM users',
    appliesTo: ({ agent }) => isNonHumanUser(agent) && isGovernedAgent(agent),
    violation: ({ agent }) =>
      activeAccessKeys(agent).length > 0 ? 'a non-human identity on a static access key instead of a role/OIDC' : null,
    remediation: 'Move the workload to an IAM role (execution role, IAM Roles Anywhere or OIDC federation) and delete the access key.',
  },
];
