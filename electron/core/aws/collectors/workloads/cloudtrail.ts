/**
 * CloudTrail trails as seen from one region: DescribeTrails with shadow trails, so a multi-region or
 * organisation trail homed in a region the scan does not cover is still seen; then each trail's
 * status (is it logging?) and event selectors (does it record management events?).
 *
 * A multi-region trail appears in every region's answer. Only the task of its home region reads its
 * status and selectors when that region is scanned too (otherwise the first region that sees it reads
 * them, by ARN); the merge keeps one record per ARN, the one with the details.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector,
  type EventSelector,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import type { AdvancedEventSelectorFacts, CloudTrailTrailFacts, EventSelectorFacts } from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { settleAll, textOrNull } from './fact-values';
import { mergeByKey, withRegion } from './merge-section';
import { DetailReads, type DetailRead } from './read-detail';
import { taskProgress } from './task-progress';

const TRAIL_STATUS: DetailRead = { operation: 'cloudtrail:GetTrailStatus', what: 'logging status', of: 'trail' };
const EVENT_SELECTORS: DetailRead = { operation: 'cloudtrail:GetEventSelectors', what: 'event selectors', of: 'trail' };

export function eventSelectorFacts(selector: EventSelector): EventSelectorFacts {
  return {
    readWriteType: textOrNull(selector.ReadWriteType),
    // AWS: management events are included unless the selector says otherwise.
    includeManagementEvents: selector.IncludeManagementEvents !== false,
    dataResources: (selector.DataResources ?? []).map((resource) => ({ type: resource.Type ?? '', values: resource.Values ?? [] })),
    excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
  };
}

export function advancedEventSelectorFacts(selector: AdvancedEventSelector): AdvancedEventSelectorFacts {
  return {
    name: textOrNull(selector.Name),
    fieldSelectors: (selector.FieldSelectors ?? []).map((field) => ({
      field: field.Field ?? '',
      equals: field.Equals ?? [],
      startsWith: field.StartsWith ?? [],
      endsWith: field.EndsWith ?? [],
      notEquals: field.NotEquals ?? [],
      notStartsWith: field.NotStartsWith ?? [],
      notEndsWith: field.NotEndsWith ?? [],
    })),
  };
}

function trailFacts(trail: Trail & { TrailARN: string }, region: string): CloudTrailTrailFacts {
  return {
    arn: trail.TrailARN,
    name: trail.Name ?? trail.TrailARN,
    homeRegion: trail.HomeRegion ?? region,
    multiRegion: trail.IsMultiRegionTrail === true,
    organizationTrail: trail.IsOrganizationTrail === true,
    logging: null,
    logFileValidation: trail.LogFileValidationEnabled === true,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
    s3BucketName: textOrNull(trail.S3BucketName),
    kmsKeyId: textOrNull(trail.KmsKeyId),
    cloudWatchLogsLogGroupArn: textOrNull(trail.CloudWatchLogsLogGroupArn),
    eventSelectors: null,
    advancedEventSelectors: null,
  };
}

/** How much of a trail's status was read: the merge keeps the record that knows more. */
function detail(trail: CloudTrailTrailFacts): number {
  return (trail.logging !== null ? 1 : 0) + (trail.eventSelectors !== null ? 1 : 0) + (trail.advancedEventSelectors !== null ? 1 : 0);
}

/** Of two records of one trail (seen from two regions), the one with more details; the earlier on a tie. */
export function preferDetailedTrail(current: CloudTrailTrailFacts, candidate: CloudTrailTrailFacts): CloudTrailTrailFacts {
  return detail(candidate) > detail(current) ? candidate : current;
}

export const cloudTrailCollector: Collector = {
  id: 'cloudtrail',
  label: 'CloudTrail trails',
  scope: 'regional',
  phase: 2,
  async collect(ctx) {
    const cloudTrail = ctx.client(CloudTrailClient, 'CloudTrail');
    const reads = new DetailReads(ctx);
    const region = ctx.region;
    const scanned = new Set(ctx.facts.regions);

    const answer = await cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const trails = (answer.trailList ?? []).filter((t): t is Trail & { TrailARN: string } => t.TrailARN !== undefined);

    const progress = taskProgress(ctx);
    progress.listed(trails.length);
    const found = await ctx.mapLimit(trails, async (trail): Promise<CloudTrailTrailFacts> => {
      const facts = trailFacts(trail, region);
      const readsHere = facts.homeRegion === region || !scanned.has(facts.homeRegion);
      if (!readsHere) {
        progress.read();
        return facts;
      }
      const [status, selectors] = await settleAll([
        reads.optional(TRAIL_STATUS, facts.name, () => cloudTrail.send(new GetTrailStatusCommand({ Name: facts.arn }))),
        reads.optional(EVENT_SELECTORS, facts.name, () => cloudTrail.send(new GetEventSelectorsCommand({ TrailName: facts.arn }))),
      ]);
      progress.read();
      return {
        ...facts,
        logging: status === null ? null : status.IsLogging === true,
        eventSelectors: selectors === null ? null : (selectors.EventSelectors ?? []).map(eventSelectorFacts),
        advancedEventSelectors: selectors === null ? null : (selectors.AdvancedEventSelectors ?? []).map(advancedEventSelectorFacts),
      };
    });
    const warnGaps = reads.report();

    return (draft) => {
      warnGaps();
      const section = draft.cloudTrail ?? { regions: [], trails: [] };
      draft.cloudTrail = {
        regions: withRegion(section.regions, region),
        trails: mergeByKey(section.trails, found, (t) => t.arn, preferDetailedTrail),
      };
    };
  },
};
