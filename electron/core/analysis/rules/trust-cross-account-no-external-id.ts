import { posix, shellLines } from '../../lib/posix-shell';
import type { Finding } from '../types';
import { cliFix, makeFinding } from './finding';
import type { RuleContext, RuleDefinition } from './rule';
import { accountOfPrincipal, allowTrustStatements, restrictingEntries } from './trust-reading';

/**
 * NHI3: a role trusts an account outside the workspace (a vendor) without `sts:ExternalId`: the
 * confused-deputy problem, where the vendor can be tricked into acting on this account for another customer.
 */
export const trustCrossAccountNoExternalId: RuleDefinition = {
  id: 'trust_cross_account_no_external_id',
  title: 'A role trusts another account without an external ID',
  defaultSeverity: 'medium',
  step: 4,
  frameworks: ['NHI3'],
  firesWhen: "a role trusts a principal in another account that is not in the workspace's known accounts, without an `sts:ExternalId` condition",
  evaluate(ctx: RuleContext): Finding[] {
    const findings: Finding[] = [];
    const own = ctx.facts.account.id;
    for (const role of ctx.roleByArn.values()) {
      if (role.serviceLinked) continue;
      const foreign = new Map<string, { principal: string; index: number; statement: (typeof role.trustPolicy) }>();
      for (const statement of allowTrustStatements(role.trustPolicy)) {
        const externalId = restrictingEntries(statement.condition).some((entry) => entry.key.toLowerCase() === 'sts:externalid');
        if (externalId) continue;
        for (const principal of statement.aws) {
          const account = accountOfPrincipal(principal);
          if (account === null || account === own || ctx.knownAccounts.has(account) || foreign.has(account)) continue;
          foreign.set(account, { principal, index: statement.index, statement: statement.statement });
        }
      }
      // One finding per role and foreign account: a role trusting two vendors has two problems.
      for (const [account, trust] of foreign) {
        const name = role.name;
        const fixed = { ...trust.statement, Condition: { StringEquals: { 'sts:ExternalId': '<EXTERNAL_ID_FROM_THE_VENDOR>' } } };
        findings.push(
          makeFinding(this, ctx, {
            principalArn: role.arn,
            resourceArn: role.arn,
            resourceId: role.name,
            discriminator: account,
            evidence: {
              role: role.name,
              trustedAccount: account,
              knownAccount: `no: ${account} is not one of this workspace's known accounts (scanned, connected, in the organisation or declared in Settings)`,
              principal: trust.principal,
              statementIndex: trust.index,
              statement: trust.statement,
            },
            remediation:
              `If account ${account} is a vendor, ask them for the external ID they assigned to you and add it as an sts:ExternalId condition to the trust policy of ${role.name}. ` +
              `If it is one of your own accounts or a vendor you trust without an external ID, declare it under Settings → Known accounts: trusts to a declared account are not reported.`,
            fix: cliFix(
              shellLines([
                posix`# keep any other statements of the current trust policy (aws iam get-role --role-name ${name})`,
                posix`aws iam update-assume-role-policy --role-name ${name} --policy-document ${JSON.stringify({ Version: '2012-10-17', Statement: [fixed] }, null, 2)}`,
              ]),
            ),
            explanation:
              'A vendor that assumes roles in many customers\' accounts can be tricked by one customer into using your role (the "confused deputy"). An external ID that only you and the vendor know prevents that.',
          }),
        );
      }
    }
    return findings;
  },
};
