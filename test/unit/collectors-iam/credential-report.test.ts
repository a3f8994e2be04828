/**
 * The credential report collector: generate, poll with the scan's sleep until COMPLETE, read, parse
 * with the shared parser (root row included); give up after `maxPolls` with a clear message.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient, IAMServiceException } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialReportCollector } from '@core/aws/collectors/iam/credential-report';
import { credentialReportFactsSchema } from '@core/discovery/facts';
import { fakeContext, freshFacts, runOf, runWithFramework, TEST_LIMITS } from './support';

const iam = mockClient(IAMClient);
afterAll(() => iam.restore());
beforeEach(() => iam.reset());

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const CSV = [
  HEADER,
  '<root_account>,arn:aws:iam::123456789012:root,2018-08-12T17:20:55+00:00,not_supported,2019-03-03T16:58:16+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'ci-bot,arn:aws:iam::123456789012:user/ci-bot,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:01+00:00,2025-05-31T08:00:00+00:00,eu-west-1,bedrock,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');
const REPORT = { Content: new TextEncoder().encode(CSV), ReportFormat: 'text/csv' as const, GeneratedTime: new Date('2025-06-01T11:00:00Z') };

describe('iam-credential-report', () => {
  it('polls STARTED → STARTED → COMPLETE with the scan’s sleep, then reads and parses every row', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolvesOnce({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(REPORT);
    const ctx = fakeContext({ limits: { ...TEST_LIMITS, pollIntervalMs: 2_000, maxPolls: 10 } });
    const apply = await credentialReportCollector.collect(ctx);

    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(ctx.sleeps).toEqual([2_000, 2_000]);

    const draft = freshFacts();
    apply(draft);
    const report = credentialReportFactsSchema.parse(draft.credentialReport);
    expect(report.generatedAt).toBe('2025-06-01T11:00:00.000Z');
    expect(report.rows.map((row) => [row.user, row.isRoot])).toEqual([
      ['<root_account>', true],
      ['ci-bot', false],
    ]);
    expect(report.rows[0]).toMatchObject({ passwordEnabled: null, mfaActive: true, passwordLastUsed: '2019-03-03T16:58:16.000Z' });
    expect(report.rows[1]?.accessKeys[0]).toEqual({
      slot: 1,
      active: true,
      lastRotated: '2024-01-01T00:00:01.000Z',
      lastUsedDate: '2025-05-31T08:00:00.000Z',
      lastUsedRegion: 'eu-west-1',
      lastUsedService: 'bedrock',
    });
    expect(ctx.notes).toEqual(['1 user and the root account; report generated 2025-06-01T11:00:00.000Z.']);
    expect(ctx.warnings).toEqual([]);
  });

  it('reads at once when a recent report exists (one generate, no sleep)', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(REPORT);
    const ctx = fakeContext();
    await credentialReportCollector.collect(ctx);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(ctx.sleeps).toEqual([]);
  });

  it('waits again when the report is replaced between generate and get', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(new IAMServiceException({ name: 'CredentialReportNotReadyException', message: 'Report is in progress', $fault: 'client', $metadata: { httpStatusCode: 410 } }))
      .resolves(REPORT);
    const ctx = fakeContext();
    await credentialReportCollector.collect(ctx);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
    expect(ctx.sleeps).toHaveLength(1);
  });

  it('gives up after maxPolls: failed, saying so, nothing written', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const { runs, facts } = await runWithFramework([credentialReportCollector], { limits: { ...TEST_LIMITS, maxPolls: 3 } });
    expect(runOf(runs, 'iam-credential-report')).toMatchObject({
      outcome: 'failed',
      message: expect.stringContaining('had not finished the credential report after 3 polls (last state: INPROGRESS)') as unknown,
    });
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(0);
    expect(facts.credentialReport).toBeNull();
  });

  it('cancelled while waiting between polls: cancelled, no further call', async () => {
    const controller = new AbortController();
    iam.on(GenerateCredentialReportCommand).callsFake(() => {
      setTimeout(() => controller.abort(), 5);
      return Promise.resolve({ State: 'STARTED' });
    });
    const { runs, facts } = await runWithFramework([credentialReportCollector], { signal: controller.signal, limits: { ...TEST_LIMITS, pollIntervalMs: 60_000 } });
    expect(runOf(runs, 'iam-credential-report').outcome).toBe('cancelled');
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(facts.credentialReport).toBeNull();
  });

  it('warns when the report has no root row (moto’s, or a mangled one)', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ ...REPORT, Content: new TextEncoder().encode([HEADER, CSV.split('\n')[2]].join('\n')) });
    const ctx = fakeContext();
    await credentialReportCollector.collect(ctx);
    expect(ctx.warnings).toEqual([expect.stringContaining('no <root_account> row') as unknown]);
  });
});
