/**
 * Turns whatever the AWS SDK threw during a connection test into one of the contract's failure
 * kinds, with a message and an action a person can act on. Never echoes a secret: messages are
 * built from profile names, role ARNs and file paths, and any SDK text goes through the session's redactor
 * (the exact secret values of the files and environment, plus anything shaped like a key).
 */
import type { ConnectionFailure, ConnectionTestResult } from '@shared/contract';
import { AwsConfigError } from './aws-config-error';
import type { ProfileChain } from './profile-chain';
import type { SharedConfigFiles } from './shared-config-files';
import { shellQuote } from '../lib/posix-shell';

export type ConnectionTestFailure = Extract<ConnectionTestResult, { ok: false }>;

/** Which step failed: getting the profile's credentials, assuming the connection's role, or STS. */
export type ConnectionTestStage = 'credentials' | 'assume-role' | 'identity';

export interface FailureContext {
  stage: ConnectionTestStage;
  /** The profile in use (null: environment credentials). */
  profile: string | null;
  chain: ProfileChain;
  files: SharedConfigFiles;
  /** The connection's role, if any. */
  roleArn: string | null;
  externalIdUsed: boolean;
  region: string;
  endpoints: { sts: string; sso: string };
  /** Cuts secrets from SDK text (see createRedactor). */
  redact: (message: string) => string;
}

interface ErrorFacts {
  names: string[];
  codes: string[];
  messages: string[];
  hostname: string | null;
  address: string | null;
  port: number | null;
  path: string | null;
}

function stringField(value: object, key: string): string | null {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : null;
}

/** Names, codes and messages of the error and its causes (the SDK and Node nest them). */
function factsOf(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { names: [], codes: [], messages: [], hostname: null, address: null, port: null, path: null };
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (typeof current !== 'object') {
      if (typeof current === 'string') facts.messages.push(current);
      break;
    }
    const name = stringField(current, 'name');
    const code = stringField(current, 'code') ?? stringField(current, 'Code');
    const message = stringField(current, 'message');
    if (name !== null) facts.names.push(name);
    if (code !== null) facts.codes.push(code);
    if (message !== null) facts.messages.push(message);
    facts.hostname ??= stringField(current, 'hostname');
    facts.address ??= stringField(current, 'address');
    facts.path ??= stringField(current, 'path');
    const port = (current as Record<string, unknown>)['port'];
    if (facts.port === null && typeof port === 'number') facts.port = port;
    current = (current as Record<string, unknown>)['cause'];
  }
  return facts;
}

function has(facts: ErrorFacts, ...names: string[]): boolean {
  return names.some((name) => facts.names.includes(name) || facts.codes.includes(name));
}

function mentions(facts: ErrorFacts, pattern: RegExp): boolean {
  return facts.messages.some((message) => pattern.test(message));
}

const GENERIC_ERROR_NAMES = new Set(['Error', 'ProviderError', 'CredentialsProviderError', 'TokenProviderError']);

function sdkMessage(facts: ErrorFacts, context: FailureContext): string {
  const message = facts.messages[0] ?? 'no details';
  const name = facts.names.find((n) => !GENERIC_ERROR_NAMES.has(n) && !message.startsWith(n));
  return context.redact(name !== undefined ? `${name}: ${message}` : message);
}

function fail(failure: ConnectionFailure, message: string, action: string): ConnectionTestFailure {
  return { ok: false, failure, message, action };
}

function profileLabel(profile: string | null): string {
  return profile === null ? 'the environment credentials' : `profile "${profile}"`;
}

function filesSentence(files: SharedConfigFiles): string {
  return `${files.configFile} and ${files.credentialsFile}`;
}

// ---------------------------------------------------------------------------------------------
// Network.
// ---------------------------------------------------------------------------------------------

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name could not be resolved',
  EAI_AGAIN: 'its host name could not be resolved',
  ETIMEDOUT: 'it did not answer in time',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted (a proxy may be intercepting HTTPS)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its TLS certificate could not be verified (a proxy may be intercepting HTTPS)',
};

function networkReason(facts: ErrorFacts): string | null {
  for (const code of [...facts.codes, ...facts.names]) {
    const reason = NETWORK_CODES[code];
    if (reason !== undefined) return reason;
  }
  if (has(facts, 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException')) return 'it did not answer in time';
  for (const [code, reason] of Object.entries(NETWORK_CODES)) {
    if (mentions(facts, new RegExp(`\\b${code}\\b`))) return reason;
  }
  if (mentions(facts, /socket hang up|did not establish a connection|exceeded the configured .*requestTimeout/i)) {
    return 'it did not answer in time';
  }
  return null;
}

function unreachable(reason: string, facts: ErrorFacts, context: FailureContext): ConnectionTestFailure {
  const ssoStep = context.stage === 'credentials' && context.chain.ssoProfile !== null;
  const expected = ssoStep ? context.endpoints.sso : context.endpoints.sts;
  const service = ssoStep ? 'AWS IAM Identity Center (SSO)' : 'AWS STS';
  const host = facts.hostname ?? (facts.address !== null ? `${facts.address}${facts.port !== null ? `:${facts.port}` : ''}` : null);
  // Name the endpoint we were configured with when the error is about it, else the host that failed.
  const where = host === null || expected.includes(host) ? expected : host;
  const configured = /^https?:\/\//.test(expected) && !/amazonaws\.com/.test(expected);
  const action = configured
    ? `Check that the endpoint ${expected} (set by AWS_ENDPOINT_URL) is running and reachable, or unset AWS_ENDPOINT_URL to use AWS itself.`
    : `Check this computer's internet connection, VPN, proxy and firewall, and that ${where} is reachable from it; then test again.`;
  return fail('unreachable', `Could not reach ${service} at ${where}: ${reason}.`, action);
}

// ---------------------------------------------------------------------------------------------
// Classification.
// ---------------------------------------------------------------------------------------------

const INVALID_KEY_ERRORS = ['InvalidClientTokenId', 'InvalidAccessKeyId', 'UnrecognizedClientException'];
const EXPIRED_TOKEN_ERRORS = ['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired'];
const ACCESS_DENIED_ERRORS = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError'];

function fromConfigError(error: AwsConfigError, context: FailureContext): ConnectionTestFailure {
  const files = filesSentence(context.files);
  switch (error.problem) {
    case 'profile_not_found':
      return fail(
        'invalid_profile',
        error.message,
        `Check the profile name, or add profile "${error.profile ?? ''}" to ${files} (for example with \`aws configure --profile ${shellQuote(error.profile ?? 'NAME')}\`). Set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE if your files are elsewhere.`,
      );
    case 'no_credentials':
      return fail(
        'no_credentials',
        error.message,
        error.profile !== null
          ? `Give profile "${error.profile}" credentials in ${files}: access keys, an SSO session (\`aws configure sso --profile ${shellQuote(error.profile)}\`), a role with a source_profile, or a credential_process.`
          : `Choose a profile from ${files}, or set AWS_PROFILE.`,
      );
    case 'mfa_required':
      return fail(
        'no_credentials',
        error.message,
        `Use a profile that needs no MFA prompt, or get temporary credentials first (for example with \`aws sts get-session-token\`) and store them in a profile.`,
      );
    case 'invalid_profile':
      return fail('invalid_profile', error.message, `Fix the source_profile settings in ${files}.`);
  }
}

function ssoFailure(facts: ErrorFacts, context: FailureContext): ConnectionTestFailure | null {
  const ssoProfile = context.chain.ssoProfile;
  const involvesSso = ssoProfile !== null || mentions(facts, /aws sso login/i);
  if (!involvesSso || context.stage !== 'credentials') return null;
  const loginProfile = ssoProfile ?? context.profile ?? 'default';

  if (mentions(facts, /invalid SSO credentials|missing required property|could not be found in shared credentials file|Conflicting SSO|Incomplete configuration/i)) {
    return fail(
      'invalid_profile',
      `The SSO settings of profile "${loginProfile}" are incomplete: ${sdkMessage(facts, context)}`,
      `Run \`aws configure sso --profile ${shellQuote(loginProfile)}\` to set the profile up again.`,
    );
  }
  if (has(facts, 'ForbiddenException') || mentions(facts, /ForbiddenException|No access/)) {
    return fail(
      'access_denied',
      `Your SSO user may not use the role and account set in profile "${loginProfile}" (sso_role_name, sso_account_id).`,
      `Check sso_account_id and sso_role_name of profile "${loginProfile}", or ask your AWS administrator to assign you that permission set.`,
    );
  }
  if (
    has(facts, 'UnauthorizedException', 'TokenProviderError', 'CredentialsProviderError', 'InvalidGrantException') &&
    mentions(facts, /sso|token|UnauthorizedException|expired|login/i)
  ) {
    const via = context.profile !== null && context.profile !== loginProfile ? ` (used by profile "${context.profile}")` : '';
    return fail(
      'sso_expired',
      `The SSO session of profile "${loginProfile}"${via} has expired, or you have not logged in yet.`,
      `aws sso login --profile ${shellQuote(loginProfile)}`,
    );
  }
  return null;
}

function invalidCredentials(facts: ErrorFacts, context: FailureContext): ConnectionTestFailure | null {
  const webIdentity = context.chain.kinds.includes('web-identity');
  if (webIdentity && has(facts, 'InvalidIdentityToken', 'ExpiredTokenException', 'IDPRejectedClaim')) {
    return fail(
      'expired_credentials',
      `The web identity token of profile "${context.chain.names[0] ?? ''}" was refused: ${sdkMessage(facts, context)}`,
      `Refresh the token file named by web_identity_token_file, and check the role's trust policy for that identity provider.`,
    );
  }
  const invalidKey = has(facts, ...INVALID_KEY_ERRORS);
  const signature = has(facts, 'SignatureDoesNotMatch');
  const expired = has(facts, ...EXPIRED_TOKEN_ERRORS) || mentions(facts, /returned expired credentials/);
  if (!invalidKey && !signature && !expired) return null;

  const holder = context.chain.processProfile ?? context.chain.staticProfile ?? context.profile;
  const who = profileLabel(holder);
  const onRole = context.stage === 'assume-role' ? ' (while assuming the connection\'s role)' : '';
  let message: string;
  if (signature) message = `The secret access key of ${who} does not match its access key ID${onRole}.`;
  else if (invalidKey) message = `AWS does not recognise the access key of ${who}: it was deleted, deactivated or mistyped${onRole}.`;
  else message = `The temporary credentials of ${who} have expired${onRole}.`;

  let action: string;
  if (context.chain.processProfile !== null) {
    action = `Check that the credential_process of profile "${context.chain.processProfile}" returns current credentials.`;
  } else if (holder === null) {
    action = 'Update AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in the environment, or choose a profile.';
  } else if (context.chain.ssoProfile !== null) {
    // Role credentials from SSO that no longer work: the session behind them is what to renew.
    return fail(
      'sso_expired',
      `The credentials from the SSO session of profile "${context.chain.ssoProfile}" were refused or have expired.`,
      `aws sso login --profile ${shellQuote(context.chain.ssoProfile)}`,
    );
  } else if (expired) {
    action = `Get fresh temporary credentials for profile "${holder}" and update ${context.files.credentialsFile}.`;
  } else {
    action = `Update the keys of profile "${holder}" in ${context.files.credentialsFile} (for example with \`aws configure --profile ${shellQuote(holder)}\`), or create a new access key in IAM.`;
  }
  return fail('expired_credentials', message, action);
}

function accessDenied(facts: ErrorFacts, context: FailureContext): ConnectionTestFailure | null {
  if (!has(facts, ...ACCESS_DENIED_ERRORS) && !mentions(facts, /not authorized to perform/i)) return null;
  const caller = profileLabel(context.profile);
  if (context.stage === 'assume-role' && context.roleArn !== null) {
    const externalId = context.externalIdUsed
      ? ', with a condition on sts:ExternalId that matches the external ID saved with this connection'
      : '';
    return fail(
      'access_denied',
      `Access denied when the identity of ${caller} tried to assume role ${context.roleArn}.`,
      `The trust policy of ${context.roleArn} must allow the identity of ${caller} to call sts:AssumeRole${externalId}, and that identity needs permission for sts:AssumeRole on the role. Check the role ARN, or ask the account's administrator.`,
    );
  }
  if (context.stage === 'credentials' && context.chain.profileRoleArn !== null) {
    const source = context.chain.names[1];
    return fail(
      'access_denied',
      `Access denied assuming role ${context.chain.profileRoleArn}, which ${caller} is set to use.`,
      `The trust policy of ${context.chain.profileRoleArn} must allow ${source !== undefined ? `the identity of profile "${source}"` : 'the source identity'} to call sts:AssumeRole (with the external_id of the profile, if it sets one).`,
    );
  }
  return fail('access_denied', `Access denied for ${caller}: ${sdkMessage(facts, context)}`, `Ask the account's administrator to grant the identity of ${caller} the permission named above.`);
}

function providerFailure(facts: ErrorFacts, context: FailureContext): ConnectionTestFailure | null {
  const files = filesSentence(context.files);
  const caller = profileLabel(context.profile);
  if (mentions(facts, /requires multi-factor authentication/i)) {
    return fail(
      'no_credentials',
      `${caller[0]?.toUpperCase() ?? ''}${caller.slice(1)} needs an MFA code (mfa_serial), which Agent Warden cannot ask for.`,
      'Use a profile that needs no MFA prompt, or get temporary credentials first (for example with `aws sts get-session-token`) and store them in a profile.',
    );
  }
  if (mentions(facts, /Unsupported credential source|Detected a cycle|Web identity configuration not specified/i)) {
    return fail('invalid_profile', `The settings of ${caller} are not valid: ${sdkMessage(facts, context)}`, `Fix ${caller} in ${files}.`);
  }
  if (context.stage === 'credentials' && has(facts, 'ENOENT', 'EACCES') && context.chain.kinds.includes('web-identity')) {
    return fail(
      'invalid_profile',
      `The web identity token file${facts.path !== null ? ` ${facts.path}` : ''} of ${caller} cannot be read.`,
      'Check web_identity_token_file in the profile, and that the file exists and is readable.',
    );
  }
  if (context.stage === 'credentials' && context.chain.processProfile !== null) {
    const safe = mentions(facts, /credential_process (returned invalid JSON|did not return Version 1|returned invalid credentials)/);
    return fail(
      'no_credentials',
      safe ? context.redact(facts.messages[0] ?? '') : `The credential_process of profile "${context.chain.processProfile}" failed.`,
      `Run the credential_process command of profile "${context.chain.processProfile}" in a terminal to see why it fails; it must print credentials as JSON (Version 1).`,
    );
  }
  if (mentions(facts, /Could not resolve credentials using profile|Could not load credentials from any providers|Unable to find.*credentials/i)) {
    return fail(
      'no_credentials',
      `No usable credentials were found for ${caller} in ${files}.`,
      context.profile !== null
        ? `Give profile "${context.profile}" credentials: access keys, an SSO session (\`aws configure sso --profile ${shellQuote(context.profile)}\`), a role with a source_profile, or a credential_process.`
        : 'Choose a profile, or set AWS_PROFILE.',
    );
  }
  return null;
}

export function classifyConnectionFailure(error: unknown, context: FailureContext): ConnectionTestFailure {
  if (error instanceof AwsConfigError) return fromConfigError(error, context);
  const facts = factsOf(error);

  const reason = networkReason(facts);
  if (reason !== null) return unreachable(reason, facts, context);

  const classified =
    ssoFailure(facts, context) ?? invalidCredentials(facts, context) ?? accessDenied(facts, context) ?? providerFailure(facts, context);
  if (classified !== null) return classified;

  if (has(facts, 'RegionDisabledException')) {
    return fail(
      'unknown',
      `STS is not activated in ${context.region} for this account.`,
      `Choose another region for this connection, or activate STS in ${context.region} in the IAM account settings.`,
    );
  }
  return fail(
    'unknown',
    `The test failed at ${context.stage === 'credentials' ? 'getting credentials' : context.stage === 'assume-role' ? 'assuming the role' : 'calling STS GetCallerIdentity'}: ${sdkMessage(facts, context)}`,
    `Check the settings of ${profileLabel(context.profile)} in ${filesSentence(context.files)}, then test again.`,
  );
}
