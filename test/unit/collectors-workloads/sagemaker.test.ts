/** The SageMaker collector with mocked answers: pagination, defaults, resources gone mid-scan, essential reads refused. */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sageMakerCollector } from '@core/aws/collectors/workloads/sagemaker';
import { ACCOUNT_ID, awsError, runMocked } from './run-mocked';

const sageMaker = mockClient(SageMakerClient);
const arn = (kind: string, name: string): string => `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:${kind}/${name}`;
const CREATED = new Date('2025-02-03T04:05:06.789Z');

beforeEach(() => {
  sageMaker.reset();
  sageMaker.onAnyCommand().resolves({});
});

afterAll(() => {
  sageMaker.restore();
});

describe('sagemaker (mocked)', () => {
  it('follows ListEndpoints and ListTags past one page', async () => {
    const tokens: (string | undefined)[] = [];
    const pages = [
      { Endpoints: [{ EndpointName: 'e1', EndpointArn: arn('endpoint', 'e1'), CreationTime: CREATED, LastModifiedTime: CREATED, EndpointStatus: 'InService' as const }], NextToken: 't2' },
      { Endpoints: [{ EndpointName: 'e2', EndpointArn: arn('endpoint', 'e2'), CreationTime: CREATED, LastModifiedTime: CREATED, EndpointStatus: 'InService' as const }] },
    ];
    sageMaker.on(ListEndpointsCommand).callsFake((input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return Promise.resolve(pages[tokens.length - 1]);
    });
    sageMaker.on(DescribeEndpointCommand).callsFake((input: { EndpointName: string }) =>
      Promise.resolve({ EndpointName: input.EndpointName, EndpointConfigName: `${input.EndpointName}-config`, EndpointStatus: 'InService', CreationTime: CREATED, LastModifiedTime: CREATED }),
    );
    sageMaker
      .on(ListTagsCommand, { ResourceArn: arn('endpoint', 'e2') })
      .resolvesOnce({ Tags: [{ Key: 'owner', Value: 'ml-team' }], NextToken: 'tags-2' })
      .resolvesOnce({ Tags: [{ Key: 'data-class', Value: 'pii' }] });
    const scan = await runMocked([sageMakerCollector]);
    expect(tokens).toEqual([undefined, 't2']);
    expect(scan.facts.sageMaker?.endpoints).toEqual([
      { arn: arn('endpoint', 'e1'), name: 'e1', region: 'us-east-1', endpointConfigName: 'e1-config', status: 'InService', createdAt: CREATED.toISOString(), lastModified: CREATED.toISOString(), tags: {} },
      {
        arn: arn('endpoint', 'e2'),
        name: 'e2',
        region: 'us-east-1',
        endpointConfigName: 'e2-config',
        status: 'InService',
        createdAt: CREATED.toISOString(),
        lastModified: CREATED.toISOString(),
        tags: { owner: 'ml-team', 'data-class': 'pii' },
      },
    ]);
  });

  it('maps endpoint configs (shadow variants, data capture) and models (network isolation, VPC)', async () => {
    sageMaker.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: [
        { EndpointConfigName: 'c1', EndpointConfigArn: arn('endpoint-config', 'c1'), CreationTime: CREATED },
        { EndpointConfigName: 'c2', EndpointConfigArn: arn('endpoint-config', 'c2'), CreationTime: CREATED },
      ],
    });
    sageMaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'c1' }).resolves({
      EndpointConfigName: 'c1',
      KmsKeyId: 'alias/sagemaker',
      ProductionVariants: [{ VariantName: 'prod', ModelName: 'm1' }],
      ShadowProductionVariants: [{ VariantName: 'shadow', ModelName: 'm2' }],
      DataCaptureConfig: { InitialSamplingPercentage: 5, DestinationS3Uri: 's3://capture/', CaptureOptions: [{ CaptureMode: 'Input' }] },
      CreationTime: CREATED,
    });
    sageMaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'c2' }).resolves({
      EndpointConfigName: 'c2',
      ProductionVariants: [{ VariantName: 'serverless' }],
      DataCaptureConfig: { EnableCapture: false, InitialSamplingPercentage: 5, DestinationS3Uri: 's3://capture/', CaptureOptions: [] },
      CreationTime: CREATED,
    });
    sageMaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: 'm1', ModelArn: arn('model', 'm1'), CreationTime: CREATED }] });
    sageMaker.on(DescribeModelCommand).resolves({
      ModelName: 'm1',
      ModelArn: arn('model', 'm1'),
      ExecutionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/m1`,
      EnableNetworkIsolation: true,
      VpcConfig: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] },
      CreationTime: CREATED,
    });
    const scan = await runMocked([sageMakerCollector]);
    expect(scan.facts.sageMaker?.endpointConfigs).toEqual([
      {
        arn: arn('endpoint-config', 'c1'),
        name: 'c1',
        region: 'us-east-1',
        kmsKeyId: 'alias/sagemaker',
        productionVariants: [
          { variantName: 'prod', modelName: 'm1' },
          { variantName: 'shadow', modelName: 'm2' },
        ],
        dataCaptureEnabled: true,
        createdAt: CREATED.toISOString(),
      },
      {
        arn: arn('endpoint-config', 'c2'),
        name: 'c2',
        region: 'us-east-1',
        kmsKeyId: null,
        productionVariants: [{ variantName: 'serverless', modelName: null }],
        dataCaptureEnabled: false,
        createdAt: CREATED.toISOString(),
      },
    ]);
    expect(scan.facts.sageMaker?.models).toEqual([
      {
        arn: arn('model', 'm1'),
        name: 'm1',
        region: 'us-east-1',
        executionRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/m1`,
        networkIsolation: true,
        vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
        createdAt: CREATED.toISOString(),
        tags: {},
      },
    ]);
  });

  it('leaves out a resource deleted between List and Describe, and says so', async () => {
    sageMaker.on(ListEndpointConfigsCommand).resolves({
      EndpointConfigs: [
        { EndpointConfigName: 'gone', EndpointConfigArn: arn('endpoint-config', 'gone'), CreationTime: CREATED },
        { EndpointConfigName: 'kept', EndpointConfigArn: arn('endpoint-config', 'kept'), CreationTime: CREATED },
      ],
    });
    sageMaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'gone' })
      .rejects(awsError('ValidationException', 400, `Could not find endpoint configuration "${arn('endpoint-config', 'gone')}".`));
    sageMaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'kept' }).resolves({ EndpointConfigName: 'kept', ProductionVariants: [], CreationTime: CREATED });
    const scan = await runMocked([sageMakerCollector]);
    expect(scan.run('sagemaker', 'us-east-1')).toMatchObject({ outcome: 'ok', message: '1 endpoint config deleted during the scan is left out (e.g. gone).' });
    // A config that no longer exists is not reported as one without a KMS key.
    expect(scan.facts.sageMaker?.endpointConfigs.map((c) => c.name)).toEqual(['kept']);
    expect(scan.facts.warnings).toEqual([]);
  });

  it('fails as denied when an essential describe is refused (a notebook without its settings would be misread)', async () => {
    sageMaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: 'nb', NotebookInstanceArn: arn('notebook-instance', 'nb') }] });
    sageMaker.on(DescribeNotebookInstanceCommand).rejects(awsError('AccessDeniedException', 403));
    const scan = await runMocked([sageMakerCollector]);
    expect(scan.run('sagemaker', 'us-east-1').outcome).toBe('denied');
    expect(scan.facts.sageMaker).toBeNull();
  });

  it('keeps notebooks whose tags are refused, with AWS’s defaults for settings it leaves out', async () => {
    sageMaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: 'nb', NotebookInstanceArn: arn('notebook-instance', 'nb') }] });
    sageMaker.on(DescribeNotebookInstanceCommand).resolves({ NotebookInstanceName: 'nb', RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/nb`, NotebookInstanceStatus: 'InService' });
    sageMaker.on(ListTagsCommand).rejects(awsError('AccessDeniedException', 403));
    const scan = await runMocked([sageMakerCollector]);
    expect(scan.run('sagemaker', 'us-east-1')).toMatchObject({
      outcome: 'ok',
      message: 'Tags not read for 1 notebook instance (access denied to sagemaker:ListTags; e.g. nb).',
    });
    expect(scan.facts.sageMaker?.notebookInstances).toEqual([
      {
        arn: arn('notebook-instance', 'nb'),
        name: 'nb',
        region: 'us-east-1',
        roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/nb`,
        directInternetAccess: true,
        rootAccess: true,
        kmsKeyId: null,
        subnetId: null,
        status: 'InService',
        createdAt: null,
        tags: {},
      },
    ]);
  });
});
