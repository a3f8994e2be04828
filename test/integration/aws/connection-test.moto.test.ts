/**
 * testConnection against a real moto_server: the SDK's own credential chain, our endpoint and
 * region handling, STS and IAM calls over HTTP, and the failures a person meets most often.
 */
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateAccountAliasCommand, CreateRoleCommand, DeleteAccountAliasCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionTestResultSchema, type ConnectionTestResult } from '@shared/contract';
import { testConnection, type ConnectionTestTarget } from '@core/aws/connection-test';
import { findFreePort, MOTO_ACCOUNT_ID, startMoto, writeAwsConfig, writeSsoTokenCache, type AwsConfigFixture, type MotoServer } from '../../support/moto';

const KEY_ID = 'AKIAMOTOTESTKEY00001';
const SECRET = 'mOtOsEcReTkEy000000000000000000000000001';
const DUMMY_KEYS = { accessKeyId: KEY_ID, secretAccessKey: SECRET };

let moto: MotoServer;
let aws: AwsConfigFixture;
let motoStartMs = 0;

function target(profile: string, extra: Partial<ConnectionTestTarget> = {}): ConnectionTestTarget {
  return { profile, roleArn: null, externalId: null, region: null, ...extra };
}

async function run(t: ConnectionTestTarget, env: NodeJS.ProcessEnv = aws.env): Promise<ConnectionTestResult> {
  const result = await testConnection(t, { env, homedir: aws.home, clock: () => new Date() });
  // Every answer fits the contract and carries no secret.
  expect(connectionTestResultSchema.parse(result)).toEqual(result);
  expect(JSON.stringify(result)).not.toContain(SECRET);
  if (process.env['SHOW'] !== undefined) console.log(JSON.stringify(result));
  return result;
}

function iam(): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: DUMMY_KEYS });
}

async function createRole(name: string): Promise<string> {
  const client = iam();
  try {
    const { Role } = await client.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    return Role?.Arn ?? '';
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  const started = Date.now();
  moto = await startMoto();
  motoStartMs = Date.now() - started;
  // Tests share one server (a reset makes moto reload its managed IAM policies, ~1 s); each
  // creates what it needs under its own names and removes what would affect another.
  await moto.reset();

  aws = await writeAwsConfig({
    endpoint: moto.endpoint,
    env: { USER: 'Jane Doe' },
    profiles: {
      dev: { config: { region: 'eu-west-1' }, credentials: { aws_access_key_id: KEY_ID, aws_secret_access_key: SECRET } },
      'role-profile': { config: { role_arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/ProfileRole`, source_profile: 'dev' } },
      proc: { config: { credential_process: 'PLACEHOLDER' } },
      webid: { config: { role_arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/WebRole`, web_identity_token_file: 'PLACEHOLDER' } },
      'sso-dev': { config: { sso_session: 'corp', sso_account_id: MOTO_ACCOUNT_ID, sso_role_name: 'ReadOnly', region: 'eu-west-1' } },
      'sso-legacy': {
        config: { sso_start_url: 'https://legacy.awsapps.com/start', sso_region: 'us-east-1', sso_account_id: MOTO_ACCOUNT_ID, sso_role_name: 'ReadOnly' },
      },
      'role-on-sso': { config: { role_arn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/Chained`, source_profile: 'sso-dev' } },
      'no-creds': { config: { region: 'eu-west-1', output: 'json' } },
      'sso-missing-session': { config: { sso_session: 'nowhere', sso_account_id: MOTO_ACCOUNT_ID, sso_role_name: 'ReadOnly' } },
      'failing-proc': { config: { credential_process: '/bin/sh -c "exit 3" --token PROCESS-SECRET-0001' } },
    },
    ssoSessions: { corp: { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'eu-west-1' } },
  });

  // A credential_process script and a web identity token file, then point the profiles at them.
  const script = join(aws.dir, 'creds.sh');
  await writeFile(script, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${KEY_ID}","SecretAccessKey":"${SECRET}"}'\n`);
  await chmod(script, 0o700);
  const token = join(aws.dir, 'token.jwt');
  await writeFile(token, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl');
  const config = await readFile(aws.configFile, 'utf8');
  await writeFile(
    aws.configFile,
    config.replace('credential_process = PLACEHOLDER', `credential_process = ${script}`).replace('web_identity_token_file = PLACEHOLDER', `web_identity_token_file = ${token}`),
  );
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  await aws?.cleanup();
  console.info(`moto_server started in ${motoStartMs} ms`);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('testConnection against moto', () => {
  it('a static-key profile: account 123456789012, no alias', async () => {
    const result = await run(target('dev'));
    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID, accountAlias: null, assumedRole: false });
    expect(result.ok && result.arn).toMatch(/^arn:aws:sts::123456789012:/);
    expect(result.ok && result.userId).not.toBe('');
  });

  it('shows the account alias when the account has one', async () => {
    const client = iam();
    await client.send(new CreateAccountAliasCommand({ AccountAlias: 'warden-test-alias' }));
    try {
      const result = await run(target('dev'));
      expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID, accountAlias: 'warden-test-alias' });
    } finally {
      await client.send(new DeleteAccountAliasCommand({ AccountAlias: 'warden-test-alias' }));
      client.destroy();
    }
  });

  it('assumes the connection role (with external ID) and acts as it', async () => {
    const roleArn = await createRole('WardenScanner');
    const result = await run(target('dev', { roleArn, externalId: 'ext-123', region: 'eu-central-1' }));
    expect(result).toMatchObject({
      ok: true,
      accountId: MOTO_ACCOUNT_ID,
      assumedRole: true,
      // The session name names the tool and the (sanitised) local user.
      arn: `arn:aws:sts::${MOTO_ACCOUNT_ID}:assumed-role/WardenScanner/agent-warden-Jane-Doe`,
    });
  });

  it('resolves an assume-role profile through the SDK, against the same endpoint', async () => {
    await createRole('ProfileRole');
    const result = await run(target('role-profile'));
    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID, assumedRole: false });
    expect(result.ok && result.arn).toContain('assumed-role/ProfileRole/');
  });

  it('resolves a credential_process profile', async () => {
    const result = await run(target('proc'));
    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID });
  });

  it('resolves a web-identity profile, against the same endpoint', async () => {
    await createRole('WebRole');
    const result = await run(target('webid'));
    expect(result).toMatchObject({ ok: true, accountId: MOTO_ACCOUNT_ID });
    expect(result.ok && result.arn).toContain('assumed-role/WebRole/');
  });

  it('a profile that does not exist: invalid_profile, naming the profile and both files', async () => {
    const result = await run(target('does-not-exist'));
    expect(result).toMatchObject({ ok: false, failure: 'invalid_profile' });
    if (result.ok) return;
    expect(result.message).toContain('"does-not-exist"');
    expect(result.message).toContain(aws.configFile);
    expect(result.message).toContain(aws.credentialsFile);
    expect(result.action).toContain('aws configure --profile does-not-exist');
  });

  it('a profile with no way to get credentials: no_credentials, naming the files', async () => {
    const result = await run(target('no-creds'));
    expect(result).toMatchObject({ ok: false, failure: 'no_credentials' });
    if (result.ok) return;
    expect(result.message).toContain('"no-creds"');
    expect(result.message).toContain(aws.configFile);
  });

  it('a failing credential_process: no_credentials, without echoing its command line', async () => {
    const result = await run(target('failing-proc'));
    expect(result).toMatchObject({ ok: false, failure: 'no_credentials', message: 'The credential_process of profile "failing-proc" failed.' });
    expect(JSON.stringify(result)).not.toContain('PROCESS-SECRET');
  });

  it('an SSO profile without a cached token: sso_expired with the exact login command', async () => {
    vi.stubEnv('HOME', aws.home); // the SDK finds ~/.aws/sso/cache through process.env
    const result = await run(target('sso-dev'));
    expect(result).toMatchObject({ ok: false, failure: 'sso_expired', action: 'aws sso login --profile sso-dev' });
  });

  it('an SSO profile whose cached token has expired: sso_expired', async () => {
    vi.stubEnv('HOME', aws.home);
    const token = await writeSsoTokenCache(aws.home, 'corp', { expiresAt: new Date(Date.now() - 3_600_000) });
    const result = await run(target('sso-dev'));
    await rm(token);
    expect(result).toMatchObject({ ok: false, failure: 'sso_expired', action: 'aws sso login --profile sso-dev' });
  });

  it('a legacy SSO profile (sso_start_url) without a token: sso_expired', async () => {
    vi.stubEnv('HOME', aws.home);
    const result = await run(target('sso-legacy'));
    expect(result).toMatchObject({ ok: false, failure: 'sso_expired', action: 'aws sso login --profile sso-legacy' });
  });

  it('a role profile on top of an SSO profile: log in with the SSO profile', async () => {
    vi.stubEnv('HOME', aws.home);
    const result = await run(target('role-on-sso'));
    expect(result).toMatchObject({ ok: false, failure: 'sso_expired', action: 'aws sso login --profile sso-dev' });
  });

  it('an SSO profile naming a missing sso-session section: invalid_profile', async () => {
    const result = await run(target('sso-missing-session'));
    expect(result).toMatchObject({ ok: false, failure: 'invalid_profile' });
    if (result.ok) return;
    expect(result.message).toContain('[sso-session nowhere]');
  });

  it('an SSO profile with a valid token but an unreachable portal: unreachable, naming SSO', async () => {
    vi.stubEnv('HOME', aws.home);
    const token = await writeSsoTokenCache(aws.home, 'https://legacy.awsapps.com/start', { expiresAt: new Date(Date.now() + 3_600_000) });
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    const result = await run(target('sso-legacy'), { ...aws.env, AWS_ENDPOINT_URL: closed });
    await rm(token);
    expect(result).toMatchObject({ ok: false, failure: 'unreachable', message: `Could not reach AWS IAM Identity Center (SSO) at ${closed}: the connection was refused.` });
  });

  it('an unreachable endpoint: unreachable within a few seconds, naming the endpoint', async () => {
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    const started = Date.now();
    const result = await run(target('dev'), { ...aws.env, AWS_ENDPOINT_URL: closed });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' });
    if (result.ok) return;
    expect(`${result.message} ${result.action}`).toContain(closed);
  });
});
