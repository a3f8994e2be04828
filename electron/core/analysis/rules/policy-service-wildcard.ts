import type { Finding } from '../types';
import { makeFinding, policyFix } from './finding';
import { isPermissionSubject } from './identities';
import { actionsOf } from './permission-reading';
import type { RuleContext, RuleDefinition } from './rule';

/**
 * NHI5 / LLM06: an Allow of `service:*` on a service that has write or permissions-management actions
 * (the evaluator decides which services qualify; `pricing:*` does not). One finding per principal and
 * service. `*` itself is policy_full_admin's.
 */
export const policyServiceWildcard: RuleDefinition = {
  id: 'policy_service_wildcard',
  title: 'A policy grants every action of a service',
  defaultSeverity: 'medium',
  step: 4,
  frameworks: ['NHI5', 'LLM06'],
  firesWhen: 'an Allow grants `service:*` on a service that has write or permissions-management actions',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const agent of ctx.agents) {
      if (!isPermissionSubject(agent)) continue;
      const permissions = ctx.permissions(agent.arn);
      if (permissions === null) continue;
      const seen = new Set<string>();
      for (const { service, ref } of permissions.serviceWildcards) {
        if (service === '*' || seen.has(service)) continue;
        seen.add(service);
        const used = actionsOf(permissions, service);
        findings.push(
          makeFinding(this, ctx, {
            principalArn: agent.arn,
            resourceArn: agent.arn,
            resourceId: `${agent.name}: ${service}:*`,
            discriminator: service,
            evidence: { identity: agent.name, service, policy: ref.policy, policyName: ref.policyName, via: ref.via, group: ref.group, statementIndex: ref.index, sid: ref.sid, statement: ref.statement, actionsGranted: used },
            remediation:
              `In ${ref.policyName}, replace "${service}:*" with the ${service} actions ${agent.name} really calls (IAM Access Analyzer's policy generation or the "Last accessed" tab shows them), ` +
              'and keep the Resource as narrow as it is today.',
            fix: policyFix({
              Version: '2012-10-17',
              Statement: [{ Sid: `Least${service.replace(/[^A-Za-z0-9]/g, '')}`, Effect: 'Allow', Action: [`${service}:<Action1>`, `${service}:<Action2>`], Resource: ref.statement['Resource'] ?? '*' }],
            }),
            explanation: `"${service}:*" also grants every future action of ${service} and every destructive one (delete, change permissions). Least privilege means naming the actions the workload needs.`,
          }),
        );
      }
    }
    return findings;
  },
};
