/**
 * The supported size (issue 8, item 4): an export above it is refused while it is read, naming the
 * file, the limit and where reading stopped, and the rest of the file is never read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import { parseAuthorizationDetailsFile } from '@core/discovery/import/authorization-details';
import {
  DEFAULT_IMPORT_LIMITS,
  MAX_IMPORT_PRINCIPALS,
  MAX_IMPORT_PRINCIPALS_ENV,
  importLimitsFromEnv,
  type ImportLimits,
} from '@core/discovery/import/limits';
import { makeTempDir } from './fixture-paths';

const temp = makeTempDir('limits');
afterAll(() => temp.remove());

function role(i: number): string {
  return JSON.stringify({
    RoleName: `r${i}`,
    Arn: `arn:aws:iam::111122223333:role/r${i}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
  });
}

/** An export of `roles` roles (and `users` users), one per line, followed by `tail`. */
function writeExport(name: string, roles: number, tail = ']}', users = 0): string {
  const path = join(temp.dir, name);
  const userList = Array.from({ length: users }, (_, i) => JSON.stringify({ UserName: `u${i}`, Arn: `arn:aws:iam::111122223333:user/u${i}` }));
  const roleList = Array.from({ length: roles }, (_, i) => role(i));
  writeFileSync(path, `{"UserDetailList": [\n${userList.join(',\n')}\n],\n"RoleDetailList": [\n${roleList.join(',\n')}${tail}\n`);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

const lowered = (principals: number): ImportLimits => ({ ...DEFAULT_IMPORT_LIMITS, principals });

describe('the supported import size', () => {
  it('an export at the limit imports; one principal more is refused, naming the file, the limit and where it stopped', async () => {
    const atLimit = await parseAuthorizationDetailsFile(writeExport('at.json', 20), { limits: lowered(20) });
    expect(atLimit.iam.roles).toHaveLength(20);
    const error = await refusal(parseAuthorizationDetailsFile(writeExport('above.json', 21), { limits: lowered(20) }));
    expect(error.message).toBe(
      'above.json: too large to import: more than 20 users and roles (reading stopped at RoleDetailList[20], line 25); Agent Warden supports accounts of up to 20 users and roles, and imported nothing. If the file joins several accounts, import each account on its own; if one account really is this large, please file an issue with the counts, so the supported size can be raised.',
    );
  });

  it('users and roles count together', async () => {
    const error = await refusal(parseAuthorizationDetailsFile(writeExport('mixed.json', 6, ']}', 5), { limits: lowered(10) }));
    expect(error.message).toMatch(/^mixed\.json: too large to import: more than 10 users and roles \(reading stopped at RoleDetailList\[5\]/);
  });

  it('stops reading at the limit: the rest of the file is never parsed (a syntax error after it is not reached)', async () => {
    // 2,000 roles, then garbage: read to the end, this would be a JSON syntax error.
    const path = writeExport('stops.json', 2_000, ', !!! not JSON !!!');
    const fullRead = await refusal(parseAuthorizationDetailsFile(path));
    expect(fullRead.message).toMatch(/invalid JSON/);
    let bytesRead = 0;
    let size = 0;
    const error = await refusal(
      parseAuthorizationDetailsFile(path, {
        limits: lowered(100),
        chunkBytes: 1024,
        onProgress: (read, total) => {
          bytesRead = read;
          size = total;
        },
      }),
    );
    expect(error.message).toMatch(/too large to import: more than 100 users and roles/);
    expect(bytesRead).toBeLessThan(size / 10);
  });

  it('groups and policies have their own limit, and the decoded bytes theirs', async () => {
    const policies = Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({ PolicyName: `p${i}`, Arn: `arn:aws:iam::111122223333:policy/p${i}`, PolicyVersionList: [] }),
    );
    const path = join(temp.dir, 'policies.json');
    writeFileSync(path, `{"Policies": [${policies.join(',\n')}]}`);
    const many = await refusal(parseAuthorizationDetailsFile(path, { limits: { ...DEFAULT_IMPORT_LIMITS, groupsAndPolicies: 3 } }));
    expect(many.message).toMatch(/^policies\.json: too large to import: more than 3 groups and managed policies \(reading stopped at Policies\[3\], line 4\)/);
    const bytes = await refusal(
      parseAuthorizationDetailsFile(writeExport('bytes.json', 200), { limits: { ...DEFAULT_IMPORT_LIMITS, bytes: 1024 * 1024 }, chunkBytes: 64 * 1024 }).then(
        () => parseAuthorizationDetailsFile(writeExport('bytes2.json', 20_000), { limits: { ...DEFAULT_IMPORT_LIMITS, bytes: 1024 * 1024 }, chunkBytes: 64 * 1024 }),
      ),
    );
    expect(bytes.message).toMatch(/^bytes2\.json: too large to import: more than 1 MiB of JSON; Agent Warden supports exports of up to 1 MiB/);
  });

  it('WARDEN_MAX_IMPORT_PRINCIPALS can lower the limit, never raise it', () => {
    expect(importLimitsFromEnv({}).principals).toBe(MAX_IMPORT_PRINCIPALS);
    expect(importLimitsFromEnv({ [MAX_IMPORT_PRINCIPALS_ENV]: '12' }).principals).toBe(12);
    expect(importLimitsFromEnv({ [MAX_IMPORT_PRINCIPALS_ENV]: String(MAX_IMPORT_PRINCIPALS * 10) }).principals).toBe(MAX_IMPORT_PRINCIPALS);
    for (const bad of ['0', '-5', 'many', '1e3', '']) expect(importLimitsFromEnv({ [MAX_IMPORT_PRINCIPALS_ENV]: bad }).principals).toBe(MAX_IMPORT_PRINCIPALS);
  });
});
