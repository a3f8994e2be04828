/** organizations: the organisation and its accounts; "not in one" and "may not list" are facts. */
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { organizationsCollector } from '@core/aws/collectors/iam/organizations';
import { organizationsFactsSchema } from '@core/discovery/facts';
import { ACCOUNT_ID, runOf, runWithFramework } from './support';

const orgs = mockClient(OrganizationsClient);
afterAll(() => orgs.restore());
beforeEach(() => orgs.reset());

function organization(managementAccountId: string) {
  return {
    Organization: {
      Id: 'o-abc123',
      Arn: `arn:aws:organizations::${managementAccountId}:organization/o-abc123`,
      FeatureSet: 'ALL' as const,
      MasterAccountId: managementAccountId,
      MasterAccountArn: `arn:aws:organizations::${managementAccountId}:account/o-abc123/${managementAccountId}`,
    },
  };
}

function account(id: string, name: string) {
  return {
    Id: id,
    Arn: `arn:aws:organizations::${ACCOUNT_ID}:account/o-abc123/${id}`,
    Name: name,
    Email: `${name}@example.com`,
    Status: 'ACTIVE' as const,
    State: 'ACTIVE' as const,
    JoinedTimestamp: new Date('2022-01-01T00:00:00Z'),
  };
}

describe('organizations', () => {
  it('management account: the organisation and every account, across pages', async () => {
    orgs.on(DescribeOrganizationCommand).resolves(organization(ACCOUNT_ID));
    orgs
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [account(ACCOUNT_ID, 'management')], NextToken: 't1' })
      .resolvesOnce({ Accounts: [account('210987654321', 'dev'), { ...account('111122223333', 'closed'), State: 'CLOSED' as const }] });
    const { runs, facts } = await runWithFramework([organizationsCollector]);
    expect(runOf(runs, 'organizations')).toMatchObject({ outcome: 'ok', message: 'Organization o-abc123 (this is its management account): 3 accounts.' });
    expect(orgs.commandCalls(ListAccountsCommand).map((call) => call.args[0].input)).toEqual([{}, { NextToken: 't1' }]);
    const parsed = organizationsFactsSchema.parse(facts.organizations);
    expect(parsed.organization).toEqual({ id: 'o-abc123', arn: `arn:aws:organizations::${ACCOUNT_ID}:organization/o-abc123`, managementAccountId: ACCOUNT_ID, featureSet: 'ALL' });
    expect(parsed.accounts.map((a) => [a.id, a.name, a.status])).toEqual([
      [ACCOUNT_ID, 'management', 'ACTIVE'],
      ['210987654321', 'dev', 'ACTIVE'],
      ['111122223333', 'closed', 'CLOSED'],
    ]);
    expect(parsed.accounts[0]).toMatchObject({ email: 'management@example.com', joinedAt: '2022-01-01T00:00:00.000Z' });
  });

  it('not in an organisation: written as organization null (looked, none), outcome ok', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata: {} }));
    const { runs, facts } = await runWithFramework([organizationsCollector]);
    expect(runOf(runs, 'organizations')).toMatchObject({ outcome: 'ok', message: 'The account is not in an AWS Organization.' });
    expect(facts.organizations).toEqual({ organization: null, accounts: [] });
    expect(orgs.commandCalls(ListAccountsCommand)).toHaveLength(0);
  });

  it('member account refused ListAccounts: the organisation, no accounts, a note', async () => {
    orgs.on(DescribeOrganizationCommand).resolves(organization('999988887777'));
    orgs.on(ListAccountsCommand).rejects(new AccessDeniedException({ message: 'You don’t have permissions to access this resource.', $metadata: {} }));
    const { runs, facts } = await runWithFramework([organizationsCollector]);
    expect(runOf(runs, 'organizations')).toMatchObject({ outcome: 'ok', message: expect.stringContaining('member accounts not listed') as unknown });
    expect(facts.organizations?.organization?.managementAccountId).toBe('999988887777');
    expect(facts.organizations?.accounts).toEqual([]);
  });

  it('management account refused ListAccounts: denied (a missing permission), nothing written', async () => {
    orgs.on(DescribeOrganizationCommand).resolves(organization(ACCOUNT_ID));
    orgs.on(ListAccountsCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: { httpStatusCode: 400 } }));
    const { runs, facts } = await runWithFramework([organizationsCollector]);
    expect(runOf(runs, 'organizations').outcome).toBe('denied');
    expect(facts.organizations).toBeNull();
  });

  it('is optional: only when the scan asks for it', () => {
    expect(organizationsCollector.optional).toBe(true);
  });
});
