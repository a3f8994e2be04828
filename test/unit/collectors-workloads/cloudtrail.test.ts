/**
 * The CloudTrail collector with mocked answers per region: a multi-region trail seen from every
 * region is one record, with the details its home region read; selectors as AWS states them.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudTrailCollector, eventSelectorFacts, preferDetailedTrail } from '@core/aws/collectors/workloads/cloudtrail';
import type { CloudTrailTrailFacts } from '@core/discovery/facts';
import { ACCOUNT_ID, awsError, regionOf, runMocked } from './run-mocked';

const cloudTrail = mockClient(CloudTrailClient);
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/org-trail`;
const LOCAL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT_ID}:trail/eu-local`;
const MULTI: Trail = { Name: 'org-trail', TrailARN: ORG_ARN, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: true, S3BucketName: 'org-logs', LogFileValidationEnabled: true, IncludeGlobalServiceEvents: true };
const LOCAL: Trail = { Name: 'eu-local', TrailARN: LOCAL_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, S3BucketName: 'eu-logs' };

/** Which trails each region's DescribeTrails returns (shadow trails included, as the collector asks). */
const TRAILS_BY_REGION: Record<string, Trail[]> = { 'us-east-1': [MULTI], 'eu-west-1': [MULTI, LOCAL], 'ap-south-1': [MULTI] };
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

beforeEach(() => {
  cloudTrail.reset();
  cloudTrail.on(DescribeTrailsCommand).callsFake(async (input: { includeShadowTrails?: boolean }, getClient) => {
    expect(input.includeShadowTrails).toBe(true);
    return { trailList: TRAILS_BY_REGION[await regionOf(getClient)] ?? [] };
  });
  cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  cloudTrail.on(GetEventSelectorsCommand, { TrailName: ORG_ARN }).resolves({ TrailARN: ORG_ARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
  cloudTrail.on(GetEventSelectorsCommand, { TrailName: LOCAL_ARN }).resolves({
    TrailARN: LOCAL_ARN,
    AdvancedEventSelectors: [{ Name: 'S3 writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'readOnly', Equals: ['false'] }] }],
  });
});

afterAll(() => {
  cloudTrail.restore();
});

describe('eventSelectorFacts', () => {
  it('counts management events in unless the selector leaves them out (AWS’s default)', () => {
    expect(eventSelectorFacts({})).toEqual({ readWriteType: null, includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] });
    expect(eventSelectorFacts({ IncludeManagementEvents: false, ExcludeManagementEventSources: ['kms.amazonaws.com'], DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] })).toEqual({
      readWriteType: null,
      includeManagementEvents: false,
      dataResources: [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }],
      excludeManagementEventSources: ['kms.amazonaws.com'],
    });
  });
});

describe('preferDetailedTrail', () => {
  const bare: CloudTrailTrailFacts = {
    arn: ORG_ARN,
    name: 'org-trail',
    homeRegion: 'us-east-1',
    multiRegion: true,
    organizationTrail: false,
    logging: null,
    logFileValidation: false,
    includeGlobalServiceEvents: true,
    s3BucketName: null,
    kmsKeyId: null,
    cloudWatchLogsLogGroupArn: null,
    eventSelectors: null,
    advancedEventSelectors: null,
  };
  const detailed = { ...bare, logging: true, eventSelectors: [], advancedEventSelectors: [] };
  it('keeps the record that knows more, whichever region came first; the first on a tie', () => {
    expect(preferDetailedTrail(bare, detailed)).toBe(detailed);
    expect(preferDetailedTrail(detailed, bare)).toBe(detailed);
    const other = { ...bare };
    expect(preferDetailedTrail(bare, other)).toBe(bare);
  });
});

describe('cloudtrail (mocked)', () => {
  it('merges three regions into one record per trail, details read once by the home region', async () => {
    const scan = await runMocked([cloudTrailCollector], { regions: REGIONS });
    for (const region of REGIONS) expect(scan.run('cloudtrail', region)).toMatchObject({ outcome: 'ok', message: null });
    const section = scan.facts.cloudTrail;
    expect(section?.regions.slice().sort()).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
    expect(section?.trails.map((t) => t.arn).sort()).toEqual([LOCAL_ARN, ORG_ARN]);
    expect(section?.trails.find((t) => t.arn === ORG_ARN)).toEqual({
      arn: ORG_ARN,
      name: 'org-trail',
      homeRegion: 'us-east-1',
      multiRegion: true,
      organizationTrail: true,
      logging: true,
      logFileValidation: true,
      includeGlobalServiceEvents: true,
      s3BucketName: 'org-logs',
      kmsKeyId: null,
      cloudWatchLogsLogGroupArn: null,
      eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
      advancedEventSelectors: [],
    });
    expect(section?.trails.find((t) => t.arn === LOCAL_ARN)).toMatchObject({
      multiRegion: false,
      eventSelectors: [],
      advancedEventSelectors: [
        {
          name: 'S3 writes',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
            { field: 'readOnly', equals: ['false'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
          ],
        },
      ],
    });
    expect(cloudTrail.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input.Name).sort()).toEqual([LOCAL_ARN, ORG_ARN]);
  });

  it('keeps the home region’s details whatever order the regions finish in', async () => {
    // The home region answers last: the shadow records seen first must not win.
    cloudTrail.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      if (region === 'us-east-1') await new Promise((resolve) => setTimeout(resolve, 30));
      return { trailList: TRAILS_BY_REGION[region] ?? [] };
    });
    const scan = await runMocked([cloudTrailCollector], { regions: REGIONS });
    expect(scan.facts.cloudTrail?.trails.filter((t) => t.arn === ORG_ARN)).toEqual([expect.objectContaining({ logging: true, eventSelectors: [expect.anything()] as unknown[] })]);
  });

  it('reads a trail homed outside the scanned regions from a region that sees it, and every region when the scan’s regions are unknown', async () => {
    const outside = await runMocked([cloudTrailCollector], { regions: ['ap-south-1'] });
    expect(outside.facts.cloudTrail?.trails).toEqual([expect.objectContaining({ arn: ORG_ARN, logging: true, eventSelectors: [expect.anything()] as unknown[] })]);

    cloudTrail.resetHistory();
    const unknown = await runMocked([cloudTrailCollector], { regions: REGIONS, factsRegions: [] });
    expect(unknown.facts.cloudTrail?.trails).toHaveLength(2);
    // Every region that sees the multi-region trail reads it: more calls, the same facts.
    expect(cloudTrail.commandCalls(GetTrailStatusCommand, { Name: ORG_ARN })).toHaveLength(3);
  });

  it('keeps a trail whose status or selectors are refused, with those unknown (null) and a note', async () => {
    cloudTrail.on(GetTrailStatusCommand).rejects(awsError('AccessDeniedException', 403));
    cloudTrail.on(GetEventSelectorsCommand).rejects(awsError('UnsupportedOperationException', 400));
    const scan = await runMocked([cloudTrailCollector], { regions: ['eu-west-1'] });
    const run = scan.run('cloudtrail', 'eu-west-1');
    expect(run.outcome).toBe('ok');
    expect(run.message).toBe(
      'Event selectors not read for 2 trails (not offered by the endpoint: cloudtrail:GetEventSelectors; e.g. eu-local). ' +
        'Logging status not read for 2 trails (access denied to cloudtrail:GetTrailStatus; e.g. eu-local).',
    );
    for (const trail of scan.facts.cloudTrail?.trails ?? []) expect(trail).toMatchObject({ logging: null, eventSelectors: null, advancedEventSelectors: null });
    expect(scan.facts.warnings).toHaveLength(2);
  });
});
