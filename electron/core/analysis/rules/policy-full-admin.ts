import type { InventoryAgent } from '../inventory/types';
import type { Finding, StatementRef } from '../types';
import { posix, shellLines, type ShellText } from '../../lib/posix-shell';
import { cliFix, makeFinding } from './finding';
import { isPermissionSubject } from './identities';
import type { RuleContext, RuleDefinition } from './rule';

/** How to remove a grant, by how it reaches the principal. */
function removalCommand(agent: InventoryAgent, ref: StatementRef): ShellText {
  const kind = agent.kind === 'iam-user' ? 'user' : 'role';
  const name = agent.name;
  switch (ref.via) {
    case 'attached':
      return posix`aws iam detach-${kind}-policy --${kind}-name ${name} --policy-arn ${ref.policy}`;
    case 'inline':
      return posix`aws iam delete-${kind}-policy --${kind}-name ${name} --policy-name ${ref.policyName}`;
    case 'group':
      return shellLines([
        posix`# granted through group ${ref.group ?? '?'}: remove the user from the group, or fix the group's policy`,
        posix`aws iam remove-user-from-group --group-name ${ref.group ?? '<GROUP>'} --user-name ${name}`,
      ]);
    case 'boundary':
      return posix`aws iam delete-${kind}-permissions-boundary --${kind}-name ${name}`;
  }
}

/** CIS 1.16 / NHI5 / ASI03: `*` on `*`; critical for Tier 1 agents (which a full admin always is, unless overridden). */
export const policyFullAdmin: RuleDefinition = {
  id: 'policy_full_admin',
  title: 'Full administrator access',
  defaultSeverity: 'critical',
  step: 4,
  frameworks: ['CIS 1.16', 'NHI5', 'ASI03'],
  firesWhen: 'an Allow statement grants `*` actions on `*` resources (attached, inline or via group), or AdministratorAccess is attached',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (!isPermissionSubject(agent)) continue;
      const ref = ctx.permissions(agent.arn)?.fullAdmin ?? null;
      if (ref === null) continue;
      const tier = ctx.tier(agent.arn).tier;
      findings.push(
        makeFinding(this, ctx, {
          severity: tier === 1 ? 'critical' : 'high',
          principalArn: agent.arn,
          resourceArn: agent.arn,
          resourceId: agent.name,
          evidence: { identity: agent.name, policy: ref.policy, policyName: ref.policyName, via: ref.via, group: ref.group, statementIndex: ref.index, sid: ref.sid, statement: ref.statement, tier },
          remediation:
            `Replace ${ref.policyName} on ${agent.name} with a policy listing only the services and actions it uses. IAM Access Analyzer can generate one from its CloudTrail activity ` +
            '(policy generation); keep full admin only for a break-glass identity that is monitored and needs MFA.',
          fix: cliFix(
            shellLines([
              posix`# generate a least-privilege policy from 90 days of activity, attach it, then remove the admin grant:`,
              posix`aws accessanalyzer start-policy-generation --policy-generation-details principalArn=${agent.arn} --cloud-trail-details '<trail, role and time range>'`,
              removalCommand(agent, ref),
            ]),
          ),
          explanation: 'Full administrator access means a single leaked credential, bug or manipulated agent can do anything: read all data, delete backups, create new users, or lock you out.',
        }),
      );
    }
    return findings;
  },
};
