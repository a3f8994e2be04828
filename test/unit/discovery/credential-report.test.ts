import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@core/errors';
import {
  CREDENTIAL_REPORT_COLUMNS,
  credentialReportAccountId,
  parseCredentialReport,
  parseCredentialReportCsv,
  readCredentialReportFile,
} from '@core/discovery/import/credential-report';
import { parseCsv } from '@core/discovery/import/csv';
import { credentialReportFactsSchema, type CredentialReportRow } from '@core/discovery/facts';
import { CLOUDMAPPER_REPORT_CSV, CLOUDMAPPER_REPORT_JSON, localFixture, makeTempDir } from './fixture-paths';

const temp = makeTempDir('report');
afterAll(() => temp.remove());

function writeTemp(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
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

const HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');

const CLOUDMAPPER_ROOT: CredentialReportRow = {
  user: '<root_account>',
  arn: 'arn:aws:iam::123456789012:root',
  isRoot: true,
  userCreationTime: '2018-08-12T17:20:55.000Z',
  passwordEnabled: null,
  passwordLastUsed: '2019-03-03T16:58:16.000Z',
  passwordLastChanged: null,
  passwordNextRotation: null,
  mfaActive: true,
  accessKeys: [
    {
      slot: 1,
      active: true,
      lastRotated: '2018-11-23T16:01:14.000Z',
      lastUsedDate: '2018-11-27T00:02:00.000Z',
      lastUsedRegion: 'us-east-1',
      lastUsedService: 'ecr',
    },
    { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
  ],
  certificates: [
    { slot: 1, active: false, lastRotated: null },
    { slot: 2, active: false, lastRotated: null },
  ],
};

describe('credential report: the CloudMapper demo report', () => {
  it('CSV: every row, the root row marked with its key columns, values parsed', async () => {
    const report = await readCredentialReportFile(CLOUDMAPPER_REPORT_CSV);
    expect(report.generatedAt).toBeNull();
    expect(report.rows.map((r) => r.user)).toEqual(['<root_account>', 'auditor_tmp', 'user']);
    expect(report.rows[0]).toEqual(CLOUDMAPPER_ROOT);
    expect(report.rows.filter((r) => r.isRoot)).toHaveLength(1);
    const user = report.rows[2]!;
    expect(user).toMatchObject({
      arn: 'arn:aws:iam::123456789012:user/user',
      passwordEnabled: true,
      passwordLastUsed: '2018-05-07T15:35:54.000Z',
      passwordLastChanged: null,
      mfaActive: false,
    });
    expect(user.accessKeys[0]).toMatchObject({ active: true, lastRotated: '2019-05-07T15:35:55.000Z', lastUsedDate: null });
    expect(user.accessKeys[1]).toMatchObject({ active: true, lastUsedRegion: 'us-east-1', lastUsedService: 's3' });
    const auditor = report.rows[1]!;
    expect(auditor.passwordEnabled).toBe(false);
    expect(auditor.passwordLastUsed).toBeNull();
    expect(credentialReportAccountId(report)).toBe('123456789012');
    expect(credentialReportFactsSchema.safeParse(report).success).toBe(true);
  });

  it('CLI JSON: the same rows, and GeneratedTime kept', async () => {
    const fromJson = await readCredentialReportFile(CLOUDMAPPER_REPORT_JSON);
    const fromCsv = await readCredentialReportFile(CLOUDMAPPER_REPORT_CSV);
    expect(fromJson.generatedAt).toBe('2019-05-07T15:40:22.000Z');
    expect(fromJson.rows).toEqual(fromCsv.rows);
  });

  it('CLI JSON with base64 Content (as the real CLI prints it), detected by content whatever the file is called', async () => {
    const csv = readFileSync(CLOUDMAPPER_REPORT_CSV, 'utf8');
    const json = JSON.stringify({
      Content: Buffer.from(csv).toString('base64'),
      ReportFormat: 'text/csv',
      GeneratedTime: '2019-05-07T15:40:22Z',
    });
    const report = await readCredentialReportFile(writeTemp('report.csv', json));
    expect(report.generatedAt).toBe('2019-05-07T15:40:22.000Z');
    expect(report.rows[0]).toEqual(CLOUDMAPPER_ROOT);
    // And CSV in a file called .json.
    expect((await readCredentialReportFile(writeTemp('report.json', csv))).rows).toHaveLength(3);
    // The SDK hands over Content as bytes.
    expect(parseCredentialReport(new TextEncoder().encode(csv)).rows).toHaveLength(3);
  });
});

describe('credential report: values', () => {
  it('reads both timestamp spellings, quoted fields, CRLF and a BOM; ignores unknown columns', () => {
    const root = '<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00Z,not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
    const bot = '"ci-bot","arn:aws:iam::111122223333:user/ci-bot",2024-01-02T03:04:05+00:00,FALSE,N/A,N/A,N/A,false,true,2024-01-02T03:04:06Z,2024-06-30T12:00:00+00:00,eu-west-1,bedrock,true,2024-02-02T00:00:00Z,N/A,N/A,N/A,true,2024-03-03T03:03:03+00:00,false,N/A';
    const csv = `\uFEFF${HEADER},future_column\r\n${root},x\r\n${bot},"a, ""quoted"" value"\r\n`;
    const report = parseCredentialReportCsv(csv);
    expect(report.rows).toHaveLength(2);
    const [rootRow, botRow] = report.rows as [CredentialReportRow, CredentialReportRow];
    expect(rootRow.isRoot).toBe(true);
    expect(rootRow.passwordEnabled).toBeNull();
    expect(rootRow.passwordLastUsed).toBeNull();
    expect(botRow).toMatchObject({
      user: 'ci-bot',
      isRoot: false,
      userCreationTime: '2024-01-02T03:04:05.000Z',
      passwordEnabled: false,
      mfaActive: false,
      accessKeys: [
        { slot: 1, active: true, lastRotated: '2024-01-02T03:04:06.000Z', lastUsedDate: '2024-06-30T12:00:00.000Z', lastUsedRegion: 'eu-west-1', lastUsedService: 'bedrock' },
        { slot: 2, active: true, lastRotated: '2024-02-02T00:00:00.000Z', lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
      ],
      certificates: [
        { slot: 1, active: true, lastRotated: '2024-03-03T03:03:03.000Z' },
        { slot: 2, active: false, lastRotated: null },
      ],
    });
  });

  it('a header with columns in another order is read by name', () => {
    const columns = [...CREDENTIAL_REPORT_COLUMNS].reverse();
    const values: Record<string, string> = Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c) => [c, 'N/A']));
    Object.assign(values, { user: 'svc', arn: 'arn:aws:iam::111122223333:user/svc', mfa_active: 'true', password_enabled: 'false', access_key_1_active: 'false', access_key_2_active: 'false', cert_1_active: 'false', cert_2_active: 'false' });
    const report = parseCredentialReportCsv(`${columns.join(',')}\n${columns.map((c) => values[c]).join(',')}\n`);
    expect(report.rows[0]).toMatchObject({ user: 'svc', mfaActive: true, passwordEnabled: false });
  });

  it('a report with only the header has no rows', () => {
    expect(parseCredentialReportCsv(`${HEADER}\n`).rows).toEqual([]);
  });
});

describe('broken credential reports', () => {
  it('missing columns are named', async () => {
    const error = await invalidInput(readCredentialReportFile(localFixture('credential-report-missing-columns.csv')));
    expect(error.message).toBe('credential-report-missing-columns.csv: credential report is missing columns: mfa_active, cert_2_active, cert_2_last_rotated');
  });

  it('a bad date names the line, the user, the column and the value', async () => {
    const error = await invalidInput(readCredentialReportFile(localFixture('credential-report-bad-date.csv')));
    expect(error.message).toBe(
      'credential-report-bad-date.csv: credential report line 3 (user ci-bot), access_key_2_last_rotated: expected a date-time or N/A, found "2023-13-45T00:00:00Z"',
    );
  });

  it('bad booleans, wrong field counts, broken quoting, another CSV altogether, empty input', () => {
    const row = (overrides: Partial<Record<string, string>>): string =>
      CREDENTIAL_REPORT_COLUMNS.map((c) => overrides[c] ?? (c.endsWith('_active') || c === 'password_enabled' ? 'false' : c === 'user' ? 'svc' : c === 'arn' ? 'arn:aws:iam::111122223333:user/svc' : 'N/A')).join(',');
    expect(invalidInputSync(() => parseCredentialReportCsv(`${HEADER}\n${row({ mfa_active: 'yes' })}\n`)).message).toBe(
      'credential report line 2 (user svc), mfa_active: expected true or false, found "yes"',
    );
    expect(invalidInputSync(() => parseCredentialReportCsv(`${HEADER}\n${row({})},extra\n`)).message).toBe(
      'credential report line 2: 23 fields, but the header names 22 columns',
    );
    expect(invalidInputSync(() => parseCredentialReportCsv(`${HEADER}\n"svc,arn\n`)).message).toBe('credential report line 2: unterminated quoted field');
    expect(invalidInputSync(() => parseCredentialReportCsv(`${HEADER}\n${row({ arn: 'not-an-arn' })}\n`)).message).toBe(
      'credential report line 2 (user svc), arn: expected an ARN, found "not-an-arn"',
    );
    expect(invalidInputSync(() => parseCredentialReportCsv('name,email\nalice,a@example.com\n')).message).toBe(
      'not a credential report: its first line should name the columns (user,arn,user_creation_time,password_enabled,…), found "name,email"',
    );
    expect(invalidInputSync(() => parseCredentialReport('  \n')).message).toBe('the credential report is empty');
  });

  it('JSON that is not a credential report', () => {
    expect(invalidInputSync(() => parseCredentialReport('{"UserDetailList": []}')).message).toBe(
      'not a credential report: expected the JSON of aws iam get-credential-report with a Content field; its members are UserDetailList (this looks like an authorization-details export)',
    );
    expect(invalidInputSync(() => parseCredentialReport('{"Content": "x", ')).message).toMatch(/^not a credential report: invalid JSON/);
    expect(invalidInputSync(() => parseCredentialReport('{"Content": "eA==", "ReportFormat": "application/pdf"}')).message).toBe(
      'credential report ReportFormat is "application/pdf"; only text/csv is known',
    );
    expect(invalidInputSync(() => parseCredentialReport('{"Content": "dXNlcg==", "GeneratedTime": "soon"}')).message).toBe(
      'credential report GeneratedTime: expected a date-time, found "soon"',
    );
  });

  it('a report that mixes accounts', () => {
    const a = `u1,arn:aws:iam::111122223333:user/u1,${'N/A,'.repeat(19)}N/A`;
    const b = `u2,arn:aws:iam::444455556666:user/u2,${'N/A,'.repeat(19)}N/A`;
    const report = parseCredentialReportCsv(`${HEADER}\n${a}\n${b}\n`);
    expect(invalidInputSync(() => credentialReportAccountId(report)).message).toBe(
      'the credential report mixes AWS accounts: 111122223333 (user u1) and 444455556666 (user u2)',
    );
  });
});

describe('credential reports the workspace could not hold', () => {
  const row = (user: string, arn = `arn:aws:iam::111122223333:user/${user}`): string => `${user},${arn},${'N/A,'.repeat(19)}N/A`;

  it('a duplicate ARN is refused by the report, naming the file, both lines and the ARN (not a database error later)', async () => {
    const text = `${HEADER}\n${row('alice')}\n${row('bob')}\n${row('alice')}\n`;
    expect(invalidInputSync(() => parseCredentialReportCsv(text)).message).toBe(
      'credential report lines 2 and 4: the ARN "arn:aws:iam::111122223333:user/alice" appears twice (users "alice" and "alice"); a credential report lists each user once, so remove the repeated line',
    );
    const error = await invalidInput(readCredentialReportFile(writeTemp('dup.csv', text)));
    expect(error.message).toMatch(/^dup\.csv: credential report lines 2 and 4: the ARN "arn:aws:iam::111122223333:user\/alice" appears twice/);
    // The same in the CLI's JSON form (base64 Content).
    const json = JSON.stringify({ Content: Buffer.from(text).toString('base64'), ReportFormat: 'text/csv' });
    expect(invalidInputSync(() => parseCredentialReport(json)).message).toMatch(/^credential report lines 2 and 4: the ARN .* appears twice/);
  });

  it('more users than the supported size are refused with the count and the limit', async () => {
    const text = `${HEADER}\n${[1, 2, 3, 4].map((i) => row(`u${i}`)).join('\n')}\n`;
    expect(parseCredentialReportCsv(text, { maxRows: 4 }).rows).toHaveLength(4);
    expect(invalidInputSync(() => parseCredentialReportCsv(text, { maxRows: 3 })).message).toMatch(
      /^too large to import: the credential report has 4 users; Agent Warden supports accounts of up to 3 users and roles, and imported nothing\. If the file joins several accounts/,
    );
    const lowered = { principals: 3, groupsAndPolicies: 10, bytes: 1024 * 1024 };
    const error = await invalidInput(readCredentialReportFile(writeTemp('big.csv', text), { limits: lowered }));
    expect(error.message).toMatch(/^big\.csv: too large to import: the credential report has 4 users/);
  });
});

describe('parseCsv (RFC 4180)', () => {
  it('handles quotes, embedded commas and line breaks, CRLF, blank lines and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"multi\nline",\nlast,row')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, y', 'say "hi"'], line: 2 },
      { fields: ['multi\nline', ''], line: 4 },
      { fields: ['last', 'row'], line: 6 },
    ]);
  });

  it('rejects stray quotes', () => {
    expect(() => parseCsv('a,b"c\n')).toThrow('a double quote inside an unquoted field on line 1');
    expect(() => parseCsv('"a"b,c\n')).toThrow('unexpected "b" after a closing quote on line 1');
  });
});
