/**
 * Who the scan runs as and what the account is called: STS GetCallerIdentity (the scanner's ARN, and
 * a check that the credentials still answer for the account being scanned), IAM ListAccountAliases
 * and GetAccountSummary (account-level counts such as root MFA and root access keys).
 */
import { GetAccountSummaryCommand, IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Collector } from '../../scanner/collector';
import { sendOptions } from './sdk-values';

export const accountIdentityCollector: Collector = {
  id: 'account-identity',
  label: 'Account identity, alias and IAM summary',
  scope: 'global',
  phase: 1,
  async collect(ctx) {
    const sts = ctx.client(STSClient, 'STS');
    const iam = ctx.client(IAMClient, 'IAM');
    const identity = await sts.send(new GetCallerIdentityCommand({}), sendOptions(ctx));
    // Facts about another account filed under this one would be worse than no facts: a profile
    // whose credentials changed mid-scan (or a role chain that landed elsewhere) stops here.
    if (identity.Account !== undefined && identity.Account !== ctx.accountId) {
      throw new Error(`The credentials now answer for account ${identity.Account}, not for the scanned account ${ctx.accountId}.`);
    }
    ctx.progress(1, 3);
    const [aliases, summary] = await Promise.all([
      iam.send(new ListAccountAliasesCommand({}), sendOptions(ctx)),
      iam.send(new GetAccountSummaryCommand({}), sendOptions(ctx)),
    ]);
    ctx.progress(3, 3);
    // An account has at most one alias (AWS's rule); the list shape is historical.
    const alias = aliases.AccountAliases?.[0] ?? null;
    const summaryMap: Record<string, number> = {};
    for (const [key, value] of Object.entries(summary.SummaryMap ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value)) summaryMap[key] = value;
    }
    const scannerArn = identity.Arn ?? null;
    ctx.note(`Account ${ctx.accountId}${alias !== null ? ` (${alias})` : ''}, scanned as ${scannerArn ?? 'an unnamed identity'}.`);
    return (draft) => {
      draft.scannerArn = scannerArn;
      draft.account = { ...draft.account, alias };
      draft.accountSummary = summaryMap;
    };
  },
};
