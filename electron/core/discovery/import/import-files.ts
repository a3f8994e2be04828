/**
 * Offline import: the files an admin can export without handing the app live credentials, turned
 * into the facts of one scan (source `import`). Reads files; writes nothing anywhere.
 *
 * Every refusal is an ImportRefusal naming the file it is about (or none, when it is about the two
 * files together), so the job shows it on that file's row and not on the other one's.
 */
import { AppError } from '../../errors';
import { emptyScanFacts, type ScanFacts } from '../facts';
import { parseAuthorizationDetailsFile, type StreamAuthorizationDetailsOptions } from './authorization-details';
import { credentialReportAccountId, readCredentialReportFile } from './credential-report';
import { fileLabel } from './file-bytes';
import type { ImportLimits } from './limits';

/** Which of the import's files something is about. */
export type ImportFileRole = 'authorization-details' | 'credential-report';

/** An import refused because of what a file holds; `file` is null when it concerns both. */
export class ImportRefusal extends AppError {
  readonly file: ImportFileRole | null;

  constructor(file: ImportFileRole | null, message: string, options?: { cause?: unknown }) {
    super('invalid_input', message, options);
    this.name = 'ImportRefusal';
    this.file = file;
  }
}

export interface ImportOfflineFilesOptions {
  /** `aws iam get-account-authorization-details` output (JSON; may be gzip-compressed). */
  authorizationDetailsPath: string;
  /** The credential report: CSV, or `aws iam get-credential-report` JSON. */
  credentialReportPath?: string;
  /** The account the files belong to; must agree with their ARNs. */
  accountId?: string;
  /** The import time, recorded as the facts' `collectedAt`. */
  clock: () => Date;
  signal?: AbortSignal;
  /** Progress of the authorization-details file (the large one): bytes read and file size. */
  onProgress?: StreamAuthorizationDetailsOptions['onProgress'];
  /** Called when a file has been read and found good on its own (the two are then checked together). */
  onFileRead?: (file: ImportFileRole) => void;
  /** The supported size; DEFAULT_IMPORT_LIMITS unless a test lowers it. */
  limits?: ImportLimits;
}

/** Runs `read`, tagging an invalid-input refusal with the file it is about. */
async function about<T>(file: ImportFileRole, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input' && !(error instanceof ImportRefusal)) {
      throw new ImportRefusal(file, error.message, { cause: error });
    }
    throw error;
  }
}

export async function importOfflineFiles(options: ImportOfflineFilesOptions): Promise<ScanFacts> {
  const { authorizationDetailsPath, credentialReportPath, accountId, clock } = options;
  // The small file first: a problem in it is reported before minutes of streaming the large one.
  const report =
    credentialReportPath === undefined
      ? null
      : await about('credential-report', () => readCredentialReportFile(credentialReportPath, { limits: options.limits }));
  if (report !== null) options.onFileRead?.('credential-report');
  const iamImport = await about('authorization-details', () =>
    parseAuthorizationDetailsFile(authorizationDetailsPath, {
      accountId,
      signal: options.signal,
      onProgress: options.onProgress,
      limits: options.limits,
    }),
  );
  options.onFileRead?.('authorization-details');
  const warnings = [...iamImport.warnings];
  if (report !== null && credentialReportPath !== undefined) {
    const reportLabel = fileLabel(credentialReportPath);
    let reportAccount: string | null;
    try {
      reportAccount = credentialReportAccountId(report);
    } catch (error) {
      if (error instanceof AppError) throw new ImportRefusal('credential-report', `${reportLabel}: ${error.message}`, { cause: error });
      throw error;
    }
    if (reportAccount !== null && reportAccount !== iamImport.accountId) {
      throw new ImportRefusal(
        null,
        `the files are from different AWS accounts: ${reportLabel} is for ${reportAccount}, ${fileLabel(authorizationDetailsPath)} for ${iamImport.accountId}`,
      );
    }
    if (report.rows.length === 0) warnings.push(`${reportLabel} has no rows`);
  }
  const facts = emptyScanFacts({
    collectedAt: clock().toISOString(),
    account: { id: iamImport.accountId, alias: null, partition: iamImport.partition, source: 'import' },
  });
  facts.iam = iamImport.iam;
  facts.credentialReport = report;
  facts.warnings = warnings;
  return facts;
}
