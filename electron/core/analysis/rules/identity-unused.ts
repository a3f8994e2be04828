import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { daysSince } from './dates';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * NHI1: a role unused for the threshold (default 90 days), or never used and older than it.
 * Service-linked roles are excluded: AWS creates them and deletes them with the service.
 */
export const identityUnused: RuleDefinition = {
  id: 'identity_unused',
  title: 'A role has not been used: decommission candidate',
  defaultSeverity: 'medium',
  step: 1,
  frameworks: ['NHI1'],
  firesWhen: 'a role (not service-linked) has not been used for 90 days, or never, and is older than 90 days: a decommission candidate',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const limit = ctx.thresholds.roleUnusedDays;
    for (const agent of ctx.agents) {
      if (agent.kind !== 'iam-role' || agent.awsManaged) continue;
      const age = daysSince(agent.createdAt, ctx.now);
      // A role younger than the threshold cannot have been idle that long, whatever its last use.
      if (age === null || age <= limit) continue;
      const idle = daysSince(agent.lastUsedAt, ctx.now);
      if (idle !== null && idle <= limit) continue;
      const name = agent.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { role: agent.name, createdAt: agent.createdAt, ageDays: age, lastUsedAt: agent.lastUsedAt, daysSinceUse: idle, neverUsed: idle === null, thresholdDays: limit, workloads: agent.workloads.map((w) => w.arn) },
          remediation:
            `${agent.name} has ${idle === null ? 'never been used' : `not been used for ${idle} days`}. Ask its owner whether it is still needed. ` +
            'If not, remove its policies and instance profiles and delete it; if unsure, first replace its trust policy with one that denies everyone and wait a few weeks.',
          fix: cliFix(
            shellLines([
              posix`aws iam list-attached-role-policies --role-name ${name}`,
              posix`aws iam list-role-policies --role-name ${name}`,
              posix`aws iam list-instance-profiles-for-role --role-name ${name}`,
              posix`# detach / delete each policy and instance profile listed above, then:`,
              posix`aws iam delete-role --role-name ${name}`,
            ]),
          ),
          explanation: 'An unused role still carries its permissions and its trust. Nobody notices when someone else starts using it, so it is a quiet way in. Unused identities should be removed.',
        }),
      );
    }
    return findings;
  },
};
