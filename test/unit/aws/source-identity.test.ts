import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { assumeRoleCredentials } from '@core/aws/credential-provider';

const sts = mockClient(STSClient);
const source = (): Promise<{ accessKeyId: string; secretAccessKey: string }> => Promise.resolve({ accessKeyId: 'AKID', secretAccessKey: 'secret' });
const issued = { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) };
const params = { RoleArn: 'arn:aws:iam::123456789012:role/Scanner', RoleSessionName: 'agent-warden-alice', SourceIdentity: 'alice' };

describe('assuming the scanner role with sts:SourceIdentity', () => {
  afterEach(() => sts.reset());

  it('carries the source identity when the trust policy allows it', async () => {
    sts.on(AssumeRoleCommand).resolves({ Credentials: issued });
    await assumeRoleCredentials(source, params, { region: 'us-east-1' })();
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toMatchObject({ SourceIdentity: 'alice' });
  });

  it('assumes the role again without it when sts:SetSourceIdentity is not allowed', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: sts:SetSourceIdentity on resource'), { name: 'AccessDenied' });
    // The generic answer first: the more specific matcher defined after it wins for its input.
    sts.on(AssumeRoleCommand).resolves({ Credentials: issued });
    sts.on(AssumeRoleCommand, { SourceIdentity: 'alice' }).rejects(denied);
    const credentials = await assumeRoleCredentials(source, params, { region: 'us-east-1' })();
    expect(credentials.accessKeyId).toBe('ASIAEXAMPLE');
    const calls = sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.SourceIdentity);
    expect(calls).toEqual(['alice', undefined]);
  });

  it('does not retry other refusals', async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
    await expect(assumeRoleCredentials(source, params, { region: 'us-east-1' })()).rejects.toThrow(/sts:AssumeRole/);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });
});
