/**
 * Every AWS operation the workload collectors send is on the scanner's read-only allowlist (the mocks
 * replace `send`, so the allowlist middleware itself is not reached here: this checks the names, and
 * the moto integration tests run the middleware). The list below is also the collectors' whole API
 * surface, so a new call shows up in review.
 */
import { BedrockAgentClient, GetAgentActionGroupCommand, GetAgentCommand, GetKnowledgeBaseCommand, ListAgentActionGroupsCommand, ListAgentAliasesCommand, ListAgentsCommand, ListDataSourcesCommand, ListKnowledgeBasesCommand } from '@aws-sdk/client-bedrock-agent';
import { BedrockClient, GetCustomModelCommand, GetGuardrailCommand, ListCustomModelsCommand, ListGuardrailsCommand } from '@aws-sdk/client-bedrock';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListEndpointConfigsCommand, ListEndpointsCommand, ListModelsCommand, ListNotebookInstancesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKLOAD_COLLECTORS } from '@core/aws/collectors/workloads';
import { findAllowedOperation } from '@core/aws/scanner/read-only-allowlist';
import { ACCOUNT_ID, runMocked } from './run-mocked';

const AT = new Date('2025-01-01T00:00:00.000Z');
const lambda = mockClient(LambdaClient);
const sageMaker = mockClient(SageMakerClient);
const bedrock = mockClient(BedrockClient);
const agents = mockClient(BedrockAgentClient);
const cloudTrail = mockClient(CloudTrailClient);

/** What the test needs of any of the stubs (their union is not callable as such). */
interface AnyStub {
  restore(): void;
  onAnyCommand(): { resolves(value: object): unknown };
  calls(): { args: unknown[] }[];
}
const STUBS: AnyStub[] = [lambda, sageMaker, bedrock, agents, cloudTrail];

afterAll(() => {
  for (const mock of STUBS) mock.restore();
});

/** `LambdaClient/ListFunctions` for every call a stub saw. */
function sent(clientName: string, stub: AnyStub): string[] {
  return stub.calls().map((call) => `${clientName}/${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
}

describe('workload collectors and the read-only allowlist', () => {
  it('send only allowlisted operations, and exactly these', async () => {
    for (const mock of STUBS) mock.onAnyCommand().resolves({});
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'f', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:f`, Role: 'r' }] });
    sageMaker.on(ListEndpointsCommand).resolves({ Endpoints: [{ EndpointName: 'e', EndpointArn: 'arn:e', CreationTime: AT, LastModifiedTime: AT, EndpointStatus: 'InService' }] });
    sageMaker.on(ListEndpointConfigsCommand).resolves({ EndpointConfigs: [{ EndpointConfigName: 'c', EndpointConfigArn: 'arn:c', CreationTime: AT }] });
    sageMaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: 'm', ModelArn: 'arn:m', CreationTime: AT }] });
    sageMaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: 'n', NotebookInstanceArn: 'arn:n' }] });
    bedrock.on(ListGuardrailsCommand).resolves({ guardrails: [{ id: 'g', arn: 'arn:g', name: 'g', version: 'DRAFT', status: 'READY', createdAt: AT, updatedAt: AT }] });
    bedrock.on(GetGuardrailCommand).resolves({ guardrailId: 'g', guardrailArn: 'arn:g', name: 'g', version: 'DRAFT', status: 'READY', createdAt: AT, updatedAt: AT, blockedInputMessaging: '', blockedOutputsMessaging: '' });
    bedrock.on(ListCustomModelsCommand).resolves({ modelSummaries: [{ modelArn: 'arn:cm', modelName: 'cm', creationTime: AT, baseModelArn: 'b', baseModelName: 'b' }] });
    bedrock.on(GetCustomModelCommand).resolves({ modelArn: 'arn:cm', modelName: 'cm', jobArn: 'arn:job', creationTime: AT });
    agents.on(ListAgentsCommand).resolves({ agentSummaries: [{ agentId: 'A', agentName: 'a', agentStatus: 'PREPARED', updatedAt: AT }] });
    agents.on(GetAgentCommand).resolves({ agent: { agentId: 'A', agentName: 'a', agentArn: `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/A`, agentVersion: 'DRAFT', agentStatus: 'PREPARED', agentResourceRoleArn: 'r', idleSessionTTLInSeconds: 60, createdAt: AT, updatedAt: AT } });
    agents.on(ListAgentAliasesCommand).resolves({ agentAliasSummaries: [{ agentAliasId: 'AL', agentAliasName: 'prod', agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: '1' }], createdAt: AT, updatedAt: AT }] });
    agents.on(ListAgentActionGroupsCommand).resolves({ actionGroupSummaries: [{ actionGroupId: 'G', actionGroupName: 'g', actionGroupState: 'ENABLED', updatedAt: AT }] });
    agents.on(GetAgentActionGroupCommand).resolves({ agentActionGroup: { agentId: 'A', agentVersion: 'DRAFT', actionGroupId: 'G', actionGroupName: 'g', actionGroupState: 'ENABLED', createdAt: AT, updatedAt: AT } });
    agents.on(ListKnowledgeBasesCommand).resolves({ knowledgeBaseSummaries: [{ knowledgeBaseId: 'K', name: 'k', status: 'ACTIVE', updatedAt: AT }] });
    agents.on(GetKnowledgeBaseCommand).resolves({ knowledgeBase: { knowledgeBaseId: 'K', name: 'k', knowledgeBaseArn: 'arn:k', roleArn: 'r', knowledgeBaseConfiguration: { type: 'VECTOR' }, status: 'ACTIVE', createdAt: AT, updatedAt: AT } });
    agents.on(ListDataSourcesCommand).resolves({ dataSourceSummaries: [{ knowledgeBaseId: 'K', dataSourceId: 'D', name: 'd', status: 'AVAILABLE', updatedAt: AT }] });
    cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 't', TrailARN: 'arn:t', HomeRegion: 'us-east-1' }] });

    const scan = await runMocked(WORKLOAD_COLLECTORS);
    expect(scan.runs.map((r) => `${r.collectorId}:${r.outcome}`)).toEqual(expect.arrayContaining(WORKLOAD_COLLECTORS.map((c) => `${c.id}:ok`)));

    const operations = new Set([
      ...sent('LambdaClient', lambda),
      ...sent('SageMakerClient', sageMaker),
      ...sent('BedrockClient', bedrock),
      ...sent('BedrockAgentClient', agents),
      ...sent('CloudTrailClient', cloudTrail),
    ]);
    for (const operation of operations) {
      const [client = '', command = ''] = operation.split('/');
      expect(findAllowedOperation(client, command), operation).not.toBeNull();
    }
    expect([...operations].sort()).toEqual([
      'BedrockAgentClient/GetAgent',
      'BedrockAgentClient/GetAgentActionGroup',
      'BedrockAgentClient/GetAgentVersion',
      'BedrockAgentClient/GetDataSource',
      'BedrockAgentClient/GetKnowledgeBase',
      'BedrockAgentClient/ListAgentActionGroups',
      'BedrockAgentClient/ListAgentAliases',
      'BedrockAgentClient/ListAgentKnowledgeBases',
      'BedrockAgentClient/ListAgents',
      'BedrockAgentClient/ListDataSources',
      'BedrockAgentClient/ListKnowledgeBases',
      'BedrockAgentClient/ListTagsForResource',
      'BedrockClient/GetCustomModel',
      'BedrockClient/GetGuardrail',
      'BedrockClient/GetModelCustomizationJob',
      'BedrockClient/GetModelInvocationLoggingConfiguration',
      'BedrockClient/ListCustomModels',
      'BedrockClient/ListGuardrails',
      'BedrockClient/ListTagsForResource',
      'CloudTrailClient/DescribeTrails',
      'CloudTrailClient/GetEventSelectors',
      'CloudTrailClient/GetTrailStatus',
      'LambdaClient/ListFunctionUrlConfigs',
      'LambdaClient/ListFunctions',
      'LambdaClient/ListTags',
      'SageMakerClient/DescribeEndpoint',
      'SageMakerClient/DescribeEndpointConfig',
      'SageMakerClient/DescribeModel',
      'SageMakerClient/DescribeNotebookInstance',
      'SageMakerClient/ListEndpointConfigs',
      'SageMakerClient/ListEndpoints',
      'SageMakerClient/ListModels',
      'SageMakerClient/ListNotebookInstances',
      'SageMakerClient/ListTags',
    ]);
  });
});
