/**
 * The one place that builds AWS SDK client configuration for a connection: region, endpoint,
 * credentials, retries and timeouts, all from an explicit environment (never process.env directly),
 * so tests and `warden serve` can pass their own.
 *
 *   const session = await openAwsSession({ profile, roleArn, externalId, region, env, homedir, clock, purpose });
 *   const sts = new STSClient(session.clientConfig('STS'));
 *
 * Limits, all inside the SDK: the SSO token cache (~/.aws/sso/cache) is found through process.env's
 * HOME, and `credential_source = Environment` / container credentials read process.env.
 */
import { userInfo } from 'node:os';
import { parseKnownFiles } from '@smithy/shared-ini-file-loader';
import {
  assumeRoleCredentials,
  defaultChainCredentials,
  memoizeCredentials,
  profileCredentials,
  type CredentialContext,
  type CredentialsProvider,
  type InnerClientConfig,
  type SharedProfiles,
} from './credential-provider';
import { describeProfileChain, type ProfileChain } from './profile-chain';
import { createRedactor, SECRET_ENV_VARS, SECRET_SETTINGS } from './redact-secrets';
import { roleSessionName } from './role-session-name';
import { resolveSharedConfigFiles, type SharedConfigFiles } from './shared-config-files';

export const DEFAULT_REGION = 'us-east-1';

/** What the clients are for: a quick "Test" must fail in seconds; a scan may retry and wait longer. */
export type ClientPurpose = 'connection-test' | 'scan';

export interface ClientPreset {
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** Requested lifetime of credentials from a role we assume. */
  roleDurationSeconds: number;
}

export const CLIENT_PRESETS: Readonly<Record<ClientPurpose, ClientPreset>> = {
  'connection-test': { maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 8_000, roleDurationSeconds: 900 },
  scan: { maxAttempts: 8, connectionTimeoutMs: 5_000, requestTimeoutMs: 60_000, roleDurationSeconds: 3_600 },
};

/** The configuration object every SDK v3 client constructor accepts. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: CredentialsProvider;
  maxAttempts: number;
  retryMode: 'adaptive';
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * The SDK's standard endpoint variables: `AWS_ENDPOINT_URL_<SERVICE>` (the service ID upper-cased,
 * spaces and dashes as underscores, e.g. AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_BEDROCK_AGENT), then
 * `AWS_ENDPOINT_URL`; none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv, serviceId: string): string | undefined {
  if (envValue(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')?.toLowerCase() === 'true') return undefined;
  const specific = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/[\s-]+/g, '_')}`;
  return envValue(env, specific) ?? envValue(env, 'AWS_ENDPOINT_URL');
}

/** The connection's region, else AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
export function resolveRegion(requested: string | null, env: NodeJS.ProcessEnv, profileRegion: string | null): string {
  return requested ?? envValue(env, 'AWS_REGION') ?? envValue(env, 'AWS_DEFAULT_REGION') ?? profileRegion ?? DEFAULT_REGION;
}

/** Where a service's requests go, for messages: the configured endpoint or the public one. */
export function endpointLabel(env: NodeJS.ProcessEnv, serviceId: string, region: string): string {
  const configured = endpointFromEnv(env, serviceId);
  if (configured !== undefined) return configured;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const host = serviceId.toLowerCase().replace(/\s+/g, '-');
  return host === 'iam' && !region.startsWith('cn-') && !region.startsWith('us-gov-')
    ? `https://iam.${suffix}`
    : `https://${host}.${region}.${suffix}`;
}

/** The local user's name, for role session names: USER, USERNAME, LOGNAME, else the OS's answer. */
export function localUserName(env: NodeJS.ProcessEnv): string | null {
  const fromEnv = envValue(env, 'USER') ?? envValue(env, 'USERNAME') ?? envValue(env, 'LOGNAME');
  if (fromEnv !== undefined) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

export interface AwsSessionOptions {
  /** The profile to use; null means the SDK's default chain (AWS_PROFILE, env keys, [default], …). */
  profile: string | null;
  /** A role to assume on top of the profile's credentials (a connection's role). */
  roleArn: string | null;
  externalId: string | null;
  /** The connection's region; null to take it from the environment or the profile. */
  region: string | null;
  env: NodeJS.ProcessEnv;
  homedir: string;
  clock: () => Date;
  purpose: ClientPurpose;
}

export interface AwsSession {
  /** The profile in use: the one asked for, else AWS_PROFILE or [default] (null: environment keys etc.). */
  readonly profile: string | null;
  readonly region: string;
  readonly files: SharedConfigFiles;
  /** The named profile's source_profile chain (names and kinds), for advice in error messages. */
  readonly chain: ProfileChain;
  readonly roleArn: string | null;
  readonly externalId: string | null;
  /** RoleSessionName used for roles assumed by Agent Warden. */
  readonly roleSessionName: string;
  /** The profile's own credentials (before the connection's role). */
  readonly baseCredentials: CredentialsProvider;
  /** The identity the scanner acts as: the connection's role when set, else the profile's. */
  readonly credentials: CredentialsProvider;
  /** Config for a client of the given service (its SDK service ID, e.g. "STS", "IAM", "Bedrock Agent"). */
  clientConfig(serviceId: string, options?: { credentials?: CredentialsProvider }): AwsClientConfig;
  /** Where that service's requests go, for messages. */
  endpointLabel(serviceId: string): string;
  /** Cuts every secret value of the files and environment (and anything shaped like one) from a text. */
  readonly redact: (message: string) => string;
}

function knownSecrets(profiles: SharedProfiles, env: NodeJS.ProcessEnv): string[] {
  const secrets: string[] = [];
  for (const settings of Object.values(profiles)) {
    for (const key of SECRET_SETTINGS) {
      const value = settings?.[key];
      if (value !== undefined) secrets.push(value);
    }
  }
  for (const name of SECRET_ENV_VARS) {
    const value = env[name];
    if (value !== undefined) secrets.push(value);
  }
  return secrets;
}

function innerConfig(preset: ClientPreset, endpoint: string | undefined, region: string | undefined): InnerClientConfig {
  return {
    ...(region !== undefined && { region }),
    ...(endpoint !== undefined && { endpoint }),
    maxAttempts: preset.maxAttempts,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: preset.connectionTimeoutMs, requestTimeout: preset.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/** The SDK's standard AWS_MAX_ATTEMPTS (1–20) overrides the preset's retry budget. */
export function withEnvMaxAttempts(preset: ClientPreset, env: NodeJS.ProcessEnv): ClientPreset {
  const value = envValue(env, 'AWS_MAX_ATTEMPTS');
  const attempts = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(attempts) && attempts >= 1 && attempts <= 20 ? { ...preset, maxAttempts: attempts } : preset;
}

export async function openAwsSession(options: AwsSessionOptions): Promise<AwsSession> {
  const { env, clock } = options;
  const preset = withEnvMaxAttempts(CLIENT_PRESETS[options.purpose], env);
  const files = resolveSharedConfigFiles(env, options.homedir);
  // The SDK's own reading of both files (missing or unreadable files read as empty).
  const profiles: SharedProfiles = await parseKnownFiles({
    filepath: files.credentialsFile,
    configFilepath: files.configFile,
    ignoreCache: true,
  });

  // The profile actually used, following the same order as defaultChainCredentials.
  const envKeys = envValue(env, 'AWS_ACCESS_KEY_ID') !== undefined && envValue(env, 'AWS_SECRET_ACCESS_KEY') !== undefined;
  const profileName =
    options.profile ?? envValue(env, 'AWS_PROFILE') ?? (!envKeys && profiles['default'] !== undefined ? 'default' : null);
  const profileRegion = profileName !== null ? (profiles[profileName]?.['region'] ?? null) : null;
  const region = resolveRegion(options.region, env, profileRegion);
  const sessionName = roleSessionName(localUserName(env));
  // sts:SourceIdentity: 2–64 characters of [\w+=,.@-]; the local user, when it fits.
  const localUser = localUserName(env)?.replace(/[^\w+=,.@-]/g, '-').slice(0, 64) ?? null;
  const sourceIdentity = localUser !== null && localUser.length >= 2 ? localUser : null;

  const context: CredentialContext = {
    env,
    files,
    profiles,
    clock,
    roleSessionName: sessionName,
    stsConfig: innerConfig(preset, endpointFromEnv(env, 'STS'), region),
    ssoConfig: innerConfig(preset, endpointFromEnv(env, 'SSO'), undefined),
  };

  const baseCredentials = memoizeCredentials(
    options.profile !== null ? profileCredentials(options.profile, context) : defaultChainCredentials(context),
    clock,
  );
  const credentials =
    options.roleArn === null
      ? baseCredentials
      : memoizeCredentials(
          assumeRoleCredentials(
            baseCredentials,
            {
              RoleArn: options.roleArn,
              RoleSessionName: sessionName,
              DurationSeconds: preset.roleDurationSeconds,
              ...(options.externalId !== null && { ExternalId: options.externalId }),
              ...(sourceIdentity !== null && { SourceIdentity: sourceIdentity }),
            },
            context.stsConfig,
          ),
          clock,
        );

  return {
    profile: profileName,
    region,
    files,
    chain: describeProfileChain(profileName, profiles),
    roleArn: options.roleArn,
    externalId: options.externalId,
    roleSessionName: sessionName,
    baseCredentials,
    credentials,
    clientConfig(serviceId, overrides) {
      const endpoint = endpointFromEnv(env, serviceId);
      return {
        region,
        ...(endpoint !== undefined && { endpoint }),
        credentials: overrides?.credentials ?? credentials,
        maxAttempts: preset.maxAttempts,
        retryMode: 'adaptive',
        requestHandler: { connectionTimeout: preset.connectionTimeoutMs, requestTimeout: preset.requestTimeoutMs, throwOnRequestTimeout: true },
      };
    },
    endpointLabel: (serviceId) => endpointLabel(env, serviceId, region),
    redact: createRedactor(knownSecrets(profiles, env)),
  };
}
