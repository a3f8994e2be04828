/**
 * testConnection with STS and IAM mocked (aws-sdk-client-mock): the answers moto cannot give
 * (denials, revoked or expired keys, DNS failures), and what the person is told to do about them.
 */
import { IAMClient, IAMServiceException, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionTestResultSchema, type ConnectionTestResult } from '@shared/contract';
import { testConnection, type ConnectionTestTarget } from '@core/aws/connection-test';
import { writeAwsConfig, type AwsConfigFixture } from '../../support/aws-config';

const SECRET = 'mOcKsEcReTkEy000000000000000000000000001';
const ROLE = 'arn:aws:iam::210987654321:role/WardenReadOnly';
const IDENTITY = { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/jane', UserId: 'AIDAEXAMPLEUSERID000' };

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
let aws: AwsConfigFixture;

function stsError(name: string, message: string): STSServiceException {
  return new STSServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 403 } });
}

function target(extra: Partial<ConnectionTestTarget> = {}): ConnectionTestTarget {
  return { profile: 'dev', roleArn: null, externalId: null, region: 'eu-west-1', ...extra };
}

async function run(t: ConnectionTestTarget = target()): Promise<ConnectionTestResult> {
  const result = await testConnection(t, { env: aws.env, homedir: aws.home, clock: () => new Date() });
  expect(connectionTestResultSchema.parse(result)).toEqual(result);
  expect(JSON.stringify(result)).not.toContain(SECRET);
  return result;
}

function failed(result: ConnectionTestResult): Extract<ConnectionTestResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

beforeAll(async () => {
  aws = await writeAwsConfig({
    profiles: {
      dev: { credentials: { aws_access_key_id: 'AKIAMOCKTESTKEY00001', aws_secret_access_key: SECRET } },
      odd: { credentials: { aws_access_key_id: 'AKIAMOCKTESTKEY00003', aws_secret_access_key: 'oddLengthSecretValue0000000001' } },
      temp: { credentials: { aws_access_key_id: 'ASIAMOCKTESTKEY00002', aws_secret_access_key: SECRET, aws_session_token: 'token' } },
    },
  });
});

afterAll(async () => {
  sts.restore();
  iam.restore();
  await aws.cleanup();
});

beforeEach(() => {
  sts.reset();
  iam.reset();
  sts.on(GetCallerIdentityCommand).resolves(IDENTITY);
  iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod-main'] });
});

describe('testConnection with mocked STS and IAM', () => {
  it('returns the identity and the alias', async () => {
    expect(await run()).toEqual({ ok: true, ...{ accountId: IDENTITY.Account, arn: IDENTITY.Arn, userId: IDENTITY.UserId }, accountAlias: 'prod-main', assumedRole: false });
  });

  it('ListAccountAliases denied: still ok, alias null', async () => {
    iam.on(ListAccountAliasesCommand).rejects(
      new IAMServiceException({ name: 'AccessDenied', message: 'User is not authorized to perform: iam:ListAccountAliases', $fault: 'client', $metadata: {} }),
    );
    expect(await run()).toMatchObject({ ok: true, accountId: IDENTITY.Account, accountAlias: null });
  });

  it('AccessDenied on AssumeRole: access_denied naming the role, the caller and the external ID condition', async () => {
    sts.on(AssumeRoleCommand).rejects(stsError('AccessDenied', `User: ${IDENTITY.Arn} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`));
    const result = failed(await run(target({ roleArn: ROLE, externalId: 'ext-42' })));
    expect(result.failure).toBe('access_denied');
    expect(result.message).toContain(ROLE);
    expect(result.message).toContain('profile "dev"');
    expect(result.action).toContain(`The trust policy of ${ROLE} must allow`);
    expect(result.action).toContain('sts:ExternalId');
    expect(`${result.message} ${result.action}`).not.toContain('ext-42');
  });

  it('sends AssumeRole with the external ID, a session name naming the tool and user, and the user as source identity', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAROLE000000000001', SecretAccessKey: SECRET, SessionToken: 'session', Expiration: new Date(Date.now() + 900_000) },
    });
    const result = await testConnection(target({ roleArn: ROLE, externalId: 'ext-42' }), {
      env: { ...aws.env, USER: 'jane.doe@corp (admin)' },
      homedir: aws.home,
      clock: () => new Date(),
    });
    expect(result).toMatchObject({ ok: true, assumedRole: true });
    const call = sts.commandCalls(AssumeRoleCommand)[0];
    expect(call?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'agent-warden-jane.doe@corp-admin',
      ExternalId: 'ext-42',
      DurationSeconds: 900,
      SourceIdentity: 'jane.doe@corp--admin-',
    });
  });

  it.each([
    ['InvalidClientTokenId', 'The security token included in the request is invalid.', /does not recognise the access key of profile "dev"/],
    ['SignatureDoesNotMatch', 'The request signature we calculated does not match', /secret access key of profile "dev" does not match/],
    ['ExpiredToken', 'The security token included in the request is expired', /temporary credentials of profile "dev" have expired/],
  ])('%s: expired_credentials with what to fix', async (name, message, expected) => {
    sts.on(GetCallerIdentityCommand).rejects(stsError(name, message));
    const result = failed(await run());
    expect(result.failure).toBe('expired_credentials');
    expect(result.message).toMatch(expected);
    expect(result.action).toContain(aws.credentialsFile);
  });

  it('ExpiredToken while assuming the role: says so', async () => {
    sts.on(AssumeRoleCommand).rejects(stsError('ExpiredTokenException', 'The security token included in the request is expired'));
    const result = failed(await run(target({ profile: 'temp', roleArn: ROLE })));
    expect(result).toMatchObject({ failure: 'expired_credentials' });
    expect(result.message).toContain("while assuming the connection's role");
    expect(result.action).toContain('Get fresh temporary credentials for profile "temp"');
  });

  it('a DNS failure: unreachable, naming the host', async () => {
    sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'sts.eu-west-1.amazonaws.com' }),
    );
    const result = failed(await run());
    expect(result).toMatchObject({ failure: 'unreachable', message: 'Could not reach AWS STS at https://sts.eu-west-1.amazonaws.com: its host name could not be resolved.' });
    expect(result.action).toContain('internet connection');
  });

  it('a timeout: unreachable', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('connection timed out'), { name: 'TimeoutError' }));
    expect(failed(await run())).toMatchObject({ failure: 'unreachable' });
  });

  it('STS disabled in the region: unknown, with the region and what to do', async () => {
    sts.on(GetCallerIdentityCommand).rejects(stsError('RegionDisabledException', 'STS is not activated in this region'));
    const result = failed(await run());
    expect(result.failure).toBe('unknown');
    expect(result.action).toContain('eu-west-1');
  });

  it('anything else: unknown with the SDK message, secrets cut out', async () => {
    sts.on(GetCallerIdentityCommand).rejects(stsError('Throttling', `Rate exceeded for key AKIAMOCKTESTKEY00001 with ${SECRET}`));
    const result = failed(await run());
    expect(result.failure).toBe('unknown');
    expect(result.message).toContain('Throttling: Rate exceeded');
    expect(result.message).not.toContain('AKIAMOCKTESTKEY00001');
  });

  it('cuts the exact secret values of the files from SDK text, whatever their shape', async () => {
    sts.on(GetCallerIdentityCommand).rejects(stsError('InternalFailure', 'echoing oddLengthSecretValue0000000001 back'));
    const result = failed(await run(target({ profile: 'odd' })));
    expect(result.message).toContain('echoing [redacted] back');
  });
});
