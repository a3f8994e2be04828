/** account-identity: scanner ARN, alias, summary; a changed account or a denied call ends it cleanly. */
import { GetAccountSummaryCommand, IAMClient, IAMServiceException, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { accountIdentityCollector } from '@core/aws/collectors/iam/account-identity';
import { ACCOUNT_ID, runOf, runWithFramework } from './support';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
afterAll(() => {
  sts.restore();
  iam.restore();
});
beforeEach(() => {
  sts.reset();
  iam.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT_ID, Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/WardenReadOnly/jane`, UserId: 'AROAX:jane' });
  iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['acme-prod'] });
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 12 } });
});

describe('account-identity', () => {
  it('records the scanner ARN, the alias and the summary map', async () => {
    const { runs, facts } = await runWithFramework([accountIdentityCollector]);
    expect(runOf(runs, 'account-identity')).toMatchObject({
      outcome: 'ok',
      message: `Account ${ACCOUNT_ID} (acme-prod), scanned as arn:aws:sts::${ACCOUNT_ID}:assumed-role/WardenReadOnly/jane.`,
    });
    expect(facts.scannerArn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/WardenReadOnly/jane`);
    expect(facts.account).toEqual({ id: ACCOUNT_ID, alias: 'acme-prod', partition: 'aws', source: 'live' });
    expect(facts.accountSummary).toEqual({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 12 });
  });

  it('no alias: null', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    const { facts } = await runWithFramework([accountIdentityCollector]);
    expect(facts.account.alias).toBeNull();
    expect(facts.accountSummary).not.toBeNull();
  });

  it('credentials that answer for another account: failed, nothing written', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321', Arn: 'arn:aws:iam::210987654321:user/x' });
    const { runs, facts } = await runWithFramework([accountIdentityCollector]);
    expect(runOf(runs, 'account-identity')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('210987654321, not for the scanned account 123456789012') as unknown });
    expect(facts.scannerArn).toBeNull();
    expect(facts.accountSummary).toBeNull();
  });

  it('GetAccountSummary denied: denied, nothing written', async () => {
    iam.on(GetAccountSummaryCommand).rejects(new IAMServiceException({ name: 'AccessDenied', message: 'no', $fault: 'client', $metadata: { httpStatusCode: 403 } }));
    const { runs, facts } = await runWithFramework([accountIdentityCollector]);
    expect(runOf(runs, 'account-identity').outcome).toBe('denied');
    expect(facts.scannerArn).toBeNull();
    expect(facts.account.alias).toBeNull();
  });
});
