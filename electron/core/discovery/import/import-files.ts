/**
 * Offline import: the files an admin can export without handing the app live credentials, turned
 * into the facts of one scan (source `import`). Reads files; writes nothing anywhere.
 */
import { AppError } from '../../errors';
import { emptyScanFacts, type ScanFacts } from '../facts';
import { parseAuthorizationDetailsFile, type StreamAuthorizationDetailsOptions } from './authorization-details';
import { credentialReportAccountId, readCredentialReportFile } from './credential-report';
import { fileLabel } from './file-bytes';

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
}

export async function importOfflineFiles(options: ImportOfflineFilesOptions): Promise<ScanFacts> {
  const { authorizationDetailsPath, credentialReportPath, accountId, clock } = options;
  // The small file first: a problem in it is reported before minutes of streaming the large one.
  const report = credentialReportPath === undefined ? null : await readCredentialReportFile(credentialReportPath);
  const iamImport = await parseAuthorizationDetailsFile(authorizationDetailsPath, {
    accountId,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const warnings = [...iamImport.warnings];
  if (report !== null && credentialReportPath !== undefined) {
    const reportLabel = fileLabel(credentialReportPath);
    let reportAccount: string | null;
    try {
      reportAccount = credentialReportAccountId(report);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `${reportLabel}: ${error.message}`, { cause: error });
      throw error;
    }
    if (reportAccount !== null && reportAccount !== iamImport.accountId) {
      throw new AppError(
        'invalid_input',
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
