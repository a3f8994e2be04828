/**
 * The IAM credential report, as the CSV AWS generates or as the AWS CLI's `get-credential-report`
 * JSON (`{"Content": "<base64 CSV>", "ReportFormat": "text/csv", "GeneratedTime": …}`); the two are
 * told apart by content, not by file name. `N/A`, `no_information` and `not_supported` become null
 * (dates, regions, services, the root row's `password_enabled`) or false (`…_active` flags); both
 * timestamp spellings (`+00:00`, `Z`) are read; the `<root_account>` row is kept and marked.
 */
import { AppError } from '../../errors';
import { accountIdOfArn } from '../arn';
import { toIsoTimestamp } from '../aws-timestamp';
import type { AccessKeyReport, CredentialReportFacts, CredentialReportRow, SigningCertificateReport } from '../facts';
import { CsvSyntaxError, parseCsv } from './csv';
import { fileLabel, readFileText } from './file-bytes';
import { describeValue } from '../shape-problems';
import { DEFAULT_IMPORT_LIMITS, MAX_IMPORT_PRINCIPALS, TOO_LARGE_ADVICE, formatCount, type ImportLimits } from './limits';

/** Every column AWS documents for the report, in AWS's order. All are required. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
export type CredentialReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

export const ROOT_ACCOUNT_USER = '<root_account>';

/** The values AWS writes where a fact does not apply or is unknown. */
const MISSING = new Set(['N/A', 'no_information', 'not_supported', '']);

/** Largest credential report file accepted (AWS's reports are a few hundred bytes per user). */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

export interface CredentialReportOptions {
  /** When AWS generated the report, if known from elsewhere (`GeneratedTime`). */
  generatedAt?: string | null;
  /** Most users accepted (the supported size); by default MAX_IMPORT_PRINCIPALS. */
  maxRows?: number;
}

/**
 * Parses a credential report in either form: CSV text, or the CLI's JSON response. Bytes are read
 * as UTF-8 (the SDK's `Content` is the CSV's bytes).
 */
export function parseCredentialReport(input: string | Uint8Array, options: CredentialReportOptions = {}): CredentialReportFacts {
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new AppError('invalid_input', 'the credential report is empty');
  if (start.startsWith('{')) return parseCredentialReportJson(start, { maxRows: options.maxRows });
  return parseCredentialReportCsv(text, options);
}

/** Reads a credential report file (CSV or the CLI's JSON). */
export async function readCredentialReportFile(path: string, options: { limits?: ImportLimits } = {}): Promise<CredentialReportFacts> {
  const label = fileLabel(path);
  const text = await readFileText(path, MAX_REPORT_BYTES);
  try {
    return parseCredentialReport(text, { maxRows: (options.limits ?? DEFAULT_IMPORT_LIMITS).principals });
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${label}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The CLI's `aws iam get-credential-report` output. */
export function parseCredentialReportJson(text: string, options: { maxRows?: number } = {}): CredentialReportFacts {
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_input', `not a credential report: invalid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw new AppError('invalid_input', `not a credential report: expected a JSON object with Content, found ${describeValue(response)}`);
  }
  const record = response as Record<string, unknown>;
  const content = record['Content'];
  if (typeof content !== 'string') {
    const keys = Object.keys(record).slice(0, 6).join(', ');
    const hint = 'UserDetailList' in record || 'RoleDetailList' in record ? ' (this looks like an authorization-details export)' : '';
    throw new AppError(
      'invalid_input',
      `not a credential report: expected the JSON of aws iam get-credential-report with a Content field${content === undefined ? '' : `, found Content as ${describeValue(content)}`}; its members are ${keys || 'none'}${hint}`,
    );
  }
  const format = record['ReportFormat'];
  if (format !== undefined && format !== 'text/csv') {
    throw new AppError('invalid_input', `credential report ReportFormat is ${JSON.stringify(format)}; only text/csv is known`);
  }
  const generatedTime = record['GeneratedTime'];
  let generatedAt: string | null = null;
  if (generatedTime !== undefined && generatedTime !== null) {
    generatedAt = typeof generatedTime === 'string' ? toIsoTimestamp(generatedTime) : null;
    if (generatedAt === null) {
      throw new AppError('invalid_input', `credential report GeneratedTime: expected a date-time, found ${JSON.stringify(generatedTime)}`);
    }
  }
  return parseCredentialReportCsv(decodeContent(content), { generatedAt, maxRows: options.maxRows });
}

/** `Content` is base64 in real CLI output; some tools store the CSV itself. */
function decodeContent(content: string): string {
  const compact = content.replace(/\s+/g, '');
  if (content.includes(',') || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return content;
  if (compact.length % 4 === 1) {
    throw new AppError('invalid_input', 'credential report Content: not valid base64');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The report's CSV text. */
export function parseCredentialReportCsv(csv: string, options: CredentialReportOptions = {}): CredentialReportFacts {
  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new AppError('invalid_input', `credential report line ${error.line}: ${error.problem}`, { cause: error });
    }
    throw error;
  }
  const header = records[0];
  if (header === undefined) throw new AppError('invalid_input', 'the credential report is empty');
  const names = header.fields.map((name) => name.trim());
  const columns = new Map<string, number>();
  names.forEach((name, index) => {
    if (!columns.has(name)) columns.set(name, index);
  });
  const missing = CREDENTIAL_REPORT_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    if (!columns.has('user') && !columns.has('arn')) {
      throw new AppError(
        'invalid_input',
        `not a credential report: its first line should name the columns (${CREDENTIAL_REPORT_COLUMNS.slice(0, 4).join(',')},…), found "${truncate(header.fields.join(','), 80)}"`,
      );
    }
    throw new AppError('invalid_input', `credential report is missing ${missing.length === 1 ? 'column' : 'columns'}: ${missing.join(', ')}`);
  }
  const maxRows = options.maxRows ?? MAX_IMPORT_PRINCIPALS;
  if (records.length - 1 > maxRows) {
    throw new AppError(
      'invalid_input',
      `too large to import: the credential report has ${formatCount(records.length - 1)} users; Agent Warden supports accounts of up to ${formatCount(maxRows)} users and roles, and imported nothing. ${TOO_LARGE_ADVICE}`,
    );
  }
  // The workspace keys report rows by ARN: a repeat would otherwise surface as a raw database error
  // at write time, blamed on neither file. AWS writes each user once, so a repeat is an edited file.
  const seen = new Map<string, { line: number; user: string }>();
  const rows = records.slice(1).map((record) => {
    if (record.fields.length !== names.length) {
      throw new AppError(
        'invalid_input',
        `credential report line ${record.line}: ${record.fields.length} fields, but the header names ${names.length} columns`,
      );
    }
    const row = parseRow(record.fields, record.line, columns);
    const first = seen.get(row.arn);
    if (first !== undefined) {
      throw new AppError(
        'invalid_input',
        `credential report lines ${first.line} and ${record.line}: the ARN ${JSON.stringify(row.arn)} appears twice (users ${JSON.stringify(first.user)} and ${JSON.stringify(row.user)}); a credential report lists each user once, so remove the repeated line`,
      );
    }
    seen.set(row.arn, { line: record.line, user: row.user });
    return row;
  });
  return { generatedAt: options.generatedAt ?? null, rows };
}

function parseRow(fields: readonly string[], line: number, columns: ReadonlyMap<string, number>): CredentialReportRow {
  const raw = (column: CredentialReportColumn): string => fields[columns.get(column) ?? -1]?.trim() ?? '';
  const user = raw('user');
  const where = `credential report line ${line}${user === '' ? '' : ` (user ${user})`}`;
  const problem = (column: CredentialReportColumn, expected: string): AppError =>
    new AppError('invalid_input', `${where}, ${column}: expected ${expected}, found ${JSON.stringify(raw(column))}`);
  const date = (column: CredentialReportColumn): string | null => {
    const value = raw(column);
    if (MISSING.has(value)) return null;
    const iso = toIsoTimestamp(value);
    if (iso === null) throw problem(column, 'a date-time or N/A');
    return iso;
  };
  const flag = (column: CredentialReportColumn): boolean | null => {
    const value = raw(column).toLowerCase();
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (MISSING.has(raw(column))) return null;
    throw problem(column, 'true or false');
  };
  const text = (column: CredentialReportColumn): string | null => {
    const value = raw(column);
    return MISSING.has(value) ? null : value;
  };
  if (user === '') throw new AppError('invalid_input', `${where}: the user column is empty`);
  const arn = raw('arn');
  if (!arn.startsWith('arn:')) throw problem('arn', 'an ARN');
  const accessKey = (slot: 1 | 2): AccessKeyReport => ({
    slot,
    active: flag(`access_key_${slot}_active`) ?? false,
    lastRotated: date(`access_key_${slot}_last_rotated`),
    lastUsedDate: date(`access_key_${slot}_last_used_date`),
    lastUsedRegion: text(`access_key_${slot}_last_used_region`),
    lastUsedService: text(`access_key_${slot}_last_used_service`),
  });
  const certificate = (slot: 1 | 2): SigningCertificateReport => ({
    slot,
    active: flag(`cert_${slot}_active`) ?? false,
    lastRotated: date(`cert_${slot}_last_rotated`),
  });
  return {
    user,
    arn,
    isRoot: user === ROOT_ACCOUNT_USER,
    userCreationTime: date('user_creation_time'),
    passwordEnabled: flag('password_enabled'),
    passwordLastUsed: date('password_last_used'),
    passwordLastChanged: date('password_last_changed'),
    passwordNextRotation: date('password_next_rotation'),
    mfaActive: flag('mfa_active') ?? false,
    accessKeys: [accessKey(1), accessKey(2)],
    certificates: [certificate(1), certificate(2)],
  };
}

/**
 * The account the report belongs to, from its ARNs (all must agree); null for a report with no rows.
 */
export function credentialReportAccountId(report: CredentialReportFacts): string | null {
  let found: { id: string; user: string } | null = null;
  for (const row of report.rows) {
    const id = accountIdOfArn(row.arn);
    if (id === null) continue;
    if (found === null) found = { id, user: row.user };
    else if (found.id !== id) {
      throw new AppError(
        'invalid_input',
        `the credential report mixes AWS accounts: ${found.id} (user ${found.user}) and ${id} (user ${row.user})`,
      );
    }
  }
  return found?.id ?? null;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
