/**
 * The IAM credential report: one CSV row per user and the root account, with password, MFA, access
 * key and signing certificate ages and last use. Generate (AWS rebuilds it at most every four hours
 * and answers COMPLETE at once while a recent one exists), poll until COMPLETE, then read it and
 * parse it with the same parser as the offline import.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient, type GetCredentialReportCommandOutput } from '@aws-sdk/client-iam';
import { parseCredentialReport } from '../../../discovery/import/credential-report';
import type { Collector, CollectorContext } from '../../scanner/collector';
import { count, isAwsError, isoOrNull, sendOptions } from './sdk-values';

/** Asks for the report until AWS has one, then reads it; throws when it is not ready in time. */
async function fetchReport(ctx: CollectorContext, iam: IAMClient): Promise<GetCredentialReportCommandOutput> {
  const polls = Math.max(1, ctx.limits.maxPolls);
  let lastState = 'unknown';
  for (let poll = 1; poll <= polls; poll += 1) {
    const generated = await iam.send(new GenerateCredentialReportCommand({}), sendOptions(ctx));
    lastState = generated.State ?? 'unknown';
    ctx.progress(poll, polls + 1);
    if (lastState === 'COMPLETE') {
      try {
        return await iam.send(new GetCredentialReportCommand({}), sendOptions(ctx));
      } catch (error) {
        // Another caller may have started a new report between our two calls: wait for that one.
        if (!isAwsError(error, 'CredentialReportNotReady', 'CredentialReportNotPresent', 'CredentialReportExpired', 'ReportInProgress', 'ReportNotPresent', 'ReportExpired')) {
          throw error;
        }
        lastState = 'not ready when read';
      }
    }
    if (poll < polls) await ctx.sleep(ctx.limits.pollIntervalMs);
  }
  throw new Error(
    `AWS had not finished the credential report after ${polls} ${polls === 1 ? 'poll' : 'polls'} (last state: ${lastState}); run the scan again in a minute.`,
  );
}

export const credentialReportCollector: Collector = {
  id: 'iam-credential-report',
  label: 'IAM credential report',
  scope: 'global',
  phase: 1,
  async collect(ctx) {
    const iam = ctx.client(IAMClient, 'IAM');
    const response = await fetchReport(ctx, iam);
    // The SDK types allow only text/csv today; a new format from AWS must not be parsed as CSV.
    const format: string | undefined = response.ReportFormat;
    if (format !== undefined && format !== 'text/csv') {
      throw new Error(`The credential report came as ${format}; only text/csv is known.`);
    }
    const content = response.Content;
    if (content === undefined || content.byteLength === 0) throw new Error('AWS returned an empty credential report.');
    const generatedAt = isoOrNull(response.GeneratedTime);
    const report = parseCredentialReport(content, { generatedAt });
    const users = report.rows.filter((row) => !row.isRoot).length;
    const root = report.rows.some((row) => row.isRoot);
    ctx.note(`${count(users, 'user')}${root ? ' and the root account' : ''}${generatedAt !== null ? `; report generated ${generatedAt}` : ''}.`);
    if (!root) ctx.warn('the credential report has no <root_account> row; root password, MFA and key facts are unknown.');
    return (draft) => {
      draft.credentialReport = report;
    };
  },
};
