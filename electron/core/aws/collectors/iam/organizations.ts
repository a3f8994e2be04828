/**
 * The AWS Organization the account belongs to and, where the account may list them (the management
 * account or a delegated administrator), its member accounts: the list an organisation-wide scan
 * walks. Optional: only when the scan asks for it.
 *
 * "Not in an organisation" is a fact (`organization: null`), not a failure, so it is written and the
 * outcome stays ok; so is a member account that may not list its siblings (`accounts: []`). A
 * management account refused ListAccounts is a missing permission and ends as `denied`.
 */
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
  type DescribeOrganizationCommandOutput,
  type ListAccountsCommandOutput,
} from '@aws-sdk/client-organizations';
import type { OrganizationAccountFacts, OrganizationsFacts } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { forEachPage, nextTokenOf } from './pages';
import { count, isAwsError, isoOrNull, sendOptions } from './sdk-values';

export const organizationsCollector: Collector = {
  id: 'organizations',
  label: 'AWS Organizations',
  scope: 'global',
  phase: 1,
  optional: true,
  async collect(ctx) {
    const client = ctx.client(OrganizationsClient, 'Organizations');
    let described: DescribeOrganizationCommandOutput;
    try {
      described = await client.send(new DescribeOrganizationCommand({}), sendOptions(ctx));
    } catch (error) {
      if (!isAwsError(error, 'AWSOrganizationsNotInUse')) throw error;
      ctx.note('The account is not in an AWS Organization.');
      return (draft) => {
        draft.organizations = { organization: null, accounts: [] };
      };
    }
    const org = described.Organization;
    if (org?.Id === undefined || org.Arn === undefined) throw new Error('DescribeOrganization answered without an organisation ID.');
    const organization: NonNullable<OrganizationsFacts['organization']> = {
      id: org.Id,
      arn: org.Arn,
      managementAccountId: org.MasterAccountId ?? null,
      featureSet: org.FeatureSet ?? null,
    };
    const isManagement = organization.managementAccountId === ctx.accountId;

    const accounts: OrganizationAccountFacts[] = [];
    let odd = 0;
    try {
      await forEachPage<ListAccountsCommandOutput>({
        what: 'ListAccounts',
        signal: ctx.signal,
        fetch: (token) => client.send(new ListAccountsCommand({ ...(token !== undefined && { NextToken: token }) }), sendOptions(ctx)),
        nextToken: nextTokenOf,
        onPage: (page, index) => {
          for (const account of page.Accounts ?? []) {
            if (account.Id === undefined || !/^\d{12}$/.test(account.Id) || account.Arn === undefined) {
              odd += 1;
              continue;
            }
            accounts.push({
              id: account.Id,
              arn: account.Arn,
              name: account.Name ?? account.Id,
              email: account.Email ?? null,
              // `State` replaces the deprecated `Status` (and adds PENDING_ACTIVATION, CLOSED).
              status: account.State ?? account.Status ?? null,
              joinedAt: isoOrNull(account.JoinedTimestamp),
            });
          }
          ctx.progress(index + 1, page.NextToken !== undefined ? index + 2 : index + 1);
        },
      });
    } catch (error) {
      if (isManagement || !isAwsError(error, 'AccessDenied')) throw error;
      ctx.note(`Organization ${organization.id}; member accounts not listed (only the management account or a delegated administrator may list them).`);
      return (draft) => {
        draft.organizations = { organization, accounts: [] };
      };
    }
    if (odd > 0) ctx.warn(`${odd} organisation ${odd === 1 ? 'account was' : 'accounts were'} left out: AWS returned no valid account ID or ARN.`);
    ctx.note(`Organization ${organization.id}${isManagement ? ' (this is its management account)' : ''}: ${count(accounts.length, 'account')}.`);
    return (draft) => {
      draft.organizations = { organization, accounts };
    };
  },
};
