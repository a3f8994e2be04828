/**
 * iam-service-last-accessed: at most `limits.lastAccessedJobs` jobs, on the likeliest AI identities,
 * polled until done, every result page read, only AI namespaces kept, and what was left out said.
 */
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
  IAMServiceException,
  NoSuchEntityException,
  type GetServiceLastAccessedDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { LAST_ACCESSED_JOBS_IN_FLIGHT, serviceLastAccessedCollector } from '@core/aws/collectors/iam/service-last-accessed';
import { serviceLastAccessedFactsSchema, type ScanFacts } from '@core/discovery/facts';
import { allow, iamFacts, roleFacts, trust, userFacts } from './last-accessed-fixtures';
import { fakeContext, freshFacts, runOf, runWithFramework, TEST_LIMITS } from './support';

const iam = mockClient(IAMClient);
afterAll(() => iam.restore());
beforeEach(() => iam.reset());

const ROLE = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;

/** Five identities; with a bound of 2 the two Bedrock roles win. */
function facts(): ScanFacts {
  const draft = freshFacts();
  draft.iam = iamFacts({
    users: [userFacts('plain-user'), userFacts('sagemaker-user', { inline: [allow('sagemaker:InvokeEndpoint')] })],
    roles: [roleFacts('plain-role'), roleFacts('agent', { trust: trust('bedrock.amazonaws.com') }), roleFacts('kb', { trust: trust('bedrock.amazonaws.com') })],
  });
  return draft;
}

const IN_PROGRESS: GetServiceLastAccessedDetailsCommandOutput = { $metadata: {}, JobStatus: 'IN_PROGRESS', JobCreationDate: new Date(), ServicesLastAccessed: [], JobCompletionDate: undefined };

function completed(services: GetServiceLastAccessedDetailsCommandOutput['ServicesLastAccessed'], marker?: string): GetServiceLastAccessedDetailsCommandOutput {
  return {
    $metadata: {},
    JobStatus: 'COMPLETED',
    JobCreationDate: new Date('2025-06-01T11:59:00Z'),
    JobCompletionDate: new Date('2025-06-01T11:59:02Z'),
    ServicesLastAccessed: services,
    IsTruncated: marker !== undefined,
    ...(marker !== undefined && { Marker: marker }),
  };
}

/** Jobs named after the principal; answers chosen per job and poll by `answer`. */
function serveJobs(answer: (job: string, poll: number, marker: string | undefined) => GetServiceLastAccessedDetailsCommandOutput): void {
  iam.on(GenerateServiceLastAccessedDetailsCommand).callsFake((input: { Arn: string }) => Promise.resolve({ JobId: `job:${input.Arn.split('/').pop() ?? ''}` }));
  const polls = new Map<string, number>();
  iam.on(GetServiceLastAccessedDetailsCommand).callsFake((input: { JobId: string; Marker?: string }) => {
    const poll = (polls.get(input.JobId) ?? 0) + 1;
    polls.set(input.JobId, poll);
    return Promise.resolve(answer(input.JobId, poll, input.Marker));
  });
}

describe('iam-service-last-accessed', () => {
  it('runs jobs only for the best `lastAccessedJobs` identities, polls, reads every page, keeps AI namespaces', async () => {
    serveJobs((job, poll, marker) => {
      if (poll === 1) return IN_PROGRESS;
      if (job === 'job:agent' && marker === undefined) {
        return completed(
          [
            { ServiceNamespace: 'bedrock', ServiceName: 'Amazon Bedrock', LastAuthenticated: new Date('2025-05-30T08:00:00Z'), LastAuthenticatedEntity: ROLE('agent'), LastAuthenticatedRegion: 'us-east-1', TotalAuthenticatedEntities: 1 },
            { ServiceNamespace: 's3', ServiceName: 'Amazon S3', LastAuthenticated: new Date('2025-05-30T08:00:00Z'), TotalAuthenticatedEntities: 1 },
          ],
          'page-2',
        );
      }
      if (job === 'job:agent') return completed([{ ServiceNamespace: 'sagemaker', ServiceName: 'Amazon SageMaker', TotalAuthenticatedEntities: 0 }]);
      return completed([{ ServiceNamespace: 'bedrock', ServiceName: 'Amazon Bedrock', TotalAuthenticatedEntities: 0 }]);
    });
    const ctx = fakeContext({ facts: facts(), limits: { ...TEST_LIMITS, lastAccessedJobs: 2, pollIntervalMs: 1_500, maxPolls: 4 } });
    const apply = await serviceLastAccessedCollector.collect(ctx);

    const started = iam.commandCalls(GenerateServiceLastAccessedDetailsCommand).map((call) => call.args[0].input);
    expect(started).toEqual([
      { Arn: ROLE('agent'), Granularity: 'SERVICE_LEVEL' },
      { Arn: ROLE('kb'), Granularity: 'SERVICE_LEVEL' },
    ]);
    // Two jobs × (wait, IN_PROGRESS, wait, COMPLETED) + one more page for the agent.
    expect(iam.commandCalls(GetServiceLastAccessedDetailsCommand)).toHaveLength(5);
    expect(ctx.sleeps).toEqual([1_500, 1_500, 1_500, 1_500]);

    const draft = freshFacts();
    apply(draft);
    const entries = (draft.serviceLastAccessed ?? []).map((entry) => serviceLastAccessedFactsSchema.parse(entry));
    expect(entries).toEqual([
      {
        principalArn: ROLE('agent'),
        serviceNamespace: 'bedrock',
        serviceName: 'Amazon Bedrock',
        lastAuthenticated: '2025-05-30T08:00:00.000Z',
        lastAuthenticatedEntity: ROLE('agent'),
        lastAuthenticatedRegion: 'us-east-1',
        totalAuthenticatedEntities: 1,
      },
      {
        principalArn: ROLE('agent'),
        serviceNamespace: 'sagemaker',
        serviceName: 'Amazon SageMaker',
        lastAuthenticated: null,
        lastAuthenticatedEntity: null,
        lastAuthenticatedRegion: null,
        totalAuthenticatedEntities: 0,
      },
      {
        principalArn: ROLE('kb'),
        serviceNamespace: 'bedrock',
        serviceName: 'Amazon Bedrock',
        lastAuthenticated: null,
        lastAuthenticatedEntity: null,
        lastAuthenticatedRegion: null,
        totalAuthenticatedEntities: 0,
      },
    ]);
    expect(ctx.notes).toEqual([
      'Checked 2 of 5 identities for use of AI services. 3 not checked: at most 2 jobs per scan, spent on the likeliest AI identities first.',
    ]);
    expect(ctx.progressEvents.at(-1)).toEqual([2, 2]);
  });

  it('skips and counts a failed job, a deleted principal and a job still running; keeps the rest', async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand).callsFake((input: { Arn: string }) => {
      if (input.Arn.endsWith('/plain-user')) return Promise.reject(new NoSuchEntityException({ message: 'gone', $metadata: {} }));
      return Promise.resolve({ JobId: `job:${input.Arn.split('/').pop() ?? ''}` });
    });
    iam.on(GetServiceLastAccessedDetailsCommand).callsFake((input: { JobId: string }) => {
      if (input.JobId === 'job:kb') return Promise.resolve({ ...IN_PROGRESS, JobStatus: 'FAILED', Error: { Code: 'InternalError', Message: 'the job failed' } });
      if (input.JobId === 'job:plain-role') return Promise.resolve(IN_PROGRESS);
      return Promise.resolve(completed([{ ServiceNamespace: 'bedrock', ServiceName: 'Amazon Bedrock' }]));
    });
    const { runs, facts: scanned } = await runWithFramework([serviceLastAccessedCollector], { draft: facts(), limits: { ...TEST_LIMITS, lastAccessedJobs: 50, maxPolls: 3 } });
    const run = runOf(runs, 'iam-service-last-accessed');
    expect(run.outcome).toBe('ok');
    expect(run.message).toBe(
      `Checked 2 of 5 identities for use of AI services. 1 job failed (first: ${ROLE('kb')}: the job failed). 1 job still running after 3 polls. 1 deleted since the inventory was read.`,
    );
    expect(scanned.serviceLastAccessed?.map((entry) => entry.principalArn.split('/').pop())).toEqual(['agent', 'sagemaker-user']);
  });

  it('no job finishes: failed, nothing written', async () => {
    serveJobs(() => IN_PROGRESS);
    const { runs, facts: scanned } = await runWithFramework([serviceLastAccessedCollector], { draft: facts(), limits: { ...TEST_LIMITS, lastAccessedJobs: 2, maxPolls: 2 } });
    expect(runOf(runs, 'iam-service-last-accessed')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('No last-accessed job finished within 2 polls') as unknown });
    expect(scanned.serviceLastAccessed).toBeNull();
  });

  it('GenerateServiceLastAccessedDetails denied: denied, section null, no job started after the refusal', async () => {
    iam.on(GenerateServiceLastAccessedDetailsCommand).rejects(
      new IAMServiceException({ name: 'AccessDenied', message: 'not authorized to perform: iam:GenerateServiceLastAccessedDetails', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    const draft = freshFacts();
    draft.iam = iamFacts({ roles: Array.from({ length: 40 }, (_, i) => roleFacts(`agent-${String(i).padStart(2, '0')}`, { trust: trust('bedrock.amazonaws.com') })) });
    const { runs, facts: scanned } = await runWithFramework([serviceLastAccessedCollector], { draft });
    expect(runOf(runs, 'iam-service-last-accessed').outcome).toBe('denied');
    expect(scanned.serviceLastAccessed).toBeNull();
    // Only the jobs already in flight when the first refusal came back, not one per identity.
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand).length).toBeLessThanOrEqual(LAST_ACCESSED_JOBS_IN_FLIGHT);
  });

  it('without the IAM inventory: failed, saying why, no call made', async () => {
    const { runs } = await runWithFramework([serviceLastAccessedCollector]);
    expect(runOf(runs, 'iam-service-last-accessed')).toMatchObject({ outcome: 'failed', message: expect.stringContaining('needs the IAM inventory') as unknown });
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
  });

  it('an account with no users or roles: ok, an empty list', async () => {
    const draft = freshFacts();
    draft.iam = iamFacts({});
    const { runs, facts: scanned } = await runWithFramework([serviceLastAccessedCollector], { draft });
    expect(runOf(runs, 'iam-service-last-accessed')).toMatchObject({ outcome: 'ok', message: 'Checked 0 of 0 identities for use of AI services.' });
    expect(scanned.serviceLastAccessed).toEqual([]);
  });

  it('cancelled while jobs wait: cancelled, nothing written', async () => {
    const controller = new AbortController();
    serveJobs(() => {
      controller.abort();
      return IN_PROGRESS;
    });
    const { runs, facts: scanned } = await runWithFramework([serviceLastAccessedCollector], { draft: facts(), signal: controller.signal });
    expect(runOf(runs, 'iam-service-last-accessed').outcome).toBe('cancelled');
    expect(scanned.serviceLastAccessed).toBeNull();
  });

  it('runs in phase 3, after the inventory and the workloads', () => {
    expect(serviceLastAccessedCollector.phase).toBe(3);
  });
});
