import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import { importOfflineFiles } from '@core/discovery/import/import-files';
import { FACTS_VERSION, scanFactsSchema } from '@core/discovery/facts';
import { CLOUDMAPPER_REPORT_CSV, CLOUDMAPPER_REPORT_JSON, REAL_EXPORTS, localFixture, makeTempDir } from './fixture-paths';

const clock = (): Date => new Date('2026-01-15T09:30:00Z');

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

const temp = makeTempDir('import');
afterAll(() => temp.remove());

describe('importOfflineFiles', () => {
  it('combines the CloudMapper authorization details and credential report into the facts of one scan', async () => {
    const facts = await importOfflineFiles({
      authorizationDetailsPath: REAL_EXPORTS.cloudmapperDemo,
      credentialReportPath: CLOUDMAPPER_REPORT_CSV,
      clock,
    });
    expect(scanFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.factsVersion).toBe(FACTS_VERSION);
    expect(facts.collectedAt).toBe('2026-01-15T09:30:00.000Z');
    expect(facts.account).toEqual({ id: '123456789012', alias: null, partition: 'aws', source: 'import' });
    expect(facts.iam?.roles.map((r) => r.name).sort()).toEqual(['bad_role', 'exfiller', 'level1', 'level3']);
    expect(facts.credentialReport?.rows.map((r) => r.user)).toEqual(['<root_account>', 'auditor_tmp', 'user']);
    expect(facts.credentialReport?.rows[0]).toMatchObject({ isRoot: true, mfaActive: true, accessKeys: [{ active: true, lastUsedService: 'ecr' }, { active: false }] });
    // What an import cannot know stays "not collected", not "none".
    expect(facts.lambda).toBeNull();
    expect(facts.cloudTrail).toBeNull();
    expect(facts.identityProviders).toBeNull();
    expect(facts.regions).toEqual([]);
    expect(facts.warnings).toHaveLength(1);
  });

  it('takes the CLI JSON form of the report, and works without a report', async () => {
    const withJson = await importOfflineFiles({
      authorizationDetailsPath: REAL_EXPORTS.cloudmapperDemo,
      credentialReportPath: CLOUDMAPPER_REPORT_JSON,
      accountId: '123456789012',
      clock,
    });
    expect(withJson.credentialReport?.generatedAt).toBe('2019-05-07T15:40:22.000Z');
    const alone = await importOfflineFiles({ authorizationDetailsPath: REAL_EXPORTS.iamVulnerable2023, clock });
    expect(alone.account.id).toBe('200611803367');
    expect(alone.credentialReport).toBeNull();
    expect(alone.iam?.users).toHaveLength(41);
  });

  it('refuses files from two different accounts, naming both', async () => {
    const error = await invalidInput(
      importOfflineFiles({ authorizationDetailsPath: REAL_EXPORTS.iamVulnerable2023, credentialReportPath: CLOUDMAPPER_REPORT_CSV, clock }),
    );
    expect(error.message).toBe(
      'the files are from different AWS accounts: credential-report.csv is for 123456789012, example-authz-iam-vulnerable-2023.json for 200611803367',
    );
  });

  it('refuses an account ID that does not match, and reports a broken report before reading the large file', async () => {
    const wrongAccount = await invalidInput(
      importOfflineFiles({ authorizationDetailsPath: REAL_EXPORTS.cloudmapperDemo, accountId: '210987654321', clock }),
    );
    expect(wrongAccount.message).toMatch(/the export is for account 123456789012 .*not for the given account 210987654321/);
    let progressCalls = 0;
    const badReport = await invalidInput(
      importOfflineFiles({
        authorizationDetailsPath: REAL_EXPORTS.iamVulnerable2023,
        credentialReportPath: localFixture('credential-report-missing-columns.csv'),
        clock,
        onProgress: () => progressCalls++,
      }),
    );
    expect(badReport.message).toMatch(/^credential-report-missing-columns\.csv: credential report is missing columns: mfa_active/);
    expect(progressCalls).toBe(0);
  });

  it('writes nothing: the folder holding the inputs is unchanged', async () => {
    const authz = join(temp.dir, 'authz.json');
    const report = join(temp.dir, 'report.csv');
    copyFileSync(REAL_EXPORTS.cloudmapperDemo, authz);
    copyFileSync(CLOUDMAPPER_REPORT_CSV, report);
    const before = readdirSync(temp.dir).map((name) => [name, statSync(join(temp.dir, name)).mtimeMs]);
    await importOfflineFiles({ authorizationDetailsPath: authz, credentialReportPath: report, clock });
    const after = readdirSync(temp.dir).map((name) => [name, statSync(join(temp.dir, name)).mtimeMs]);
    expect(after).toEqual(before);
  });
});
