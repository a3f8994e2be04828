import { posix } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding, raisedForTier1 } from './finding';
import { isGovernedAgent } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * NHI1: a machine identity nobody owns (no registry owner, no owner-like tag). People's Identity
 * Center roles and service-linked roles are owned by whoever runs Identity Center and by AWS.
 */
export const agentMissingOwner: RuleDefinition = {
  id: 'agent_missing_owner',
  title: 'A non-human identity has no owner',
  defaultSeverity: 'medium',
  step: 1,
  frameworks: ['NHI1'],
  firesWhen: 'no owner in the registry and no owner tag (`owner`, `Owner`, `team`, `contact` …) on the identity',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (agent.kind === 'unscanned-role' || !isGovernedAgent(agent) || agent.owner !== null) continue;
      const tier = ctx.tier(agent.arn).tier;
      const kind = agent.kind === 'iam-user' ? 'user' : 'role';
      findings.push(
        makeFinding(this, ctx, {
          severity: raisedForTier1('medium', 'high', tier),
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { identity: agent.name, kind: agent.kind, tags: agent.tags, registryStatus: agent.status, tier, ai: agent.ai },
          remediation:
            `Find who runs ${agent.name} (CloudTrail shows who created it and what calls it makes; its workloads are listed on the agent page), ` +
            'then record the owner in the registry and add an owner tag so the answer travels with the identity.',
          fix: cliFix(posix`aws iam tag-${kind} --${kind}-name ${agent.name} --tags Key=owner,Value='<team-or-email>'`),
          explanation: 'Nobody answers for an identity without an owner: nobody reviews its permissions, rotates its credentials or notices when it is no longer needed.',
        }),
      );
    }
    return findings;
  },
};
