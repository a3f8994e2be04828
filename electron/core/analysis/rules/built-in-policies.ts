/**
 * The built-in governance policies of step 10. Each is the governance view of one catalogue rule: the
 * policy states what every agent must satisfy, the rule finds the agents that do not, and the rule's
 * finding IS the violation. So one gap gives one finding (an unowned agent is `agent_missing_owner`,
 * never also a "policy fails" finding); the Policies screen counts a built-in's failing agents from
 * its rule's findings. User-written policies (CEL expressions over the agent view,
 * analysis/team-policies/) are the only ones that raise `governance_policy_violation`.
 * "Every AI agent has a tier" needs no policy: the analysis always computes one, with its reasons.
 */
import type { Severity } from '../types';
import { agentMissingOwner } from './agent-missing-owner';
import { shadowAiUnregistered } from './shadow-ai-unregistered';
import { staticAccessKey } from './static-access-key';

export interface GovernancePolicy {
  /** Stable: user policies may not take a built-in's name, and old findings name it. */
  id: string;
  name: string;
  description: string;
  severity: Severity;
  /** Which agents it concerns, in words (the Policies screen shows it): the rule's scope. */
  scope: string;
  /** The catalogue rule whose findings are this policy's violations (one finding per gap). */
  ruleId: string;
  remediation: string;
}

export const BUILT_IN_GOVERNANCE_POLICIES: readonly GovernancePolicy[] = [
  {
    id: 'builtin:registered-identity',
    name: 'registered identity',
    description: 'Every AI agent is in the registry.',
    severity: shadowAiUnregistered.defaultSeverity,
    scope: 'AI agents (not human access, not AWS-managed)',
    ruleId: shadowAiUnregistered.id,
    remediation: 'Register the agent with an owner, purpose and data scope, or decommission it.',
  },
  {
    id: 'builtin:owned-agent',
    name: 'owned agent',
    description: 'Every agent (non-human identity) has an owner: in the registry or an owner tag.',
    severity: agentMissingOwner.defaultSeverity,
    scope: 'Non-human identities (not human access, not AWS-managed)',
    ruleId: agentMissingOwner.id,
    remediation: 'Record the owner in the registry and tag the identity with it.',
  },
  {
    id: 'builtin:approved-credential-type',
    name: 'approved credential type',
    description: 'Non-human identities use roles or federation, not static access keys.',
    severity: staticAccessKey.defaultSeverity,
    scope: 'Machine IAM users',
    ruleId: staticAccessKey.id,
    remediation: 'Move the workload to an IAM role (execution role, IAM Roles Anywhere or OIDC federation) and delete the access key.',
  },
];
