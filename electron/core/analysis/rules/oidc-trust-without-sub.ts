import { posix } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';
import { unpinnedOidcTrusts } from './trust-reading';

/** Examples of a pinned subject per provider, for the fix. */
function exampleSubject(host: string): string {
  if (host.includes('githubusercontent')) return 'repo:<ORG>/<REPO>:ref:refs/heads/main';
  if (host.includes('gitlab')) return 'project_path:<GROUP>/<PROJECT>:ref_type:branch:ref:main';
  if (host.includes('eks') || host.includes('oidc.')) return 'system:serviceaccount:<NAMESPACE>:<SERVICE_ACCOUNT>';
  return '<EXPECTED_SUBJECT>';
}

/** NHI4 / ASI03: web-identity federation with no pinned `sub`: every token of the provider works. */
export const oidcTrustWithoutSub: RuleDefinition = {
  id: 'oidc_trust_without_sub',
  title: 'An OIDC trust does not pin the token subject',
  defaultSeverity: 'critical',
  step: 3,
  frameworks: ['NHI4', 'ASI03'],
  firesWhen:
    "a role trusts a federated OIDC provider (GitHub Actions, GitLab, EKS, …) for `sts:AssumeRoleWithWebIdentity` without a condition that pins the token's `sub` (a missing condition, or `*` as the whole value)",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const role of ctx.roleByArn.values()) {
      const unpinned = unpinnedOidcTrusts(role.trustPolicy);
      const seen = new Set<string>();
      for (const trust of unpinned) {
        if (seen.has(trust.provider)) continue;
        seen.add(trust.provider);
        const name = role.name;
        const fixed = {
          ...trust.statement.statement,
          Condition: {
            ...(trust.statement.condition ?? {}),
            StringEquals: { [`${trust.host}:aud`]: trust.host.includes('githubusercontent') ? 'sts.amazonaws.com' : '<AUDIENCE>', [`${trust.host}:sub`]: exampleSubject(trust.host) },
          },
        };
        findings.push(
          makeFinding(this, ctx, {
            principalArn: role.arn,
            resourceArn: role.arn,
            resourceId: role.name,
            discriminator: trust.provider,
            evidence: { role: role.name, provider: trust.provider, statementIndex: trust.statement.index, statement: trust.statement.statement, condition: trust.statement.condition },
            remediation:
              `Add a condition on ${trust.host}:sub to the trust policy of ${role.name} that names the exact repository (and branch or environment) or service account allowed to assume it. ` +
              'A wildcard inside one repository is acceptable; "*" on its own is not.',
            fix: cliFix(posix`aws iam update-assume-role-policy --role-name ${name} --policy-document ${JSON.stringify({ Version: '2012-10-17', Statement: [fixed] }, null, 2)}`),
            explanation:
              `${trust.host} issues tokens to everyone who uses it (any GitHub repository, any GitLab project, any pod). Without a subject condition, all of them can assume this role.`,
          }),
        );
      }
    }
    return findings;
  },
};
