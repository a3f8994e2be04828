/**
 * The SageMaker collector against moto, in two regions: endpoints with their config, endpoint
 * configs (KMS key, variants, data capture), models (role, network isolation, VPC) and notebook
 * instances (role, internet and root access), with tags.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateNotebookInstanceCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sageMakerCollector } from '@core/aws/collectors/workloads/sagemaker';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';
import { scanMoto, setupClientConfig, type MotoScanResult } from './moto-scan';

const ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/sagemaker-exec`;
const KMS = `arn:aws:kms:us-east-1:${MOTO_ACCOUNT_ID}:key/11111111-2222-3333-4444-555555555555`;
const IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1-cpu-py310';

let moto: MotoServer;
let scan: MotoScanResult;

beforeAll(async () => {
  moto = await startMoto();
  const east = new SageMakerClient(setupClientConfig(moto.endpoint, 'us-east-1'));
  const west = new SageMakerClient(setupClientConfig(moto.endpoint, 'eu-west-1'));
  try {
    await east.send(
      new CreateModelCommand({
        ModelName: 'fraud-scorer',
        ExecutionRoleArn: ROLE,
        PrimaryContainer: { Image: IMAGE, ModelDataUrl: 's3://models/fraud/model.tar.gz' },
        EnableNetworkIsolation: true,
        VpcConfig: { Subnets: ['subnet-0a1b2c3d'], SecurityGroupIds: ['sg-0a1b2c3d'] },
        Tags: [{ Key: 'owner', Value: 'risk-team' }],
      }),
    );
    await east.send(new CreateModelCommand({ ModelName: 'chat-summariser', ExecutionRoleArn: ROLE, PrimaryContainer: { Image: IMAGE } }));
    await east.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'fraud-config',
        KmsKeyId: KMS,
        ProductionVariants: [{ VariantName: 'primary', ModelName: 'fraud-scorer', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
        DataCaptureConfig: {
          EnableCapture: true,
          InitialSamplingPercentage: 10,
          DestinationS3Uri: 's3://capture/fraud',
          CaptureOptions: [{ CaptureMode: 'Input' }],
        },
      }),
    );
    await east.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'chat-config',
        ProductionVariants: [{ VariantName: 'all', ModelName: 'chat-summariser', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
      }),
    );
    await east.send(new CreateEndpointCommand({ EndpointName: 'fraud-endpoint', EndpointConfigName: 'fraud-config', Tags: [{ Key: 'data-class', Value: 'payments' }] }));
    await east.send(
      new CreateNotebookInstanceCommand({
        NotebookInstanceName: 'research-notebook',
        InstanceType: 'ml.t3.medium',
        RoleArn: ROLE,
        DirectInternetAccess: 'Disabled',
        RootAccess: 'Disabled',
        KmsKeyId: KMS,
        SubnetId: 'subnet-0a1b2c3d',
        SecurityGroupIds: ['sg-0a1b2c3d'],
        Tags: [{ Key: 'owner', Value: 'data-science' }],
      }),
    );
    await west.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: 'scratch-notebook', InstanceType: 'ml.t3.medium', RoleArn: ROLE }));
  } finally {
    east.destroy();
    west.destroy();
  }
  scan = await scanMoto(moto.endpoint, [sageMakerCollector], { regions: ['us-east-1', 'eu-west-1'] });
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe('sagemaker against moto', () => {
  it('succeeds in both regions and covers them', () => {
    expect(scan.run('sagemaker', 'us-east-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.run('sagemaker', 'eu-west-1')).toMatchObject({ outcome: 'ok', message: null });
    expect(scan.facts.sageMaker?.regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('records the endpoint with its config name, status and tags', () => {
    expect(scan.facts.sageMaker?.endpoints).toEqual([
      {
        arn: `arn:aws:sagemaker:us-east-1:${MOTO_ACCOUNT_ID}:endpoint/fraud-endpoint`,
        name: 'fraud-endpoint',
        region: 'us-east-1',
        endpointConfigName: 'fraud-config',
        status: expect.any(String) as string,
        createdAt: expect.stringMatching(/Z$/) as string,
        lastModified: expect.stringMatching(/Z$/) as string,
        tags: { 'data-class': 'payments' },
      },
    ]);
  });

  it('records endpoint configs with their KMS key (or none), variants and data capture', () => {
    const configs = new Map(scan.facts.sageMaker?.endpointConfigs.map((c) => [c.name, c]));
    expect(configs.get('fraud-config')).toMatchObject({
      kmsKeyId: KMS,
      productionVariants: [{ variantName: 'primary', modelName: 'fraud-scorer' }],
      dataCaptureEnabled: true,
      region: 'us-east-1',
    });
    expect(configs.get('chat-config')).toMatchObject({ kmsKeyId: null, dataCaptureEnabled: false, productionVariants: [{ variantName: 'all', modelName: 'chat-summariser' }] });
  });

  it('records models with their execution role, network isolation and VPC', () => {
    const models = new Map(scan.facts.sageMaker?.models.map((m) => [m.name, m]));
    expect(models.get('fraud-scorer')).toMatchObject({
      executionRoleArn: ROLE,
      // moto 5.2 drops EnableNetworkIsolation (always false); the unit tests cover true.
      networkIsolation: false,
      vpcConfig: { subnetIds: ['subnet-0a1b2c3d'], securityGroupIds: ['sg-0a1b2c3d'] },
      tags: { owner: 'risk-team' },
    });
    expect(models.get('chat-summariser')).toMatchObject({ executionRoleArn: ROLE, networkIsolation: false, vpcConfig: null, tags: {} });
  });

  it('records notebooks with role, internet and root access, KMS key and subnet, in their own region', () => {
    const notebooks = new Map(scan.facts.sageMaker?.notebookInstances.map((n) => [n.name, n]));
    expect(notebooks.get('research-notebook')).toMatchObject({
      region: 'us-east-1',
      roleArn: ROLE,
      directInternetAccess: false,
      rootAccess: false,
      kmsKeyId: KMS,
      subnetId: 'subnet-0a1b2c3d',
      tags: { owner: 'data-science' },
    });
    // AWS's defaults when the notebook was created without them: internet and root access on.
    expect(notebooks.get('scratch-notebook')).toMatchObject({ region: 'eu-west-1', directInternetAccess: true, rootAccess: true, kmsKeyId: null, subnetId: null });
  });

  it('describes each resource once and reads tags only where the facts keep them', () => {
    expect(scan.calls).toMatchObject({
      'sagemaker:ListEndpoints': 2,
      'sagemaker:DescribeEndpoint': 1,
      'sagemaker:ListEndpointConfigs': 2,
      'sagemaker:DescribeEndpointConfig': 2,
      'sagemaker:ListModels': 2,
      'sagemaker:DescribeModel': 2,
      'sagemaker:ListNotebookInstances': 2,
      'sagemaker:DescribeNotebookInstance': 2,
      'sagemaker:ListTags': 5,
    });
  });
});
