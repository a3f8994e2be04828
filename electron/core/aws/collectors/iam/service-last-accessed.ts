/**
 * When identities last used AI services (bedrock, sagemaker, …): IAM's service-last-accessed data,
 * one asynchronous job per principal. Runs after the inventory and the workloads (phase 3) so it can
 * spend its bounded number of jobs (`limits.lastAccessedJobs`) on the identities most likely to be
 * AI agents (see last-accessed-priority.ts), and says how many it left out.
 *
 * A job is started, then polled until IAM has finished it; a few jobs run at once. A principal
 * deleted since the inventory, a job IAM reports as failed, or one still running after
 * `limits.maxPolls` polls is skipped and counted; any other error (access denied, throttling) ends
 * the collector with that outcome.
 */
import {
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
  type GetServiceLastAccessedDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import type { ServiceLastAccessedFacts } from '../../../discovery/facts';
import type { Collector, CollectorContext } from '../../scanner/collector';
import { chooseLastAccessedPrincipals, isAiServiceNamespace, type LastAccessedCandidate } from './last-accessed-priority';
import { forEachPage, iamMarker } from './pages';
import { count, isAwsError, isoOrNull, sendOptions } from './sdk-values';

/**
 * Jobs running at once. More than the per-service request bound on purpose: a job mostly waits
 * between polls (the client factory still bounds the requests themselves).
 */
export const LAST_ACCESSED_JOBS_IN_FLIGHT = 8;

type JobResult =
  | { status: 'done'; entries: ServiceLastAccessedFacts[] }
  | { status: 'gone' }
  | { status: 'failed'; message: string }
  | { status: 'timeout' };

function toFacts(principalArn: string, page: GetServiceLastAccessedDetailsCommandOutput): ServiceLastAccessedFacts[] {
  const entries: ServiceLastAccessedFacts[] = [];
  for (const service of page.ServicesLastAccessed ?? []) {
    if (service.ServiceNamespace === undefined || !isAiServiceNamespace(service.ServiceNamespace)) continue;
    entries.push({
      principalArn,
      serviceNamespace: service.ServiceNamespace,
      serviceName: service.ServiceName ?? null,
      lastAuthenticated: isoOrNull(service.LastAuthenticated),
      lastAuthenticatedEntity: service.LastAuthenticatedEntity ?? null,
      lastAuthenticatedRegion: service.LastAuthenticatedRegion ?? null,
      totalAuthenticatedEntities: service.TotalAuthenticatedEntities ?? null,
    });
  }
  return entries;
}

/** Set by the first job that ends the collector, so the other jobs make no further call. */
interface StopSignal {
  stopped: boolean;
}

function throwIfStopped(stop: StopSignal): void {
  // The collector already rejected with the first job's error; this one is never reported.
  if (stop.stopped) throw new Error('Stopped: another last-accessed job ended the collector.');
}

async function runJob(ctx: CollectorContext, iam: IAMClient, principal: LastAccessedCandidate, stop: StopSignal): Promise<JobResult> {
  let jobId: string | undefined;
  throwIfStopped(stop);
  try {
    const started = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: principal.arn, Granularity: 'SERVICE_LEVEL' }), sendOptions(ctx));
    jobId = started.JobId;
  } catch (error) {
    if (isAwsError(error, 'NoSuchEntity')) return { status: 'gone' };
    throw error;
  }
  if (jobId === undefined || jobId === '') return { status: 'failed', message: `no job ID for ${principal.arn}` };
  const id = jobId;
  const polls = Math.max(1, ctx.limits.maxPolls);
  for (let poll = 1; poll <= polls; poll += 1) {
    // A job is never finished the instant it starts; waiting first saves a wasted poll per job.
    await ctx.sleep(ctx.limits.pollIntervalMs);
    throwIfStopped(stop);
    const first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: id, MaxItems: 1000 }), sendOptions(ctx));
    if (first.JobStatus === 'IN_PROGRESS') continue;
    if (first.JobStatus === 'FAILED') {
      return { status: 'failed', message: `${principal.arn}: ${first.Error?.Message ?? first.Error?.Code ?? 'IAM reported the job as failed'}` };
    }
    const entries: ServiceLastAccessedFacts[] = [];
    let pending: GetServiceLastAccessedDetailsCommandOutput | null = first;
    await forEachPage<GetServiceLastAccessedDetailsCommandOutput>({
      what: 'GetServiceLastAccessedDetails',
      signal: ctx.signal,
      // The first page is the completed poll itself; later pages follow its Marker.
      fetch: async (marker) => {
        if (pending !== null) {
          const page = pending;
          pending = null;
          return page;
        }
        return iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: id, MaxItems: 1000, Marker: marker }), sendOptions(ctx));
      },
      nextToken: iamMarker('GetServiceLastAccessedDetails'),
      onPage: (page) => entries.push(...toFacts(principal.arn, page)),
    });
    return { status: 'done', entries };
  }
  return { status: 'timeout' };
}

export const serviceLastAccessedCollector: Collector = {
  id: 'iam-service-last-accessed',
  label: 'Last use of AI services by identity (IAM last accessed)',
  scope: 'global',
  phase: 3,
  async collect(ctx) {
    if (ctx.facts.iam === null) {
      throw new Error('It needs the IAM inventory (users and roles), which this scan did not collect; see that collector’s outcome.');
    }
    const limit = ctx.limits.lastAccessedJobs;
    const { selected, skipped } = chooseLastAccessedPrincipals(ctx.facts, limit);
    const iam = ctx.client(IAMClient, 'IAM');
    let done = 0;
    // One denied or throttled job ends the collector; the jobs still running stop at their next step
    // instead of spending calls on a result that will not be kept.
    const stop: StopSignal = { stopped: false };
    ctx.progress(0, selected.length);
    const results = await ctx.mapLimit(
      selected,
      async (principal) => {
        let result: JobResult;
        try {
          result = await runJob(ctx, iam, principal, stop);
        } catch (error) {
          stop.stopped = true;
          throw error;
        }
        done += 1;
        ctx.progress(done, selected.length);
        return result;
      },
      LAST_ACCESSED_JOBS_IN_FLIGHT,
    );

    const entries = results.flatMap((result) => (result.status === 'done' ? result.entries : []));
    const completed = results.filter((result) => result.status === 'done').length;
    const failures = results.flatMap((result) => (result.status === 'failed' ? [result.message] : []));
    const timeouts = results.filter((result) => result.status === 'timeout').length;
    const gone = results.filter((result) => result.status === 'gone').length;
    if (selected.length > 0 && completed === 0 && gone < selected.length) {
      throw new Error(
        failures.length > 0
          ? `No last-accessed job finished; IAM reported: ${failures[0] ?? ''}`
          : `No last-accessed job finished within ${ctx.limits.maxPolls} polls; run the scan again later.`,
      );
    }
    const total = selected.length + skipped.length;
    const parts = [`Checked ${completed} of ${count(total, 'identity', 'identities')} for use of AI services.`];
    if (skipped.length > 0) parts.push(`${skipped.length} not checked: at most ${limit} jobs per scan, spent on the likeliest AI identities first.`);
    if (failures.length > 0) parts.push(`${count(failures.length, 'job')} failed (first: ${failures[0] ?? ''}).`);
    if (timeouts > 0) parts.push(`${count(timeouts, 'job')} still running after ${ctx.limits.maxPolls} polls.`);
    if (gone > 0) parts.push(`${gone} deleted since the inventory was read.`);
    ctx.note(parts.join(' '));
    return (draft) => {
      draft.serviceLastAccessed = entries;
    };
  },
};
