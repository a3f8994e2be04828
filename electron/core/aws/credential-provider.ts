/**
 * Credentials for a named profile (or the environment's default chain) through the AWS SDK's own
 * providers, with everything taken from an explicit environment instead of process.env.
 *
 * `fromIni` does the work for static-key, credential-process and assume-role profiles. It is bypassed
 * in two places where it would silently fall back to process.env: SSO profiles (its nested `fromSSO`
 * is not given the config file paths) and web-identity profiles (its nested STS client is not given
 * our endpoint); those go to `fromSSO` / `fromTokenFile` directly, and an assume-role profile whose
 * source chain reaches one of them assumes its role here.
 *
 * Credentials live in memory only (see memoizeCredentials); nothing here writes them anywhere.
 */
import { AssumeRoleCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { fromIni, fromInstanceMetadata, fromContainerMetadata, fromSSO, fromTokenFile } from '@aws-sdk/credential-providers';
import { AwsConfigError } from './aws-config-error';
import { profileKind, type ProfileSettings } from './profile-kind';
import type { SharedConfigFiles } from './shared-config-files';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<AwsCredentials>;

/** The merged view of both files, exactly as the SDK sees it (profile name → settings). */
export type SharedProfiles = Readonly<Record<string, ProfileSettings | undefined>>;

/** Settings for the SDK's inner clients (STS for roles and web identity, SSO for the portal). */
export interface InnerClientConfig {
  region?: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

export interface CredentialContext {
  env: NodeJS.ProcessEnv;
  files: SharedConfigFiles;
  profiles: SharedProfiles;
  clock: () => Date;
  /** RoleSessionName for roles we assume ourselves when the profile names none. */
  roleSessionName: string;
  stsConfig: InnerClientConfig;
  /** No region here: the SSO client must use the profile's sso_region. */
  ssoConfig: InnerClientConfig;
}

export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  DurationSeconds?: number;
  /**
   * The human behind the session, carried into CloudTrail when the role's trust policy allows
   * sts:SetSourceIdentity; when it does not, the role is assumed again without it.
   */
  SourceIdentity?: string;
}

/** AWS refuses AssumeRole with a SourceIdentity unless the trust policy allows sts:SetSourceIdentity. */
function refusedSourceIdentity(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : '';
  return name === 'AccessDenied' && /SetSourceIdentity/i.test(message);
}

/** Refresh this long before temporary credentials expire. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/** One resolution shared by every client; resolved again when near expiry or after a failure. */
export function memoizeCredentials(provider: CredentialsProvider, clock: () => Date): CredentialsProvider {
  let pending: Promise<AwsCredentials> | null = null;
  return async () => {
    if (pending !== null) {
      try {
        const cached = await pending;
        const { expiration } = cached;
        if (expiration === undefined || expiration.getTime() - clock().getTime() > EXPIRY_MARGIN_MS) return cached;
      } catch {
        // fall through: try again
      }
    }
    const attempt = provider();
    pending = attempt;
    attempt.catch(() => {
      if (pending === attempt) pending = null;
    });
    return attempt;
  };
}

/** AssumeRole with the given source credentials, through our own STS client. */
export function assumeRoleCredentials(
  source: CredentialsProvider,
  params: AssumeRoleParams,
  stsConfig: STSClientConfig,
): CredentialsProvider {
  return async () => {
    const sourceCredentials = await source();
    const sts = new STSClient({ ...stsConfig, credentials: sourceCredentials });
    try {
      let reply;
      try {
        reply = await sts.send(new AssumeRoleCommand(params));
      } catch (error) {
        if (params.SourceIdentity === undefined || !refusedSourceIdentity(error)) throw error;
        const { SourceIdentity: _dropped, ...withoutSource } = params;
        reply = await sts.send(new AssumeRoleCommand(withoutSource));
      }
      const { Credentials } = reply;
      if (Credentials?.AccessKeyId === undefined || Credentials.SecretAccessKey === undefined) {
        throw new Error(`STS returned no credentials for role ${params.RoleArn}.`);
      }
      return {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        ...(Credentials.SessionToken !== undefined && { sessionToken: Credentials.SessionToken }),
        ...(Credentials.Expiration !== undefined && { expiration: Credentials.Expiration }),
      };
    } finally {
      sts.destroy();
    }
  };
}

function filesSentence(files: SharedConfigFiles): string {
  return `${files.configFile} and ${files.credentialsFile}`;
}

/** Does resolving this profile involve SSO or web identity anywhere along its source_profile chain? */
function chainNeedsDirectProviders(name: string, profiles: SharedProfiles, seen: Set<string> = new Set()): boolean {
  const settings = profiles[name];
  if (settings === undefined || seen.has(name)) return false;
  seen.add(name);
  const kind = profileKind(settings);
  if (kind === 'sso' || kind === 'web-identity') return true;
  const source = settings['source_profile'];
  return kind === 'assume-role' && source !== undefined && chainNeedsDirectProviders(source, profiles, seen);
}

function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number.parseInt(value, 10);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Credentials for a named profile, resolved lazily (errors surface when the provider is called). */
export function profileCredentials(name: string, context: CredentialContext, visited: ReadonlySet<string> = new Set()): CredentialsProvider {
  const { files, profiles } = context;
  const settings = profiles[name];
  const sdkFiles = { profile: name, filepath: files.credentialsFile, configFilepath: files.configFile, ignoreCache: true };

  if (settings === undefined) {
    return () =>
      Promise.reject(
        new AwsConfigError(
          'profile_not_found',
          name,
          `The AWS profile "${name}" was not found (or has no settings) in ${filesSentence(files)}.`,
        ),
      );
  }
  if (visited.has(name)) {
    return () =>
      Promise.reject(
        new AwsConfigError('invalid_profile', name, `The source_profile settings form a loop: ${[...visited, name].join(' → ')}.`),
      );
  }

  const kind = profileKind(settings);
  switch (kind) {
    case 'sso': {
      const session = settings['sso_session'];
      if (session !== undefined && profiles[`sso-session.${session}`] === undefined) {
        // The SDK would fail with a TypeError here.
        return () =>
          Promise.reject(
            new AwsConfigError(
              'invalid_profile',
              name,
              `The AWS profile "${name}" uses sso_session "${session}", but ${files.configFile} has no [sso-session ${session}] section.`,
            ),
          );
      }
      return fromSSO({ ...sdkFiles, clientConfig: context.ssoConfig });
    }
    case 'web-identity': {
      const tokenFile = settings['web_identity_token_file'] ?? '';
      const roleArn = settings['role_arn'] ?? '';
      const roleSessionName = settings['role_session_name'];
      return fromTokenFile({
        webIdentityTokenFile: tokenFile,
        roleArn,
        ...(roleSessionName !== undefined && { roleSessionName }),
        clientConfig: context.stsConfig,
      });
    }
    case 'assume-role': {
      const source = settings['source_profile'];
      if (source === undefined || !chainNeedsDirectProviders(source, profiles)) break;
      if (settings['mfa_serial'] !== undefined) {
        return () =>
          Promise.reject(
            new AwsConfigError('mfa_required', name, `The AWS profile "${name}" needs an MFA code (mfa_serial), which Agent Warden cannot ask for.`),
          );
      }
      const externalId = settings['external_id'];
      const duration = parseDuration(settings['duration_seconds']);
      return assumeRoleCredentials(
        profileCredentials(source, context, new Set([...visited, name])),
        {
          RoleArn: settings['role_arn'] ?? '',
          RoleSessionName: settings['role_session_name'] ?? context.roleSessionName,
          ...(externalId !== undefined && { ExternalId: externalId }),
          ...(duration !== undefined && { DurationSeconds: duration }),
        },
        context.stsConfig,
      );
    }
    case 'unknown':
      if (settings['login_session'] !== undefined) break; // console-login credentials: fromIni knows them
      return () =>
        Promise.reject(
          new AwsConfigError(
            'no_credentials',
            name,
            `The AWS profile "${name}" has no credentials the AWS SDK can use (no access keys, SSO, role, credential process or web identity) in ${filesSentence(files)}.`,
          ),
        );
    default:
      break;
  }
  return fromIni({ ...sdkFiles, clientConfig: context.stsConfig });
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The SDK's default chain (fromNodeProviderChain) driven by an explicit environment: AWS_PROFILE,
 * else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else the [default] profile, else web identity from
 * AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN, else container or instance metadata.
 */
export function defaultChainCredentials(context: CredentialContext): CredentialsProvider {
  const { env } = context;
  const profile = envValue(env, 'AWS_PROFILE');
  if (profile !== undefined) return profileCredentials(profile, context);

  const accessKeyId = envValue(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = envValue(env, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    const sessionToken = envValue(env, 'AWS_SESSION_TOKEN');
    const expiry = envValue(env, 'AWS_CREDENTIAL_EXPIRATION');
    const credentials: AwsCredentials = {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken !== undefined && { sessionToken }),
      ...(expiry !== undefined && { expiration: new Date(expiry) }),
    };
    return () => Promise.resolve(credentials);
  }

  if (context.profiles['default'] !== undefined) return profileCredentials('default', context);

  const tokenFile = envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
  const roleArn = envValue(env, 'AWS_ROLE_ARN');
  if (tokenFile !== undefined && roleArn !== undefined) {
    const roleSessionName = envValue(env, 'AWS_ROLE_SESSION_NAME') ?? context.roleSessionName;
    return fromTokenFile({ webIdentityTokenFile: tokenFile, roleArn, roleSessionName, clientConfig: context.stsConfig });
  }

  if (envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') !== undefined || envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') !== undefined) {
    return fromContainerMetadata({ timeout: 1000, maxRetries: 0 });
  }
  if (envValue(env, 'AWS_EC2_METADATA_DISABLED')?.toLowerCase() !== 'true') {
    const fromImds = fromInstanceMetadata({ timeout: 1000, maxRetries: 0 });
    return () =>
      fromImds().catch(() => {
        throw noCredentialsAnywhere(context);
      });
  }
  return () => Promise.reject(noCredentialsAnywhere(context));
}

function noCredentialsAnywhere(context: CredentialContext): AwsConfigError {
  return new AwsConfigError(
    'no_credentials',
    null,
    `No AWS credentials were found: AWS_PROFILE and AWS_ACCESS_KEY_ID are not set, there is no [default] profile in ${filesSentence(context.files)}, and no web identity, container or instance credentials are available.`,
  );
}
