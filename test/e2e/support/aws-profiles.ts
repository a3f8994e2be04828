import type { AwsConfigFixtureOptions } from '../../support/aws-config';

/** Static keys that moto accepts (any pair works; these are AWS's documented example keys). */
export const EXAMPLE_KEYS = {
  aws_access_key_id: 'AKIAIOSFODNN7EXAMPLE',
  aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/**
 * The laptop of the tests: one profile of each kind the screen shows, two of them broken on purpose.
 *
 * - `dev`: static keys (tests against moto as account 123456789012)
 * - `prod-sso`: SSO with no cached token (→ `aws sso login --profile prod-sso`)
 * - `audit`: assume-role from `dev`
 * - `orphan`: assume-role whose source profile does not exist
 * - `build-bot`: credential process
 */
export const LAPTOP_PROFILES: NonNullable<AwsConfigFixtureOptions['profiles']> = {
  dev: { config: { region: 'eu-west-1' }, credentials: EXAMPLE_KEYS },
  'prod-sso': {
    config: { sso_session: 'acme', sso_account_id: '210987654321', sso_role_name: 'SecurityAudit', region: 'us-east-1' },
  },
  audit: { config: { role_arn: 'arn:aws:iam::123456789012:role/WardenAudit', source_profile: 'dev', region: 'eu-central-1' } },
  orphan: { config: { role_arn: 'arn:aws:iam::123456789012:role/Orphan', source_profile: 'does-not-exist' } },
  'build-bot': { config: { credential_process: '/usr/bin/false', region: 'us-west-2' } },
};

export const LAPTOP_SSO_SESSIONS: NonNullable<AwsConfigFixtureOptions['ssoSessions']> = {
  acme: { sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'us-east-1', sso_registration_scopes: 'sso:account:access' },
};

export const MOTO_ACCOUNT = '123456789012';
