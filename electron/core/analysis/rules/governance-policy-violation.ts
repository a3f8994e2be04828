import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import { BUILT_IN_GOVERNANCE_POLICIES } from './governance-policies';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * Step 10: a governance policy fails for an agent. One finding per agent and policy; the severity is
 * the policy's. Only the built-in policies exist today (governance-policies.ts); user-written CEL
 * policies will be added to the same list.
 */
export const governancePolicyViolation: RuleDefinition = {
  id: 'governance_policy_violation',
  title: 'A governance policy fails',
  defaultSeverity: 'medium',
  step: 10,
  frameworks: [],
  firesWhen: "a built-in or user-written governance policy (CEL) fails for an agent; the policy's name is in the finding",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (agent.kind === 'unscanned-role') continue;
      for (const policy of BUILT_IN_GOVERNANCE_POLICIES) {
        const subject = { agent, tier: ctx.tier(agent.arn) };
        if (!policy.appliesTo(subject)) continue;
        const violation = policy.violation(subject);
        if (violation === null) continue;
        findings.push(
          makeFinding(this, ctx, {
            severity: policy.severity,
            title: `Governance policy "${policy.name}" fails`,
            principalArn: agent.arn,
            resourceArn: agent.arn,
            resourceId: agent.name,
            discriminator: policy.id,
            evidence: { policy: policy.id, policyName: policy.name, policyDescription: policy.description, builtIn: true, identity: agent.name, violation },
            remediation: `${agent.name} breaks the built-in policy "${policy.name}" (${policy.description}) — ${violation}. ${policy.remediation}`,
            fix: cliFix(`aws iam get-${agent.kind === 'iam-user' ? 'user --user-name' : 'role --role-name'} ${agent.name}  # then: ${policy.remediation}`),
            explanation: `The organisation decided that ${policy.description.charAt(0).toLowerCase()}${policy.description.slice(1)} This agent does not comply.`,
          }),
        );
      }
    }
    return findings;
  },
};
