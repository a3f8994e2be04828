import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import {
  mapRoleDetail,
  parseAuthorizationDetailsFile,
  parseAuthorizationDetailsObject,
  streamAuthorizationDetailsFile,
} from '@core/discovery/import/authorization-details';
import { iamFactsSchema } from '@core/discovery/facts';
import { REAL_EXPORTS, localFixture, makeTempDir } from './fixture-paths';

interface RawExport {
  UserDetailList: { Arn: string; UserName: string }[];
  GroupDetailList: { Arn: string; GroupName: string }[];
  RoleDetailList: { Arn: string; RoleName: string }[];
  Policies: { Arn: string; PolicyName: string }[];
}

function readRaw(path: string): RawExport {
  return JSON.parse(readFileSync(path, 'utf8')) as RawExport;
}

async function invalidInput(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return error as AppError;
  }
  throw new Error('expected an AppError(invalid_input)');
}

function invalidInputSync(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return error as AppError;
  }
  throw new Error('expected an AppError(invalid_input)');
}

const temp = makeTempDir('authz');
afterAll(() => temp.remove());

function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('parseAuthorizationDetailsFile on real exports', () => {
  it.each([
    ['cloudsplaining iam-vulnerable 2023', REAL_EXPORTS.iamVulnerable2023, '200611803367'],
    ['cloudsplaining 2020 teaching', REAL_EXPORTS.teaching2020, '012345678901'],
    ['cloudsplaining test file', REAL_EXPORTS.cloudsplainingTest, '012345678901'],
    ['cloudmapper demo', REAL_EXPORTS.cloudmapperDemo, '123456789012'],
  ])('%s: every principal and policy appears, documents decoded, account right', async (_name, path, accountId) => {
    const raw = readRaw(path);
    const result = await parseAuthorizationDetailsFile(path);
    expect(result.accountId).toBe(accountId);
    expect(result.partition).toBe('aws');
    const { users, groups, roles, policies } = result.iam;
    expect(users.map((u) => u.arn).sort()).toEqual(raw.UserDetailList.map((u) => u.Arn).sort());
    expect(groups.map((g) => g.arn).sort()).toEqual(raw.GroupDetailList.map((g) => g.Arn).sort());
    expect(roles.map((r) => r.arn).sort()).toEqual(raw.RoleDetailList.map((r) => r.Arn).sort());
    expect(policies.map((p) => p.arn).sort()).toEqual(raw.Policies.map((p) => p.Arn).sort());
    for (const role of roles) {
      expect(typeof role.trustPolicy).toBe('object');
      expect(role.trustPolicy['Statement']).toBeDefined();
    }
    for (const policy of policies) expect(policy.document?.['Statement']).toBeDefined();
    // The facts satisfy their own schema (what storage will re-check on the way back in).
    expect(iamFactsSchema.safeParse(result.iam).success).toBe(true);
  });

  it('iam-vulnerable 2023: counts, role details, service-linked roles, last use, instance profiles', async () => {
    const { iam, warnings } = await parseAuthorizationDetailsFile(REAL_EXPORTS.iamVulnerable2023);
    expect([iam.users.length, iam.groups.length, iam.roles.length, iam.policies.length]).toEqual([41, 3, 75, 56]);
    expect(warnings).toEqual([]);
    const highPriv = iam.roles.find((r) => r.name === 'privesc-high-priv-service-role');
    expect(highPriv).toBeDefined();
    expect(highPriv!.trustPolicy).toMatchObject({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: expect.arrayContaining(['sagemaker.amazonaws.com']) as unknown } }],
    });
    expect(highPriv!.instanceProfiles).toEqual([
      {
        arn: 'arn:aws:iam::200611803367:instance-profile/privesc-high-priv-service-profile',
        name: 'privesc-high-priv-service-profile',
        id: 'AIPAS5NLFGDTULYZSFS22',
        path: '/',
        createdAt: '2023-03-09T10:41:49.000Z',
      },
    ]);
    const ssm = iam.roles.find((r) => r.name === 'AWSServiceRoleForAmazonSSM')!;
    expect(ssm.serviceLinked).toBe(true);
    expect(ssm.lastUsed).toEqual({ date: '2022-08-07T12:56:34.000Z', region: 'ap-northeast-2' });
    expect(ssm.createdAt).toBe('2022-08-07T12:53:56.000Z');
    expect(iam.roles.filter((r) => r.serviceLinked).every((r) => r.path.startsWith('/aws-service-role/'))).toBe(true);
    expect(highPriv!.serviceLinked).toBe(false);
    expect(highPriv!.maxSessionDurationSeconds).toBeNull();
    const quickSetup = iam.roles.find((r) => r.name === 'AWS-QuickSetup-EnableCRecording-1clff_ap-northeast-1')!;
    expect(quickSetup.tags).toEqual({ QuickSetupVersion: '1.2', QuickSetupType: 'Config Recording', QuickSetupID: '1clff' });
    const sre = iam.users.find((u) => u.name === 'privesc-sre-user')!;
    expect(sre.groups).toEqual(['privesc-sre-group']);
    expect(sre.createdAt).toMatch(/^2023-03-09T\d\d:\d\d:\d\d\.000Z$/);
    const aws = iam.policies.filter((p) => p.awsManaged);
    const customer = iam.policies.filter((p) => !p.awsManaged);
    expect([aws.length, customer.length]).toEqual([12, 44]);
    const passRole = iam.policies.find((p) => p.name === 'fn1-passrole-star')!;
    expect(passRole.arn).toBe('arn:aws:iam::200611803367:policy/fn1-passrole-star');
    expect(passRole.defaultVersionId).toBe('v1');
    expect(JSON.stringify(passRole.document)).toContain('iam:PassRole');
  });

  it('cloudmapper demo: bad_role trust and inline admin policy, odd "aws" account field warned about', async () => {
    const { iam, warnings, accountId } = await parseAuthorizationDetailsFile(REAL_EXPORTS.cloudmapperDemo);
    expect(accountId).toBe('123456789012');
    const badRole = iam.roles.find((r) => r.name === 'bad_role')!;
    expect(badRole.trustPolicy).toEqual({
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: '*' } }],
      Version: '2012-10-17',
    });
    expect(badRole.inlinePolicies).toEqual([
      { name: 'dostuff', document: { Statement: [{ Action: ['*'], Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' } },
    ]);
    expect(badRole.lastUsed).toEqual({ date: null, region: null });
    const level1 = iam.roles.find((r) => r.name === 'level1')!;
    expect(level1.path).toBe('/service-role/');
    const user = iam.users.find((u) => u.name === 'USER')!;
    expect(user.arn).toBe('arn:aws:iam::aws:user/USER');
    expect(user.groups).toEqual(['GROUP_WITH_BAD_INLINE_POLICY']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/3 user\/group\/role ARNs have "aws" where the account ID belongs/);
    const ssmPolicy = iam.policies.find((p) => p.name === 'AmazonEC2RoleforSSM')!;
    expect(ssmPolicy.awsManaged).toBe(true);
    expect(ssmPolicy.attachmentCount).toBe(1);
    expect(iam.policies.find((p) => p.name === 'BAD_MFA_POLICY')!.awsManaged).toBe(false);
  });

  it('teaching 2020: user inline policies and group membership', async () => {
    const { iam } = await parseAuthorizationDetailsFile(REAL_EXPORTS.teaching2020);
    const user = iam.users.find((u) => u.name === 'userwithlotsofpermissions')!;
    expect(user.groups).toEqual(['admin']);
    expect(user.inlinePolicies.map((p) => p.name)).toEqual(['InsecureUserPolicy']);
    expect(user.inlinePolicies[0]!.document['Statement']).toBeDefined();
    const myRole = iam.roles.find((r) => r.name === 'MyRole')!;
    expect(myRole.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('accepts an accountId that agrees with the ARNs and refuses one that does not', async () => {
    await expect(parseAuthorizationDetailsFile(REAL_EXPORTS.cloudmapperDemo, { accountId: '123456789012' })).resolves.toMatchObject({
      accountId: '123456789012',
    });
    const error = await invalidInput(parseAuthorizationDetailsFile(REAL_EXPORTS.cloudmapperDemo, { accountId: '999999999999' }));
    expect(error.message).toBe(
      'iam-get-account-authorization-details.json: the export is for account 123456789012 (Policies[1].Arn), not for the given account 999999999999',
    );
  });

  it('reads a gzip-compressed export and a UTF-16LE one (Windows PowerShell redirection)', async () => {
    const text = readFileSync(REAL_EXPORTS.teaching2020, 'utf8');
    const gz = writeTemp('teaching.json.gz', gzipSync(Buffer.from(text)));
    const fromGzip = await parseAuthorizationDetailsFile(gz);
    expect(fromGzip.iam.roles).toHaveLength(3);
    expect(fromGzip.warnings).toEqual(['teaching.json.gz was stored as gzip; read as such']);
    const utf16 = writeTemp('teaching-utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const fromUtf16 = await parseAuthorizationDetailsFile(utf16);
    expect(fromUtf16.iam).toEqual(fromGzip.iam);
    const withBom = writeTemp('teaching-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect((await parseAuthorizationDetailsFile(withBom)).iam).toEqual(fromGzip.iam);
  });

  it('reports progress and honours cancellation', async () => {
    const progress: number[] = [];
    await streamAuthorizationDetailsFile(REAL_EXPORTS.iamVulnerable2023, () => undefined, {
      chunkBytes: 64 * 1024,
      onProgress: (read, total) => {
        expect(total).toBe(664042);
        progress.push(read);
      },
    });
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(664042);
    const controller = new AbortController();
    let seen = 0;
    const cancelled = streamAuthorizationDetailsFile(
      REAL_EXPORTS.iamVulnerable2023,
      () => {
        seen++;
      },
      { chunkBytes: 16 * 1024, signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(175);
  });
});

describe('pages, URL-encoded and string documents', () => {
  it('merges pages appended to one file, URL-decodes documents and reads JSON-string documents', async () => {
    const summary = await streamAuthorizationDetailsFile(localFixture('authz-two-pages-url-encoded.json'), () => undefined);
    expect(summary.pages).toBe(2);
    expect(summary.counts).toEqual({ users: 1, groups: 1, roles: 2, policies: 1 });
    const { iam, accountId } = await parseAuthorizationDetailsFile(localFixture('authz-two-pages-url-encoded.json'));
    expect(accountId).toBe('111122223333');
    const agentRole = iam.roles.find((r) => r.name === 'bedrock-agent-role')!;
    expect(agentRole.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
    expect(agentRole.inlinePolicies[0]!.document['Statement']).toEqual([
      { Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.*' },
    ]);
    expect(agentRole.createdAt).toBe('2024-05-06T07:08:09.123Z');
    expect(agentRole.lastUsed).toEqual({ date: '2024-06-01T00:00:00.000Z', region: 'eu-west-1' });
    const serviceLinked = iam.roles.find((r) => r.name === 'AWSServiceRoleForAmazonBedrock')!;
    expect(serviceLinked.serviceLinked).toBe(true);
    expect(serviceLinked.lastUsed).toEqual({ date: null, region: null });
    const user = iam.users[0]!;
    expect(user.inlinePolicies[0]!.document['Statement']).toEqual(agentRole.inlinePolicies[0]!.document['Statement']);
    expect(user.tags).toEqual({ owner: 'platform-team', ai: 'yes' });
    expect(user.permissionsBoundary).toEqual({ arn: 'arn:aws:iam::111122223333:policy/boundary' });
    const policy = iam.policies[0]!;
    expect(policy.defaultVersionId).toBe('v2');
    expect(policy.document).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
    });
    expect(policy.updatedAt).toBe('2024-02-01T00:00:00.000Z');
  });

  it('parseAuthorizationDetailsObject gives the same facts as the streaming parser', async () => {
    const raw = readRaw(REAL_EXPORTS.iamVulnerable2023);
    const fromObject = parseAuthorizationDetailsObject(raw);
    const fromFile = await parseAuthorizationDetailsFile(REAL_EXPORTS.iamVulnerable2023);
    expect(fromObject).toEqual(fromFile);
    const [first, ...rest] = readFileSync(localFixture('authz-two-pages-url-encoded.json'), 'utf8').trim().split('\n}\n');
    const pages = [JSON.parse(`${first}\n}`) as unknown, JSON.parse(rest.join('\n}\n')) as unknown];
    expect(parseAuthorizationDetailsObject(pages)).toEqual(
      await parseAuthorizationDetailsFile(localFixture('authz-two-pages-url-encoded.json')),
    );
  });

  it('the element mappers accept what the SDK returns: Date objects and URL-encoded strings', () => {
    const role = mapRoleDetail({
      RoleName: 'from-sdk',
      Arn: 'arn:aws:iam::111122223333:role/from-sdk',
      RoleId: 'AROASDK',
      Path: '/',
      CreateDate: new Date('2024-03-04T05:06:07Z'),
      AssumeRolePolicyDocument: encodeURIComponent('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'),
      RoleLastUsed: { LastUsedDate: new Date('2024-06-01T00:00:00Z'), Region: 'us-east-1' },
      MaxSessionDuration: 3600,
      Description: 'runs the nightly job',
    });
    expect(role.createdAt).toBe('2024-03-04T05:06:07.000Z');
    expect(role.trustPolicy['Statement']).toHaveLength(1);
    expect(role.maxSessionDurationSeconds).toBe(3600);
    expect(role.description).toBe('runs the nightly job');
    expect(role.lastUsed).toEqual({ date: '2024-06-01T00:00:00.000Z', region: 'us-east-1' });
  });

  it('refuses a principal listed twice, naming both places (a file is never silently collapsed)', () => {
    const raw = readRaw(REAL_EXPORTS.teaching2020);
    const error = invalidInputSync(() => parseAuthorizationDetailsObject([raw, raw]));
    expect(error.message).toBe(
      'user "arn:aws:iam::012345678901:user/obama" appears twice: page 1 UserDetailList[0] and page 2 UserDetailList[0]; an export lists each user once, so remove the repeated entry (or the page that was added twice)',
    );
  });

  it('a live scan (the builder’s default) keeps the last copy of a principal listed twice, with a warning', () => {
    const raw = readRaw(REAL_EXPORTS.teaching2020);
    const result = parseAuthorizationDetailsObject([raw, raw], { duplicates: 'keep-last' });
    expect(result.iam.roles).toHaveLength(3);
    expect(result.warnings).toEqual([
      '2 users appeared more than once (e.g. arn:aws:iam::012345678901:user/obama); the last copy was kept',
      '2 groups appeared more than once (e.g. arn:aws:iam::012345678901:group/admin); the last copy was kept',
      '3 roles appeared more than once (e.g. arn:aws:iam::012345678901:role/MyRole); the last copy was kept',
      '33 managed policies appeared more than once (e.g. arn:aws:iam::012345678901:policy/NotYourPolicy); the last copy was kept',
    ]);
  });

  it('gives the same facts whatever the read size (chunk boundaries anywhere)', async () => {
    const whole = await parseAuthorizationDetailsFile(REAL_EXPORTS.teaching2020);
    const tiny = await parseAuthorizationDetailsFile(REAL_EXPORTS.teaching2020, { chunkBytes: 7 });
    expect(tiny).toEqual(whole);
  });
});

describe('broken authorization-details files', () => {
  it('truncated JSON (a real export cut in half) names the byte and line where it ends', async () => {
    const bytes = readFileSync(REAL_EXPORTS.iamVulnerable2023);
    const half = Math.floor(bytes.length / 2);
    const path = writeTemp('half.json', bytes.subarray(0, half));
    const error = await invalidInput(parseAuthorizationDetailsFile(path));
    expect(error.message).toMatch(new RegExp(`^half\\.json: truncated JSON: the input ends inside an? (object|array|string|object key) .*at byte ${half} \\(line \\d+, column \\d+\\)$`));
  });

  it('a JSON array, a scalar, or an object without any of the lists', async () => {
    const array = await invalidInput(parseAuthorizationDetailsFile(writeTemp('array.json', '[1, 2, 3]')));
    expect(array.message).toBe(
      'array.json: not an authorization-details export: [0] should be a page object with UserDetailList/GroupDetailList/RoleDetailList/Policies, found a number',
    );
    const empty = await invalidInput(parseAuthorizationDetailsFile(writeTemp('empty-array.json', '[]')));
    expect(empty.message).toMatch(/^empty-array\.json: not an authorization-details export: it holds no page object/);
    const scalar = await invalidInput(parseAuthorizationDetailsFile(writeTemp('scalar.json', '"hello"')));
    expect(scalar.message).toMatch(/expected a JSON object with UserDetailList\/GroupDetailList\/RoleDetailList\/Policies at the top level, found a string/);
    const other = await invalidInput(parseAuthorizationDetailsFile(writeTemp('other.json', '{"Users": [], "Marker": "x"}')));
    expect(other.message).toBe(
      'other.json: not an authorization-details export: none of UserDetailList, GroupDetailList, RoleDetailList, Policies; its members are Users, Marker',
    );
    const report = await invalidInput(
      parseAuthorizationDetailsFile(writeTemp('report.json', '{"Content": "dXNlcg==", "ReportFormat": "text/csv"}')),
    );
    expect(report.message).toMatch(/this looks like a credential report/);
    const listNotArray = await invalidInput(parseAuthorizationDetailsFile(writeTemp('bad-list.json', '{"RoleDetailList": {"a": 1}}')));
    expect(listNotArray.message).toBe('bad-list.json: RoleDetailList: expected an array, found an object');
  });

  it('a role without RoleName names the element, the field and the position', async () => {
    const error = await invalidInput(parseAuthorizationDetailsFile(localFixture('authz-role-without-name.json')));
    expect(error.message).toMatch(
      /^authz-role-without-name\.json: RoleDetailList\[1\]\.RoleName: missing \(expected a string\) \(element starts at line \d+, byte \d+\)$/,
    );
  });

  it('a trust policy that is not a policy document', async () => {
    const error = await invalidInput(parseAuthorizationDetailsFile(localFixture('authz-bad-trust-policy.json')));
    expect(error.message).toMatch(
      /^authz-bad-trust-policy\.json: RoleDetailList\[1\]\.AssumeRolePolicyDocument: expected a policy document .*\(element starts at line 29, byte \d+\)$/,
    );
  });

  it('elements of the wrong type, and several problems in one element', async () => {
    const notObject = await invalidInput(parseAuthorizationDetailsFile(writeTemp('s.json', '{"UserDetailList": ["alice"]}')));
    expect(notObject.message).toMatch(/^s\.json: UserDetailList\[0\]: expected an object, found a string \(element starts at line 1, byte 20\)$/);
    const several = await invalidInput(
      parseAuthorizationDetailsFile(
        writeTemp('several.json', '{"UserDetailList": [{"UserName": 7, "Arn": "arn:aws:iam::111122223333:user/x", "CreateDate": "yesterday", "Tags": [{"Key": 1}]}]}'),
      ),
    );
    expect(several.message).toBe(
      'several.json: UserDetailList[0].UserName: expected a string, found a number; UserDetailList[0].CreateDate: expected a date-time, found "yesterday"; UserDetailList[0].Tags[0].Key: expected a string, found a number (element starts at line 1, byte 20)',
    );
  });

  it('garbage bytes and an empty file', async () => {
    const garbage = await invalidInput(parseAuthorizationDetailsFile(localFixture('garbage.bin')));
    expect(garbage.message).toBe('garbage.bin: invalid JSON: unexpected byte 0x89, expected a JSON value at byte 0 (line 1, column 1)');
    const empty = await invalidInput(parseAuthorizationDetailsFile(writeTemp('empty.json', '')));
    expect(empty.message).toBe('empty.json is empty: expected the JSON output of aws iam get-account-authorization-details');
    const blank = await invalidInput(parseAuthorizationDetailsFile(writeTemp('blank.json', '\n\n  \n')));
    expect(blank.message).toMatch(/^blank\.json is empty/);
    const missing = await invalidInput(parseAuthorizationDetailsFile(join(temp.dir, 'no-such-file.json')));
    expect(missing.message).toBe('cannot read no-such-file.json: no such file');
    const damagedGzip = await invalidInput(
      parseAuthorizationDetailsFile(writeTemp('damaged.json.gz', gzipSync(Buffer.from('{"UserDetailList": []}')).subarray(0, 12))),
    );
    expect(damagedGzip.message).toMatch(/^damaged\.json\.gz/);
  });

  it('several accounts in one export, and an export whose ARNs name no account', async () => {
    const mixed = await invalidInput(parseAuthorizationDetailsFile(localFixture('authz-two-accounts.json')));
    expect(mixed.message).toBe(
      'authz-two-accounts.json: the export mixes several AWS accounts: 111122223333 (UserDetailList[0].Arn), 444455556666 (UserDetailList[1].Arn); import one account at a time',
    );
    const emptyExport = writeTemp('no-principals.json', '{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}');
    const noAccount = await invalidInput(parseAuthorizationDetailsFile(emptyExport));
    expect(noAccount.message).toMatch(/cannot tell which AWS account the export is from.*give the account ID/);
    await expect(parseAuthorizationDetailsFile(emptyExport, { accountId: '111122223333' })).resolves.toMatchObject({
      accountId: '111122223333',
      iam: { users: [], groups: [], roles: [], policies: [] },
    });
  });

  it('an element larger than the limit is refused before it is built whole', async () => {
    const tags = Array.from({ length: 100 }, (_, i) => ({ Key: `k${i}`, Value: 'v'.repeat(20) }));
    const role = { RoleName: 'big', Arn: 'arn:aws:iam::111122223333:role/big', AssumeRolePolicyDocument: { Statement: [] }, Tags: tags };
    const path = writeTemp('big-element.json', JSON.stringify({ RoleDetailList: [role] }));
    const error = await invalidInput(streamAuthorizationDetailsFile(path, () => undefined, { maxElementBytes: 1024 }));
    expect(error.message).toBe('big-element.json: RoleDetailList[0] is larger than 1024 bytes (starting at line 1, byte 19): too large for one IAM entity');
  });

  it('1,000 roles with one ARN are refused with the file, both places and their lines, not collapsed to one', async () => {
    const role = (name: string): Record<string, unknown> => ({
      RoleName: name,
      Arn: 'arn:aws:iam::111122223333:role/same',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
    });
    const roles = Array.from({ length: 1000 }, (_, i) => role(`r${i}`));
    const path = writeTemp('one-arn.json', JSON.stringify({ RoleDetailList: roles }, null, 1));
    const error = await invalidInput(parseAuthorizationDetailsFile(path));
    expect(error.message).toMatch(
      /^one-arn\.json: role "arn:aws:iam::111122223333:role\/same" appears twice: RoleDetailList\[0\] \(line 3\) and RoleDetailList\[1\] \(line \d+\); an export lists each role once/,
    );
  });

  it('a number too large to be finite (1e999) is named with its place and its text', async () => {
    const roles = [0, 1, 2, 3].map((i) => ({
      RoleName: `r${i}`,
      Arn: `arn:aws:iam::111122223333:role/r${i}`,
      AssumeRolePolicyDocument: { Statement: [] },
      MaxSessionDuration: 3600,
    }));
    const text = JSON.stringify({ RoleDetailList: roles }).replace(/("RoleName":"r3".*?"MaxSessionDuration":)3600/, '$11e999');
    const error = await invalidInput(parseAuthorizationDetailsFile(writeTemp('infinite.json', text)));
    expect(error.message).toMatch(/^infinite\.json: RoleDetailList\[3\]\.MaxSessionDuration: 1e999 is not a finite number \(line 1, byte \d+\)$/);
    // Already parsed (JSON.parse reads it as Infinity): the same words, without the text it no longer has.
    const parsed = invalidInputSync(() => parseAuthorizationDetailsObject(JSON.parse(text)));
    expect(parsed.message).toBe('RoleDetailList[3].MaxSessionDuration: not a finite number (it is too large: it reads as Infinity)');
    expect(parsed.message).not.toMatch(/found a number/);
  });

  it('numbers out of range say what is wrong with the value, not zod’s words', () => {
    const withDuration = (value: unknown): string =>
      invalidInputSync(() =>
        mapRoleDetail({ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AssumeRolePolicyDocument: { Statement: [] }, MaxSessionDuration: value }, 'RoleDetailList[3]'),
      ).message;
    expect(withDuration(-5)).toBe('RoleDetailList[3].MaxSessionDuration: -5 is not positive');
    expect(withDuration(0)).toBe('RoleDetailList[3].MaxSessionDuration: 0 is not positive');
    expect(withDuration(1.5)).toBe('RoleDetailList[3].MaxSessionDuration: 1.5 is not a whole number');
    expect(withDuration(1e20)).toBe('RoleDetailList[3].MaxSessionDuration: 100000000000000000000 is out of range (expected at most 9007199254740991)');
    expect(withDuration('3600')).toBe('RoleDetailList[3].MaxSessionDuration: expected a number, found a string');
    for (const message of [withDuration(-5), withDuration(1.5), withDuration(Number.POSITIVE_INFINITY)]) {
      expect(message).not.toMatch(/Too small|Too big|expected a number, found a number|received/);
    }
  });

  it('parseAuthorizationDetailsObject rejects the same shapes with the same words', () => {
    expect(invalidInputSync(() => parseAuthorizationDetailsObject([1])).message).toMatch(/\[0\] should be an object with UserDetailList/);
    expect(invalidInputSync(() => parseAuthorizationDetailsObject({ Foo: [] })).message).toMatch(/none of UserDetailList/);
    expect(invalidInputSync(() => parseAuthorizationDetailsObject({ RoleDetailList: [{ Arn: 'arn:aws:iam::111122223333:role/x' }] })).message).toBe(
      'RoleDetailList[0].RoleName: missing (expected a string); RoleDetailList[0].AssumeRolePolicyDocument: missing (expected a policy document)',
    );
  });
});
