/**
 * SageMaker in one region: endpoints (and the config behind each), endpoint configs (KMS key, the
 * models they serve, data capture), models (execution role, network isolation, VPC) and notebook
 * instances (role, direct internet access, root access). The List calls give names only, so each
 * resource is described; tags come from one ListTags per endpoint, model and notebook.
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  SageMakerClient,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListModels,
  paginateListNotebookInstances,
  paginateListTags,
  type ProductionVariant,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import type {
  SageMakerEndpointConfigFacts,
  SageMakerEndpointFacts,
  SageMakerModelFacts,
  SageMakerNotebookFacts,
  Tags,
} from '../../../discovery/facts';
import type { Collector } from '../../scanner/collector';
import { isoOrNull, settleAll, tagsFromList, textOrNull } from './fact-values';
import { mergeByKey, withRegion } from './merge-section';
import { DetailReads, type DetailRead } from './read-detail';
import { taskProgress } from './task-progress';

const tagsOf = (of: string): DetailRead => ({ operation: 'sagemaker:ListTags', what: 'tags', of });

interface Listed {
  name: string;
  arn: string;
}

/** Every page of a SageMaker List call, as name and ARN. */
async function listAll<P>(pages: AsyncIterable<P>, items: (page: P) => readonly { name?: string; arn?: string }[]): Promise<Listed[]> {
  const listed: Listed[] = [];
  for await (const page of pages) {
    for (const { name, arn } of items(page)) if (name !== undefined && arn !== undefined) listed.push({ name, arn });
  }
  return listed;
}

async function tagsFor(sageMaker: SageMakerClient, arn: string): Promise<Tags> {
  const tags: Tag[] = [];
  for await (const page of paginateListTags({ client: sageMaker, stopOnSameToken: true }, { ResourceArn: arn })) tags.push(...(page.Tags ?? []));
  return tagsFromList(tags);
}

function variant(v: ProductionVariant): { variantName: string; modelName: string | null } {
  return { variantName: v.VariantName ?? '', modelName: textOrNull(v.ModelName) };
}

export const sageMakerCollector: Collector = {
  id: 'sagemaker',
  label: 'SageMaker endpoints, models and notebooks',
  scope: 'regional',
  phase: 2,
  async collect(ctx) {
    const sageMaker = ctx.client(SageMakerClient, 'SageMaker');
    const reads = new DetailReads(ctx);
    const progress = taskProgress(ctx);
    const page = { client: sageMaker, stopOnSameToken: true };
    const region = ctx.region;

    async function endpoints(): Promise<SageMakerEndpointFacts[]> {
      const listed = await listAll(paginateListEndpoints(page, {}), (p) => (p.Endpoints ?? []).map((e) => ({ name: e.EndpointName, arn: e.EndpointArn })));
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ name, arn }) => {
        const [endpoint, tags] = await settleAll([
          reads.essential('endpoint', name, () => sageMaker.send(new DescribeEndpointCommand({ EndpointName: name }))),
          reads.optional(tagsOf('endpoint'), name, () => tagsFor(sageMaker, arn)),
        ]);
        progress.read();
        if (endpoint === null) return null;
        return {
          arn,
          name,
          region,
          endpointConfigName: endpoint.EndpointConfigName ?? '',
          status: textOrNull(endpoint.EndpointStatus),
          createdAt: isoOrNull(endpoint.CreationTime),
          lastModified: isoOrNull(endpoint.LastModifiedTime),
          tags: tags ?? {},
        };
      });
      return described.filter((e) => e !== null);
    }

    async function endpointConfigs(): Promise<SageMakerEndpointConfigFacts[]> {
      const listed = await listAll(paginateListEndpointConfigs(page, {}), (p) =>
        (p.EndpointConfigs ?? []).map((c) => ({ name: c.EndpointConfigName, arn: c.EndpointConfigArn })),
      );
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ name, arn }) => {
        const config = await reads.essential('endpoint config', name, () => sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })));
        progress.read();
        if (config === null) return null;
        const capture = config.DataCaptureConfig;
        return {
          arn,
          name,
          region,
          kmsKeyId: textOrNull(config.KmsKeyId),
          // Shadow variants get a copy of production traffic, so the models they serve see the same data.
          productionVariants: [...(config.ProductionVariants ?? []), ...(config.ShadowProductionVariants ?? [])].map(variant),
          // A capture config always names its destination; EnableCapture defaults to true once there is one.
          dataCaptureEnabled: textOrNull(capture?.DestinationS3Uri) !== null && capture?.EnableCapture !== false,
          createdAt: isoOrNull(config.CreationTime),
        };
      });
      return described.filter((c) => c !== null);
    }

    async function models(): Promise<SageMakerModelFacts[]> {
      const listed = await listAll(paginateListModels(page, {}), (p) => (p.Models ?? []).map((m) => ({ name: m.ModelName, arn: m.ModelArn })));
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ name, arn }) => {
        const [model, tags] = await settleAll([
          reads.essential('model', name, () => sageMaker.send(new DescribeModelCommand({ ModelName: name }))),
          reads.optional(tagsOf('model'), name, () => tagsFor(sageMaker, arn)),
        ]);
        progress.read();
        if (model === null) return null;
        const vpc = model.VpcConfig;
        return {
          arn,
          name,
          region,
          executionRoleArn: textOrNull(model.ExecutionRoleArn),
          networkIsolation: model.EnableNetworkIsolation === true,
          // AWS requires subnets in a VPC config; one without any (an empty object) is no VPC.
          vpcConfig: (vpc?.Subnets ?? []).length === 0 ? null : { subnetIds: vpc?.Subnets ?? [], securityGroupIds: vpc?.SecurityGroupIds ?? [] },
          createdAt: isoOrNull(model.CreationTime),
          tags: tags ?? {},
        };
      });
      return described.filter((m) => m !== null);
    }

    async function notebookInstances(): Promise<SageMakerNotebookFacts[]> {
      const listed = await listAll(paginateListNotebookInstances(page, {}), (p) =>
        (p.NotebookInstances ?? []).map((n) => ({ name: n.NotebookInstanceName, arn: n.NotebookInstanceArn })),
      );
      progress.listed(listed.length);
      const described = await ctx.mapLimit(listed, async ({ name, arn }) => {
        const [notebook, tags] = await settleAll([
          reads.essential('notebook instance', name, () => sageMaker.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }))),
          reads.optional(tagsOf('notebook instance'), name, () => tagsFor(sageMaker, arn)),
        ]);
        progress.read();
        if (notebook === null) return null;
        return {
          arn,
          name,
          region,
          roleArn: textOrNull(notebook.RoleArn),
          // Both default to Enabled when AWS leaves them out.
          directInternetAccess: notebook.DirectInternetAccess !== 'Disabled',
          rootAccess: notebook.RootAccess !== 'Disabled',
          kmsKeyId: textOrNull(notebook.KmsKeyId),
          subnetId: textOrNull(notebook.SubnetId),
          status: textOrNull(notebook.NotebookInstanceStatus),
          createdAt: isoOrNull(notebook.CreationTime),
          tags: tags ?? {},
        };
      });
      return described.filter((n) => n !== null);
    }

    const [foundEndpoints, foundConfigs, foundModels, foundNotebooks] = await settleAll([endpoints(), endpointConfigs(), models(), notebookInstances()]);
    const warnGaps = reads.report();

    return (draft) => {
      warnGaps();
      const section = draft.sageMaker ?? { regions: [], endpoints: [], endpointConfigs: [], models: [], notebookInstances: [] };
      draft.sageMaker = {
        regions: withRegion(section.regions, region),
        endpoints: mergeByKey(section.endpoints, foundEndpoints, (e) => e.arn),
        endpointConfigs: mergeByKey(section.endpointConfigs, foundConfigs, (c) => c.arn),
        models: mergeByKey(section.models, foundModels, (m) => m.arn),
        notebookInstances: mergeByKey(section.notebookInstances, foundNotebooks, (n) => n.arn),
      };
    };
  },
};
