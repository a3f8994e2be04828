import { posix } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';
import { openTrusts } from './trust-reading';

/** NHI5: a trust policy lets `*` assume the role with no condition that narrows who. */
const PARTNER_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::<PARTNER_ACCOUNT_ID>:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': '<EXTERNAL_ID>' } } }],
};

export const trustAnyPrincipal: RuleDefinition = {
  id: 'trust_any_principal',
  title: 'Any AWS principal can assume the role',
  defaultSeverity: 'critical',
  step: 4,
  frameworks: ['NHI5'],
  firesWhen: 'a role\'s trust policy allows `*` / `{"AWS":"*"}` with no restricting condition',
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    for (const role of ctx.roleByArn.values()) {
      if (role.serviceLinked) continue;
      const open = openTrusts(role.trustPolicy);
      if (open.length === 0) continue;
      const name = role.name;
      findings.push(
        makeFinding(this, ctx, {
          principalArn: role.arn,
          resourceArn: role.arn,
          resourceId: role.name,
          evidence: { role: role.name, statements: open.map((s) => s.statement), statementIndexes: open.map((s) => s.index) },
          remediation:
            `Replace the "*" principal in the trust policy of ${role.name} with the exact accounts or roles that need it. If a partner needs it, name the partner's account and require an sts:ExternalId; ` +
            'if only your organisation does, add an aws:PrincipalOrgID condition.',
          // The document travels as one quoted argument: no file to overwrite, no heredoc to end early.
          fix: cliFix(posix`aws iam update-assume-role-policy --role-name ${name} --policy-document ${JSON.stringify(PARTNER_TRUST, null, 2)}`),
          explanation: 'Anyone with any AWS account in the world can assume this role and use all its permissions. There is no password, key or account to guess.',
        }),
      );
    }
    return findings;
  },
};
