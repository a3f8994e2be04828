/**
 * Who created it (issue 14): for the identities and AI workloads new since the previous scan of the
 * account, reads CloudTrail's event history (LookupEvents: management events of the last 90 days)
 * for the event that created each, and records who made it (event-principal.ts).
 *
 * Look-ups are by event name (`LookupAttributes: EventName=CreateRole`) from the previous scan's start
 * (less an hour, for a resource created while it ran), not by resource name: one page answers for
 * every role created since then, where a resource-name look-up would page through all of a role's
 * later events (every AssumeRole names it) to reach its creation. A group (one event name in one
 * region) stops paging as soon as every new resource of it is matched.
 *
 * Bounded: at most MAX_LOOKUP_CALLS calls per scan, AI workloads first; the rest is noted. LookupEvents
 * allows about 2 requests per second per account and region, so calls to one region are spaced
 * MIN_CALL_INTERVAL_MS apart, and a throttled call is retried with a doubling backoff (beyond the
 * SDK's own retries, which are spent within a second). An optional read: refused in every region
 * it needed, the collector ends `denied` with a warning on the scan and nothing else is affected.
 */
import { CloudTrailClient, LookupEventsCommand, type Event, type LookupEventsResponse } from '@aws-sdk/client-cloudtrail';
import type { CreatorFacts, JsonValue } from '../../../discovery/facts';
import { classifyAwsError } from '../../scanner/classify-aws-error';
import type { Collector, CollectorContext } from '../../scanner/collector';
import { CREATION_EVENTS, createdIdentifiers, creationCandidates, eventPriority, iamEventRegion, type CreationCandidate } from './creation-events';
import { eventPrincipal } from './event-principal';

/** LookupEvents calls per scan, across regions and pages. */
export const MAX_LOOKUP_CALLS = 50;
/** How far back CloudTrail's event history goes. */
export const LOOKBACK_DAYS = 90;
/** LookupEvents' quota is 2 requests per second per account per region. */
export const MIN_CALL_INTERVAL_MS = 500;
/** Retries of a throttled call, after the first backoff of THROTTLE_BACKOFF_MS, doubling each time. */
export const THROTTLE_RETRIES = 4;
export const THROTTLE_BACKOFF_MS = 1_000;
/** Events per page (LookupEvents' maximum). */
const PAGE_SIZE = 50;
/** A resource created while the previous scan ran is not in it: look a little before its start. */
const SINCE_MARGIN_MS = 60 * 60 * 1000;

export interface CreatorsCollectorOptions {
  maxCalls: number;
  minCallIntervalMs: number;
  throttleRetries: number;
  throttleBackoffMs: number;
}

const DEFAULTS: CreatorsCollectorOptions = {
  maxCalls: MAX_LOOKUP_CALLS,
  minCallIntervalMs: MIN_CALL_INTERVAL_MS,
  throttleRetries: THROTTLE_RETRIES,
  throttleBackoffMs: THROTTLE_BACKOFF_MS,
};

const OPERATION = 'cloudtrail:LookupEvents';

function parseEvent(text: string | undefined): JsonValue | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/** The creator record of `candidate` from the event that created it. */
export function creatorRecord(candidate: CreationCandidate, event: Event, parsed: JsonValue | null, region: string): CreatorFacts | null {
  if (event.EventId === undefined || event.EventTime === undefined) return null;
  const principal = parsed === null ? null : eventPrincipal(parsed);
  const fallback = event.Username !== undefined && event.Username !== '' ? event.Username : null;
  if (principal === null && fallback === null) return null;
  return {
    resourceArn: candidate.key,
    resourceType: candidate.resourceType,
    identityArn: candidate.identityArn,
    region,
    eventName: event.EventName ?? candidate.eventName,
    eventId: event.EventId,
    createdAt: event.EventTime.toISOString(),
    createdBy: principal?.createdBy ?? fallback ?? '',
    createdByArn: principal?.createdByArn ?? null,
    person: principal?.person ?? false,
    via: principal?.via ?? null,
    identityType: principal?.identityType ?? null,
    sessionName: principal?.sessionName ?? null,
    invokedBy: principal?.invokedBy ?? null,
  };
}

interface Group {
  region: string;
  eventName: string;
  candidates: CreationCandidate[];
}

function groupsOf(candidates: readonly CreationCandidate[]): Group[] {
  const groups = new Map<string, Group>();
  for (const candidate of candidates) {
    const key = `${candidate.region}|${candidate.eventName}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { region: candidate.region, eventName: candidate.eventName, candidates: [candidate] });
    else group.candidates.push(candidate);
  }
  return [...groups.values()].sort(
    (a, b) => eventPriority(a.eventName) - eventPriority(b.eventName) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0),
  );
}

class BoundReached extends Error {}

export function createCreatorsCollector(overrides: Partial<CreatorsCollectorOptions> = {}): Collector {
  const options: CreatorsCollectorOptions = { ...DEFAULTS, ...overrides };
  return {
    id: 'cloudtrail-creators',
    label: 'Who created new identities and AI workloads (CloudTrail)',
    scope: 'global',
    phase: 3,
    async collect(ctx: CollectorContext) {
      const now = ctx.clock();
      const previous = ctx.previousScan ?? null;
      const earliest = now.getTime() - LOOKBACK_DAYS * 24 * 60 * 60 * 1000;
      const since = new Date(previous === null ? earliest : Math.max(earliest, Date.parse(previous.startedAt) - SINCE_MARGIN_MS));
      const candidates = creationCandidates(ctx.facts, ctx.partition).filter((c) => previous === null || !previous.keys.has(c.key));
      const found = new Map<string, CreatorFacts>();
      const lastCall = new Map<string, number>();
      const refused = new Map<string, { region: string; error: unknown; outcome: 'denied' | 'unsupported' }>();
      let calls = 0;
      let answered = 0;
      // An object, not a `let`: the look-ups set it from inside closures the compiler does not follow.
      const state: { stopped: 'bound' | 'throttled' | null } = { stopped: null };

      async function lookup(region: string, eventName: string, nextToken: string | undefined): Promise<LookupEventsResponse> {
        const client = ctx.client(CloudTrailClient, 'CloudTrail', region);
        for (let attempt = 0; ; attempt += 1) {
          if (calls >= options.maxCalls) throw new BoundReached();
          const wait = (lastCall.get(region) ?? Number.NEGATIVE_INFINITY) + options.minCallIntervalMs - ctx.clock().getTime();
          if (wait > 0) await ctx.sleep(wait);
          lastCall.set(region, ctx.clock().getTime());
          calls += 1;
          ctx.progress(calls, options.maxCalls);
          try {
            return await client.send(
              new LookupEventsCommand({
                LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }],
                StartTime: since,
                EndTime: now,
                MaxResults: PAGE_SIZE,
                ...(nextToken !== undefined && { NextToken: nextToken }),
              }),
            );
          } catch (error) {
            const { outcome } = classifyAwsError(error, OPERATION, ctx.signal);
            if (outcome !== 'throttled' || attempt >= options.throttleRetries) throw error;
            await ctx.sleep(options.throttleBackoffMs * 2 ** attempt);
          }
        }
      }

      async function run(group: Group): Promise<void> {
        if (refused.has(group.region)) return;
        const pending = group.candidates.filter((c) => !found.has(c.key));
        let token: string | undefined;
        while (pending.length > 0) {
          let page: LookupEventsResponse;
          try {
            page = await lookup(group.region, group.eventName, token);
          } catch (error) {
            if (error instanceof BoundReached) throw error;
            const { outcome } = classifyAwsError(error, OPERATION, ctx.signal);
            if (outcome === 'denied' || outcome === 'unsupported') {
              refused.set(group.region, { region: group.region, error, outcome });
              return;
            }
            if (outcome === 'throttled') {
              state.stopped = 'throttled';
              throw new BoundReached();
            }
            throw error;
          }
          answered += 1;
          for (const event of page.Events ?? []) {
            const parsed = parseEvent(event.CloudTrailEvent);
            const ids = createdIdentifiers(group.eventName, parsed ?? {}, (event.Resources ?? []).map((r) => r.ResourceName ?? ''));
            // Newest first: a name created, deleted and created again matches its latest creation.
            for (let i = pending.length - 1; i >= 0; i -= 1) {
              const candidate = pending[i];
              if (candidate === undefined || !candidate.names.some((name) => ids.has(name.toLowerCase()))) continue;
              const record = creatorRecord(candidate, event, parsed, group.region);
              if (record === null) continue;
              found.set(candidate.key, record);
              pending.splice(i, 1);
            }
          }
          token = page.NextToken !== undefined && page.NextToken !== '' && page.NextToken !== token ? page.NextToken : undefined;
          if (token === undefined) break;
        }
      }

      const groups = groupsOf(candidates);
      try {
        for (const group of groups) await run(group);
        // A new user whose CreateUser is not in the window: the CreateAccessKey that made it usable.
        const usersLeft = candidates.filter((c) => c.eventName === 'CreateUser' && !found.has(c.key));
        if (usersLeft.length > 0) {
          const region = iamEventRegion(ctx.partition);
          const resourceType = CREATION_EVENTS['CreateAccessKey']?.resourceType ?? 'iam-user';
          await run({ region, eventName: 'CreateAccessKey', candidates: usersLeft.map((c) => ({ ...c, eventName: 'CreateAccessKey', resourceType })) });
        }
      } catch (error) {
        if (!(error instanceof BoundReached)) throw error;
        state.stopped ??= 'bound';
      }

      const missing = candidates.length - found.size;
      const deniedRegions = [...refused.values()].filter((r) => r.outcome === 'denied').map((r) => r.region).sort();
      if (answered === 0 && refused.size > 0) {
        // Nothing was read anywhere: the collector's outcome says why; a refusal is also a warning on the scan.
        if (deniedRegions.length > 0) {
          ctx.warn(`Who created the ${candidates.length} new identities and AI workloads was not read: access denied to ${OPERATION} (add it to the scanner's policy: warden policy).`);
        }
        throw [...refused.values()][0]?.error;
      }
      const warnings: string[] = [];
      if (deniedRegions.length > 0) warnings.push(`Access denied to ${OPERATION} in ${deniedRegions.join(', ')}: who created the new resources there was not read.`);
      if (state.stopped === 'bound') warnings.push(`Stopped after ${options.maxCalls} CloudTrail look-ups (the bound per scan): ${missing} of ${candidates.length} new resources have no creator recorded.`);
      if (state.stopped === 'throttled') warnings.push(`CloudTrail kept throttling LookupEvents: ${missing} of ${candidates.length} new resources have no creator recorded; the next scan tries again.`);
      ctx.note(`Creator found for ${found.size} of ${candidates.length} new resources in ${calls} look-up${calls === 1 ? '' : 's'}.`);
      const creators = [...found.values()].sort((a, b) => (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0));
      return (draft) => {
        for (const text of warnings) ctx.warn(text);
        draft.creators = creators;
      };
    },
  };
}

export const cloudTrailCreatorsCollector: Collector = createCreatorsCollector();
