/**
 * What a profile's source_profile chain looks like, for advice: which profile holds the SSO session
 * to log in with, which role the profile itself assumes. Names and kinds only, never a secret.
 */
import type { ProfileKind } from '@shared/contract';
import { profileKind, type ProfileSettings } from './profile-kind';

export interface ProfileChain {
  /** From the named profile down to the one that holds the base credentials. */
  names: string[];
  kinds: ProfileKind[];
  /** The first SSO profile along the chain: the one to run `aws sso login --profile` with. */
  ssoProfile: string | null;
  /** That profile's SSO region (from the profile or its sso-session section). */
  ssoRegion: string | null;
  /** The role the named profile itself assumes (assume-role and web-identity profiles). */
  profileRoleArn: string | null;
  /** The first profile along the chain that runs a credential_process. */
  processProfile: string | null;
  /** The first profile along the chain that holds static keys. */
  staticProfile: string | null;
}

export function describeProfileChain(
  name: string | null,
  profiles: Readonly<Record<string, ProfileSettings | undefined>>,
): ProfileChain {
  const chain: ProfileChain = { names: [], kinds: [], ssoProfile: null, ssoRegion: null, profileRoleArn: null, processProfile: null, staticProfile: null };
  let current = name;
  while (current !== null && !chain.names.includes(current)) {
    const settings = profiles[current];
    if (settings === undefined) break;
    const kind = profileKind(settings);
    chain.names.push(current);
    chain.kinds.push(kind);
    if (chain.names.length === 1 && (kind === 'assume-role' || kind === 'web-identity')) {
      chain.profileRoleArn = settings['role_arn'] ?? null;
    }
    if (kind === 'sso' && chain.ssoProfile === null) {
      chain.ssoProfile = current;
      const session = settings['sso_session'];
      chain.ssoRegion = settings['sso_region'] ?? (session !== undefined ? profiles[`sso-session.${session}`]?.['sso_region'] : undefined) ?? null;
    }
    if (kind === 'credential-process' && chain.processProfile === null) chain.processProfile = current;
    if (kind === 'static' && chain.staticProfile === null) chain.staticProfile = current;
    current = kind === 'assume-role' ? (settings['source_profile'] ?? null) : null;
  }
  return chain;
}
