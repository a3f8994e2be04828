/**
 * How the AWS SDK will obtain credentials for a profile, decided in the SDK's own order
 * (resolveProfileData in @aws-sdk/credential-provider-ini): assume-role, static keys, web identity,
 * credential process, SSO.
 */
import type { ProfileKind } from '@shared/contract';

export type ProfileSettings = Readonly<Record<string, string | undefined>>;

export function isAssumeRoleProfile(settings: ProfileSettings): boolean {
  return (
    settings['role_arn'] !== undefined &&
    (settings['source_profile'] !== undefined) !== (settings['credential_source'] !== undefined)
  );
}

export function isSsoProfile(settings: ProfileSettings): boolean {
  return ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].some(
    (key) => settings[key] !== undefined,
  );
}

export function isWebIdentityProfile(settings: ProfileSettings): boolean {
  return settings['web_identity_token_file'] !== undefined && settings['role_arn'] !== undefined;
}

export function profileKind(settings: ProfileSettings): ProfileKind {
  if (isAssumeRoleProfile(settings)) return 'assume-role';
  if (settings['aws_access_key_id'] !== undefined) return 'static';
  if (isWebIdentityProfile(settings)) return 'web-identity';
  if (settings['credential_process'] !== undefined) return 'credential-process';
  if (isSsoProfile(settings)) return 'sso';
  return 'unknown';
}
