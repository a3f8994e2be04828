import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { awsProfilesSchema, type AwsProfile } from '@shared/contract';
import { listAwsProfiles } from '@core/aws/profiles';
import { writeAwsConfig, type AwsConfigFixture, type AwsConfigFixtureOptions } from '../../support/aws-config';

// Shaped like real secrets, so a leak would be obvious.
const SECRETS = {
  defaultKeyId: 'AKIADEFAULTKEY000001',
  defaultSecret: 'dEfAuLtSeCrEt000000000000000000000000001',
  bothKeyId: 'AKIABOTHKEY000000002',
  bothSecret: 'bOtHsEcReT000000000000000000000000000002',
  sessionToken: 'FwoGZXIvYXdzESSIONTOKENSECRET000000000000000000003',
  processArg: 'PROCESS-ARG-SECRET-0004',
  tokenFile: '/secret/path/web-identity-token-0005',
  garbled: 'GARBLED-LINE-SECRET-0006',
};

const fixtures: AwsConfigFixture[] = [];
const folders: string[] = [];

async function fixture(options: AwsConfigFixtureOptions): Promise<AwsConfigFixture> {
  const created = await writeAwsConfig(options);
  fixtures.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.cleanup()));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function byName(profiles: AwsProfile[], name: string): AwsProfile {
  const found = profiles.find((p) => p.name === name);
  if (found === undefined) throw new Error(`profile ${name} not listed`);
  return found;
}

describe('listAwsProfiles', () => {
  it('detects every kind, merges both files, sorts default first and never returns a secret', async () => {
    const aws = await fixture({
      profiles: {
        zeta: { config: { region: 'eu-north-1', output: 'json' } },
        default: {
          config: { region: 'us-east-1' },
          credentials: { aws_access_key_id: SECRETS.defaultKeyId, aws_secret_access_key: SECRETS.defaultSecret },
        },
        'sso-new': { config: { sso_session: 'corp', sso_account_id: '111122223333', sso_role_name: 'ReadOnly', region: 'eu-west-1' } },
        'sso-legacy': {
          config: {
            sso_start_url: 'https://legacy.awsapps.com/start',
            sso_region: 'us-east-1',
            sso_account_id: '111122223333',
            sso_role_name: 'ReadOnly',
          },
        },
        role: { config: { role_arn: 'arn:aws:iam::111122223333:role/Auditor', source_profile: 'default', region: 'eu-central-1' } },
        'role-metadata': { config: { role_arn: 'arn:aws:iam::111122223333:role/Ec2', credential_source: 'Ec2InstanceMetadata' } },
        webid: { config: { web_identity_token_file: SECRETS.tokenFile, role_arn: 'arn:aws:iam::111122223333:role/Ci' } },
        proc: { config: { credential_process: `/usr/local/bin/get-creds --token ${SECRETS.processArg}` } },
        both: {
          config: { region: 'ap-south-1' },
          credentials: { aws_access_key_id: SECRETS.bothKeyId, aws_secret_access_key: SECRETS.bothSecret, aws_session_token: SECRETS.sessionToken },
        },
        'creds-only': { credentials: { aws_access_key_id: SECRETS.bothKeyId, aws_secret_access_key: SECRETS.bothSecret } },
      },
      ssoSessions: { corp: { sso_start_url: 'https://corp.awsapps.com/start', sso_region: 'eu-west-1' } },
    });

    const result = await listAwsProfiles(aws.env, aws.home);

    expect(awsProfilesSchema.parse(result)).toEqual(result);
    expect(result.configFile).toBe(aws.configFile);
    expect(result.credentialsFile).toBe(aws.credentialsFile);
    expect(result.warnings).toEqual([]);
    expect(result.profiles.map((p) => p.name)).toEqual([
      'default',
      'both',
      'creds-only',
      'proc',
      'role',
      'role-metadata',
      'sso-legacy',
      'sso-new',
      'webid',
      'zeta',
    ]);

    const kinds = Object.fromEntries(result.profiles.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({
      default: 'static',
      both: 'static',
      'creds-only': 'static',
      proc: 'credential-process',
      role: 'assume-role',
      'role-metadata': 'assume-role',
      'sso-legacy': 'sso',
      'sso-new': 'sso',
      webid: 'web-identity',
      zeta: 'unknown',
    });

    expect(byName(result.profiles, 'default')).toEqual({
      name: 'default',
      kind: 'static',
      region: 'us-east-1',
      sources: ['config', 'credentials'],
      roleArn: null,
      sourceProfile: null,
      ssoSession: null,
    });
    expect(byName(result.profiles, 'both')).toMatchObject({ region: 'ap-south-1', sources: ['config', 'credentials'] });
    expect(byName(result.profiles, 'creds-only')).toMatchObject({ region: null, sources: ['credentials'] });
    expect(byName(result.profiles, 'role')).toMatchObject({
      roleArn: 'arn:aws:iam::111122223333:role/Auditor',
      sourceProfile: 'default',
      region: 'eu-central-1',
      sources: ['config'],
    });
    expect(byName(result.profiles, 'sso-new')).toMatchObject({ ssoSession: 'corp', region: 'eu-west-1' });
    expect(byName(result.profiles, 'sso-legacy')).toMatchObject({ ssoSession: 'https://legacy.awsapps.com/start', region: null });
    expect(byName(result.profiles, 'webid')).toMatchObject({ roleArn: 'arn:aws:iam::111122223333:role/Ci' });

    const json = JSON.stringify(result);
    for (const secret of Object.values(SECRETS)) expect(json).not.toContain(secret);
    expect(json).not.toContain('get-creds');
  });

  it('reads ~/.aws/config and ~/.aws/credentials under the given home when the variables are unset', async () => {
    const home = await mkdtemp(join(tmpdir(), 'warden-home-'));
    folders.push(home);
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[profile from-home]\nregion = sa-east-1\n');
    await writeFile(join(home, '.aws', 'credentials'), `[from-home]\naws_access_key_id = ${SECRETS.defaultKeyId}\naws_secret_access_key = ${SECRETS.defaultSecret}\n`);

    const result = await listAwsProfiles({ PATH: process.env['PATH'] }, home);

    expect(result.configFile).toBe(join(home, '.aws', 'config'));
    expect(result.credentialsFile).toBe(join(home, '.aws', 'credentials'));
    expect(result.profiles).toEqual([
      { name: 'from-home', kind: 'static', region: 'sa-east-1', sources: ['config', 'credentials'], roleArn: null, sourceProfile: null, ssoSession: null },
    ]);
  });

  it('gives an empty list and no warning when both files are missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-missing-'));
    folders.push(dir);
    const env = { AWS_CONFIG_FILE: join(dir, 'nope', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };

    const result = await listAwsProfiles(env, dir);

    expect(result).toEqual({ profiles: [], configFile: env.AWS_CONFIG_FILE, credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE, warnings: [] });
  });

  it('warns about garbled lines by number, without echoing them, and still lists what it could read', async () => {
    const aws = await fixture({
      rawConfig: [
        `stray = ${SECRETS.garbled}`,
        '[profile good]',
        'region = eu-west-3',
        `this line is garbage ${SECRETS.garbled}`,
        '[profile also-good]',
        'credential_process = /bin/true',
        '',
      ].join('\n'),
      rawCredentials: `[keys]\naws_access_key_id ${SECRETS.garbled}\n`,
    });

    const result = await listAwsProfiles(aws.env, aws.home);

    expect(result.profiles.map((p) => [p.name, p.kind, p.region])).toEqual([
      ['also-good', 'credential-process', null],
      ['good', 'unknown', 'eu-west-3'],
      // Listed even though its only line is garbled, so the person sees it next to the warning.
      ['keys', 'unknown', null],
    ]);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[0]).toContain(aws.configFile);
    expect(result.warnings[0]).toMatch(/before its first \[section\] header \(line 1\)/);
    expect(result.warnings[1]).toMatch(/line 4 that is not "key = value"/);
    expect(result.warnings[2]).toContain(aws.credentialsFile);
    expect(result.warnings[2]).toMatch(/line 2 /);
    expect(JSON.stringify(result)).not.toContain(SECRETS.garbled);
  });

  it('warns about a binary file and about a folder where a file should be', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-broken-'));
    folders.push(dir);
    const config = join(dir, 'config');
    await writeFile(config, Buffer.from([0x53, 0x51, 0x4c, 0x00, 0xff, 0x00, 0x5b, 0x5d]));
    const credentials = join(dir, 'credentials-folder');
    await mkdir(credentials);

    const result = await listAwsProfiles({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }, dir);

    expect(result.profiles).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(new RegExp(`${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a text file`)),
      expect.stringMatching(/is a folder, not a file\. Point AWS_SHARED_CREDENTIALS_FILE at the file/),
    ]);
  });

  it('warns about sections the SDK would ignore and references to missing sections', async () => {
    const aws = await fixture({
      rawConfig: ['[dev]', 'region = eu-west-1', '[plugins]', 'x = y', '[profile orphan]', 'sso_session = gone', '[profile chained]', 'role_arn = arn:aws:iam::111122223333:role/R', 'source_profile = missing', ''].join('\n'),
      rawCredentials: ['[profile wrong]', 'aws_access_key_id = AKIAWRONG0000000000X', ''].join('\n'),
    });

    const result = await listAwsProfiles(aws.env, aws.home);

    expect(result.profiles.map((p) => p.name)).toEqual(['chained', 'orphan']);
    expect(result.warnings).toEqual([
      expect.stringContaining('[dev] in the AWS config file'),
      expect.stringContaining('[profile wrong] in the AWS credentials file'),
      expect.stringContaining('Profile "orphan" uses sso_session "gone"'),
      expect.stringContaining('Profile "chained" uses source_profile "missing"'),
    ]);
    expect(result.warnings.join('\n')).not.toContain('AKIAWRONG');
  });

  it('lets [profile default] win over [default], as the SDK does', async () => {
    const aws = await fixture({ rawConfig: '[profile default]\nregion = eu-west-2\n[default]\nregion = us-west-2\n' });

    const result = await listAwsProfiles(aws.env, aws.home);

    expect(result.profiles).toEqual([expect.objectContaining({ name: 'default', region: 'eu-west-2' })]);
  });
});
