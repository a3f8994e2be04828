import type { ProfileKind } from '@shared/contract';
import type { BadgeTone } from '../../components/badge';

/** How each kind of profile is named in the UI, and what it means in a tooltip. */
export const PROFILE_KINDS: Record<ProfileKind, { label: string; tone: BadgeTone; description: string }> = {
  sso: { label: 'SSO', tone: 'accent', description: 'IAM Identity Center: short-lived credentials after `aws sso login`.' },
  static: { label: 'Static keys', tone: 'neutral', description: 'A long-lived access key in the credentials file.' },
  'assume-role': { label: 'Assume role', tone: 'neutral', description: 'Assumes a role using another profile’s credentials.' },
  'credential-process': { label: 'Credential process', tone: 'neutral', description: 'Credentials come from an external program.' },
  'web-identity': { label: 'Web identity', tone: 'neutral', description: 'Federated through an OIDC web identity token.' },
  unknown: { label: 'Unknown', tone: 'warning', description: 'The profile has no setting the AWS SDK recognises as a credential source.' },
};
