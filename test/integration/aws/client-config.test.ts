/**
 * Client configuration from an explicit environment: region order, endpoint variables, timeouts,
 * session names, the in-memory credential cache, and the default chain when no profile is named.
 */
import { describe, expect, it } from 'vitest';
import {
  CLIENT_PRESETS,
  endpointFromEnv,
  endpointLabel,
  openAwsSession,
  resolveRegion,
  type AwsSessionOptions,
} from '@core/aws/client-config';
import { memoizeCredentials, type AwsCredentials } from '@core/aws/credential-provider';
import { roleSessionName } from '@core/aws/role-session-name';
import { redactSecrets } from '@core/aws/redact-secrets';
import { writeAwsConfig } from '../../support/aws-config';

describe('resolveRegion', () => {
  it('takes the connection region, then AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' };
    expect(resolveRegion('ap-south-1', env, 'sa-east-1')).toBe('ap-south-1');
    expect(resolveRegion(null, env, 'sa-east-1')).toBe('eu-west-1');
    expect(resolveRegion(null, { AWS_DEFAULT_REGION: 'eu-west-2' }, 'sa-east-1')).toBe('eu-west-2');
    expect(resolveRegion(null, { AWS_REGION: ' ' }, 'sa-east-1')).toBe('sa-east-1');
    expect(resolveRegion(null, {}, null)).toBe('us-east-1');
  });
});

describe('endpointFromEnv', () => {
  it('uses the SDK names: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5001', AWS_ENDPOINT_URL_BEDROCK_AGENT: 'http://x:1' };
    expect(endpointFromEnv(env, 'STS')).toBe('http://127.0.0.1:5001');
    expect(endpointFromEnv(env, 'IAM')).toBe('http://127.0.0.1:5000');
    expect(endpointFromEnv(env, 'Bedrock Agent')).toBe('http://x:1');
    expect(endpointFromEnv({}, 'IAM')).toBeUndefined();
    expect(endpointFromEnv({ ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'STS')).toBeUndefined();
  });

  it('labels the public endpoints for messages', () => {
    expect(endpointLabel({}, 'STS', 'eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(endpointLabel({}, 'IAM', 'eu-west-1')).toBe('https://iam.amazonaws.com');
    expect(endpointLabel({}, 'STS', 'cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
  });
});

describe('roleSessionName', () => {
  it('names the tool and the user within the STS charset and length', () => {
    expect(roleSessionName('jane')).toBe('agent-warden-jane');
    expect(roleSessionName('DOMAIN\\Jane Doe')).toBe('agent-warden-DOMAIN-Jane-Doe');
    expect(roleSessionName('zoë@corp.example')).toBe('agent-warden-zo-@corp.example');
    expect(roleSessionName(null)).toBe('agent-warden');
    expect(roleSessionName('***')).toBe('agent-warden');
    const long = roleSessionName('x'.repeat(100));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('redactSecrets', () => {
  it('cuts key IDs, secret keys, long tokens and failed command lines', () => {
    expect(redactSecrets('key AKIAIOSFODNN7EXAMPLE here')).toBe('key [redacted key id] here');
    expect(redactSecrets('secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY end')).toBe('secret [redacted] end');
    expect(redactSecrets(`token ${'A1b2'.repeat(40)}`)).toBe('token [redacted]');
    expect(redactSecrets('Command failed: get-creds --password hunter2')).toBe('[a credential_process command failed; its output is not shown]');
    // ARNs and ordinary words survive.
    const arn = 'arn:aws:iam::123456789012:role/AgentWardenScannerRoleForProduction';
    expect(redactSecrets(arn)).toBe(arn);
  });
});

describe('timeouts and retries', () => {
  it('a connection test retries once and gives up within seconds', () => {
    const preset = CLIENT_PRESETS['connection-test'];
    expect(preset.maxAttempts).toBeLessThanOrEqual(2);
    expect(preset.maxAttempts * (preset.connectionTimeoutMs + preset.requestTimeoutMs)).toBeLessThanOrEqual(30_000);
  });

  it('every client config is adaptive, with the preset timeouts and the env endpoint', async () => {
    const aws = await writeAwsConfig({
      endpoint: 'http://127.0.0.1:4566',
      profiles: { dev: { config: { region: 'eu-north-1' }, credentials: { aws_access_key_id: 'AKIACLIENTCONFIG0001', aws_secret_access_key: 'x'.repeat(40) } } },
    });
    try {
      const session = await openAwsSession(options(aws.env, aws.home, { profile: 'dev' }));
      const config = session.clientConfig('STS');
      expect(config).toMatchObject({
        region: 'eu-north-1',
        endpoint: 'http://127.0.0.1:4566',
        maxAttempts: CLIENT_PRESETS['connection-test'].maxAttempts,
        retryMode: 'adaptive',
        requestHandler: {
          connectionTimeout: CLIENT_PRESETS['connection-test'].connectionTimeoutMs,
          requestTimeout: CLIENT_PRESETS['connection-test'].requestTimeoutMs,
          throwOnRequestTimeout: true,
        },
      });
      expect(await config.credentials()).toMatchObject({ accessKeyId: 'AKIACLIENTCONFIG0001' });
    } finally {
      await aws.cleanup();
    }
  });
});

function options(env: NodeJS.ProcessEnv, homedir: string, extra: Partial<AwsSessionOptions>): AwsSessionOptions {
  return { profile: null, roleArn: null, externalId: null, region: null, env, homedir, clock: () => new Date(), purpose: 'connection-test', ...extra };
}

describe('the default chain when no profile is named', () => {
  it('AWS_PROFILE wins, then environment keys, then [default]', async () => {
    const aws = await writeAwsConfig({
      profiles: {
        default: { credentials: { aws_access_key_id: 'AKIADEFAULTPROFILE01', aws_secret_access_key: 'd'.repeat(40) } },
        other: { credentials: { aws_access_key_id: 'AKIAOTHERPROFILE0001', aws_secret_access_key: 'o'.repeat(40) } },
      },
    });
    try {
      const keys = { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENTKEY01', AWS_SECRET_ACCESS_KEY: 'e'.repeat(40) };
      const byProfile = await openAwsSession(options({ ...aws.env, ...keys, AWS_PROFILE: 'other' }, aws.home, {}));
      expect(byProfile.profile).toBe('other');
      expect(await byProfile.credentials()).toMatchObject({ accessKeyId: 'AKIAOTHERPROFILE0001' });

      const byKeys = await openAwsSession(options({ ...aws.env, ...keys }, aws.home, {}));
      expect(byKeys.profile).toBeNull();
      expect(await byKeys.credentials()).toMatchObject({ accessKeyId: 'AKIAENVIRONMENTKEY01' });

      const byDefault = await openAwsSession(options(aws.env, aws.home, {}));
      expect(byDefault.profile).toBe('default');
      expect(await byDefault.credentials()).toMatchObject({ accessKeyId: 'AKIADEFAULTPROFILE01' });
    } finally {
      await aws.cleanup();
    }
  });

  it('nothing at all: a clear no-credentials error naming the files', async () => {
    const aws = await writeAwsConfig({});
    try {
      const session = await openAwsSession(options(aws.env, aws.home, {}));
      await expect(session.credentials()).rejects.toMatchObject({ name: 'AwsConfigError', problem: 'no_credentials' });
      await expect(session.credentials()).rejects.toThrow(aws.configFile);
    } finally {
      await aws.cleanup();
    }
  });
});

describe('memoizeCredentials', () => {
  it('resolves once, again near expiry, and again after a failure', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    let calls = 0;
    let fail = false;
    const provider = (): Promise<AwsCredentials> => {
      calls += 1;
      if (fail) return Promise.reject(new Error('boom'));
      return Promise.resolve({ accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(now.getTime() + 3_600_000) });
    };
    const cached = memoizeCredentials(provider, () => now);

    expect((await cached()).accessKeyId).toBe('K1');
    expect((await cached()).accessKeyId).toBe('K1');
    now = new Date(now.getTime() + 56 * 60_000); // 4 minutes before expiry
    expect((await cached()).accessKeyId).toBe('K2');
    fail = true;
    now = new Date(now.getTime() + 3_600_000);
    await expect(cached()).rejects.toThrow('boom');
    fail = false;
    expect((await cached()).accessKeyId).toBe('K4');
  });
});
