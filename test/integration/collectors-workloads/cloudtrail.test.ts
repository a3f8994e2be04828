/**
 * The CloudTrail collector against moto: a multi-region trail appears in every region's
 * DescribeTrails (shadow trails included) and must be in the facts once, with its status and
 * selectors read by its home region's task.
 */
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailCollector } from '@core/aws/collectors/workloads/cloudtrail';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';
import { DUMMY_CREDENTIALS, scanMoto, setupClientConfig } from './moto-scan';

let moto: MotoServer;
const ORG_TRAIL = `arn:aws:cloudtrail:us-east-1:${MOTO_ACCOUNT_ID}:trail/audit-all-regions`;
const EU_TRAIL = `arn:aws:cloudtrail:eu-west-1:${MOTO_ACCOUNT_ID}:trail/eu-data-events`;

/** moto's CreateTrail needs the bucket; there is no S3 client in this project, so one signed-looking PUT does it. */
async function createBucket(name: string): Promise<void> {
  const response = await fetch(`${moto.endpoint}/${name}`, {
    method: 'PUT',
    headers: { authorization: `AWS4-HMAC-SHA256 Credential=${DUMMY_CREDENTIALS.accessKeyId}/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0` },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`could not create bucket ${name}: HTTP ${response.status}`);
}

beforeAll(async () => {
  moto = await startMoto();
  await createBucket('acme-audit-logs');
  const east = new CloudTrailClient(setupClientConfig(moto.endpoint, 'us-east-1'));
  const west = new CloudTrailClient(setupClientConfig(moto.endpoint, 'eu-west-1'));
  try {
    await east.send(
      new CreateTrailCommand({
        Name: 'audit-all-regions',
        S3BucketName: 'acme-audit-logs',
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KmsKeyId: `arn:aws:kms:us-east-1:${MOTO_ACCOUNT_ID}:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
      }),
    );
    await east.send(new StartLoggingCommand({ Name: 'audit-all-regions' }));
    await east.send(
      new PutEventSelectorsCommand({
        TrailName: 'audit-all-regions',
        AdvancedEventSelectors: [
          { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
          {
            Name: 'Bedrock agent invocations',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::Bedrock::AgentAlias'] },
            ],
          },
        ],
      }),
    );
    await west.send(new CreateTrailCommand({ Name: 'eu-data-events', S3BucketName: 'acme-audit-logs' }));
    await west.send(
      new PutEventSelectorsCommand({
        TrailName: 'eu-data-events',
        EventSelectors: [
          {
            ReadWriteType: 'WriteOnly',
            IncludeManagementEvents: false,
            DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::acme-customer-data/'] }],
          },
        ],
      }),
    );
  } finally {
    east.destroy();
    west.destroy();
  }
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe('cloudtrail against moto', () => {
  it('lists a multi-region trail once across three regions, with the details its home region read', async () => {
    const scan = await scanMoto(moto.endpoint, [cloudTrailCollector], { regions: ['eu-west-1', 'ap-southeast-2', 'us-east-1'] });
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) expect(scan.run('cloudtrail', region)).toMatchObject({ outcome: 'ok', message: null });
    const section = scan.facts.cloudTrail;
    expect(section?.regions.sort()).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    expect(section?.trails.map((t) => t.arn).sort()).toEqual([EU_TRAIL, ORG_TRAIL]);

    expect(section?.trails.find((t) => t.arn === ORG_TRAIL)).toEqual({
      arn: ORG_TRAIL,
      name: 'audit-all-regions',
      homeRegion: 'us-east-1',
      multiRegion: true,
      organizationTrail: false,
      logging: true,
      logFileValidation: true,
      includeGlobalServiceEvents: true,
      s3BucketName: 'acme-audit-logs',
      kmsKeyId: `arn:aws:kms:us-east-1:${MOTO_ACCOUNT_ID}:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`,
      cloudWatchLogsLogGroupArn: null,
      eventSelectors: [],
      advancedEventSelectors: [
        {
          name: 'Management events',
          fieldSelectors: [{ field: 'eventCategory', equals: ['Management'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] }],
        },
        {
          name: 'Bedrock agent invocations',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
            { field: 'resources.type', equals: ['AWS::Bedrock::AgentAlias'], startsWith: [], endsWith: [], notEquals: [], notStartsWith: [], notEndsWith: [] },
          ],
        },
      ],
    });
    expect(section?.trails.find((t) => t.arn === EU_TRAIL)).toMatchObject({
      homeRegion: 'eu-west-1',
      multiRegion: false,
      logging: false,
      eventSelectors: [
        {
          readWriteType: 'WriteOnly',
          includeManagementEvents: false,
          dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::acme-customer-data/'] }],
          excludeManagementEventSources: [],
        },
      ],
      advancedEventSelectors: [],
    });
    // Status and selectors once per trail: by its home region, not by every region that sees it.
    expect(scan.calls).toEqual({ 'cloudtrail:DescribeTrails': 3, 'cloudtrail:GetEventSelectors': 2, 'cloudtrail:GetTrailStatus': 2 });
  });

  it('reads a trail homed outside the scanned regions from a region that sees it', async () => {
    const scan = await scanMoto(moto.endpoint, [cloudTrailCollector], { regions: ['ap-southeast-2'] });
    const run = scan.run('cloudtrail', 'ap-southeast-2');
    expect(run.outcome).toBe('ok');
    const trail = scan.facts.cloudTrail?.trails.find((t) => t.arn === ORG_TRAIL);
    expect(scan.facts.cloudTrail?.trails.map((t) => t.arn)).toEqual([ORG_TRAIL]);
    // moto answers GetTrailStatus for a shadow trail by ARN, as AWS does; its GetEventSelectors looks
    // only at trails homed in the region asked (AWS accepts the ARN), so the selectors stay unknown.
    expect(trail).toMatchObject({ logging: true, eventSelectors: null, advancedEventSelectors: null });
    expect(run.message).toMatch(/Event selectors not read for 1 trail .*cloudtrail:GetEventSelectors; e\.g\. audit-all-regions\)/);
    expect(scan.facts.warnings).toEqual([expect.stringMatching(/^CloudTrail trails \(ap-southeast-2\): Event selectors not read/) as string]);
  });
});
