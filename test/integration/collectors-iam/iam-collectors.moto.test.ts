/**
 * The IAM-family collectors against a real moto_server, through the scan's own client factory (the
 * read-only guard, call counting) and runner, exactly as a scan wires them. The account is built
 * first with plain SDK clients (write calls the guard would refuse), then scanned.
 *
 * What moto lacks (checked here, covered by the aws-sdk-client-mock tests in test/unit/collectors-iam):
 * ListServiceSpecificCredentials and Generate/GetServiceLastAccessedDetails answer HTTP 500 (an HTML
 * page), so those two collectors end `failed` with nothing written; GetAccountAuthorizationDetails
 * ignores MaxItems (one page); the credential report has no root row.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  IAMClient,
  ListAccountAliasesCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClientConfig } from '@core/aws/client-config';
import { IAM_COLLECTORS, organizationsCollector } from '@core/aws/collectors/iam';
import { listEnabledRegions } from '@core/aws/collectors/regions';
import { DEFAULT_SCAN_LIMITS, type Collector, type CollectorRun } from '@core/aws/scanner/collector';
import { READ_ONLY_OPERATIONS } from '@core/aws/scanner/read-only-allowlist';
import { runCollectors } from '@core/aws/scanner/run-collectors';
import { createScanClientFactory, type ScanClientFactory } from '@core/aws/scanner/scan-clients';
import { emptyScanFacts, scanFactsSchema, type ScanFacts } from '@core/discovery/facts';
import { MOTO_ACCOUNT_ID, startMoto, type MotoServer } from '../../support/moto';

const REGION = 'us-east-1';
const ADMIN_KEYS = { accessKeyId: 'AKIAMOTOSETUP0000001', secretAccessKey: 'moto-setup-secret-0000000000000000000001' };
const SCANNER_KEYS = { accessKeyId: 'AKIAMOTOSCANNER00001', secretAccessKey: 'moto-scanner-secret-00000000000000000001' };
const A = `arn:aws:iam::${MOTO_ACCOUNT_ID}`;

const BEDROCK_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': MOTO_ACCOUNT_ID } } }],
};
const ACCOUNT_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `${A}:root` }, Action: 'sts:AssumeRole' }] };
const LAMBDA_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const INVOKE_V2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*' }] };
const USER_INLINE = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::deploy-bucket/releases/a b+c/*' }] };
const SAML_METADATA =
  '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.com/app/sso/saml"/></md:IDPSSODescriptor></md:EntityDescriptor>';

let moto: MotoServer;
let ciKeyId = '';

function plain<C>(Client: new (config: object) => C, credentials = ADMIN_KEYS): C {
  return new Client({ region: REGION, endpoint: moto.endpoint, credentials, maxAttempts: 1 });
}

/** The account under scan, built with write calls through plain clients (never the scan's). */
async function buildAccount(): Promise<void> {
  const iam = plain(IAMClient);
  try {
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-agents' }));
    const invoke = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'BedrockInvoke', Description: 'Invoke Claude models', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] }) }),
    );
    const invokeArn = invoke.Policy?.Arn ?? '';
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: invokeArn, PolicyDocument: JSON.stringify(INVOKE_V2), SetAsDefault: true }));
    const boundary = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'AgentBoundary', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:*', 's3:GetObject'], Resource: '*' }] }) }),
    );

    await iam.send(new CreateGroupCommand({ GroupName: 'ml-engineers' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'ml-engineers', PolicyName: 'notebooks', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:CreatePresignedNotebookInstanceUrl', Resource: '*' }] }) }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ml-engineers', PolicyArn: invokeArn }));

    await iam.send(new CreateUserCommand({ UserName: 'ci-deployer', Path: '/automation/', Tags: [{ Key: 'owner', Value: 'platform@acme.example' }] }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ml-engineers', UserName: 'ci-deployer' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ci-deployer', PolicyName: 'deploy', PolicyDocument: JSON.stringify(USER_INLINE) }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'ci-deployer' }));
    ciKeyId = key.AccessKey?.AccessKeyId ?? '';
    await iam.send(new CreateUserCommand({ UserName: 'jane' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'jane', Password: 'Correct-Horse-Battery-9' }));

    await iam.send(
      new CreateRoleCommand({
        RoleName: 'support-agent',
        Path: '/agents/',
        AssumeRolePolicyDocument: JSON.stringify(BEDROCK_TRUST),
        PermissionsBoundary: boundary.Policy?.Arn,
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'owner', Value: 'support@acme.example' }, { Key: 'data-class', Value: 'pii' }],
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'support-agent', PolicyArn: invokeArn }));
    await iam.send(new CreateRoleCommand({ RoleName: 'ticket-fn', AssumeRolePolicyDocument: JSON.stringify(LAMBDA_TRUST) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'ticket-fn', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'ops-automation', AssumeRolePolicyDocument: JSON.stringify(ACCOUNT_TRUST) }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ticket-host' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ticket-host', RoleName: 'ticket-fn' }));

    await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        Tags: [{ Key: 'purpose', Value: 'github-actions' }],
      }),
    );
    await iam.send(new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: SAML_METADATA }));
  } finally {
    iam.destroy();
  }

  // Use the CI key (moto records its last use) and assume ops-automation and act as it (RoleLastUsed).
  const ciKeys = { accessKeyId: ciKeyId, secretAccessKey: 'ignored-by-moto' };
  const sts = plain(STSClient, ciKeys);
  try {
    await sts.send(new GetCallerIdentityCommand({}));
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `${A}:role/ops-automation`, RoleSessionName: 'nightly' }));
    const asRole = plain(IAMClient, {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    } as typeof ADMIN_KEYS);
    await asRole.send(new ListAccountAliasesCommand({}));
    asRole.destroy();
  } finally {
    sts.destroy();
  }
}

interface Scan {
  runs: CollectorRun[];
  facts: ScanFacts;
  clients: ScanClientFactory;
}

function scanClients(signal: AbortSignal): ScanClientFactory {
  return createScanClientFactory({
    signal,
    concurrencyPerService: DEFAULT_SCAN_LIMITS.concurrencyPerService,
    configFor: (_serviceId, region): AwsClientConfig => ({
      region,
      endpoint: moto.endpoint,
      credentials: () => Promise.resolve(SCANNER_KEYS),
      maxAttempts: 2,
      retryMode: 'adaptive',
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    }),
  });
}

/** A scan of the IAM family, wired the way the scan orchestrator wires it. */
async function scan(collectors: readonly Collector[]): Promise<Scan> {
  const signal = new AbortController().signal;
  const clients = scanClients(signal);
  const facts = emptyScanFacts({
    collectedAt: new Date().toISOString(),
    account: { id: MOTO_ACCOUNT_ID, alias: null, partition: 'aws', source: 'live' },
    regions: [REGION],
  });
  try {
    const runs = await runCollectors({
      collectors,
      clients,
      draft: facts,
      accountId: MOTO_ACCOUNT_ID,
      partition: 'aws',
      homeRegion: REGION,
      regions: [REGION],
      signal,
      clock: () => new Date(),
      limits: { ...DEFAULT_SCAN_LIMITS, pollIntervalMs: 100, maxPolls: 10 },
    });
    return { runs, facts, clients };
  } finally {
    clients.destroyAll();
  }
}

function outcomes(runs: readonly CollectorRun[]): Record<string, string> {
  return Object.fromEntries(runs.map((run) => [run.collectorId, run.outcome]));
}

function run(runs: readonly CollectorRun[], id: string): CollectorRun {
  const found = runs.find((candidate) => candidate.collectorId === id);
  if (found === undefined) throw new Error(`no run for ${id}`);
  return found;
}

beforeAll(async () => {
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
});

describe('IAM collectors against moto', () => {
  it('organizations before there is one: the fact "not in an organisation", outcome ok', async () => {
    const { runs, facts } = await scan([organizationsCollector]);
    expect(run(runs, 'organizations')).toMatchObject({ outcome: 'ok', message: 'The account is not in an AWS Organization.', calls: 1 });
    expect(facts.organizations).toEqual({ organization: null, accounts: [] });
  });

  it('scans a built account: every principal, decoded policies, the report, providers, the organisation', async () => {
    await buildAccount();
    const orgs = plain(OrganizationsClient);
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await orgs.send(new CreateAccountCommand({ AccountName: 'sandbox', Email: 'sandbox@acme.example' }));
    orgs.destroy();

    const started = Date.now();
    const { runs, facts, clients } = await scan(IAM_COLLECTORS);
    const elapsedMs = Date.now() - started;

    expect(outcomes(runs)).toEqual({
      'account-identity': 'ok',
      'iam-authorization-details': 'ok',
      'iam-credential-report': 'ok',
      'iam-identity-providers': 'ok',
      // moto does not implement these two: HTTP 500 with an HTML page.
      'iam-service-specific-credentials': 'failed',
      organizations: 'ok',
      'iam-service-last-accessed': 'failed',
    });
    for (const id of ['iam-service-specific-credentials', 'iam-service-last-accessed']) {
      expect(run(runs, id).message).toMatch(/HTTP 500/);
    }
    // Whatever was written is valid facts.
    const parsed = scanFactsSchema.parse(facts);

    // Account identity.
    expect(parsed.account.alias).toBe('acme-agents');
    expect(parsed.scannerArn).toMatch(new RegExp(`^arn:aws:(sts|iam)::${MOTO_ACCOUNT_ID}:`));
    expect(parsed.accountSummary).toMatchObject({ Users: 2, Roles: 3, Groups: 1 });

    // The inventory: every principal of the account, with its details.
    const iam = parsed.iam!;
    expect(iam.users.map((u) => u.name).sort()).toEqual(['ci-deployer', 'jane']);
    expect(iam.groups.map((g) => g.name)).toEqual(['ml-engineers']);
    expect(iam.roles.map((r) => r.name).sort()).toEqual(['ops-automation', 'support-agent', 'ticket-fn']);
    const ci = iam.users.find((u) => u.name === 'ci-deployer')!;
    expect(ci).toMatchObject({ path: '/automation/', groups: ['ml-engineers'], tags: { owner: 'platform@acme.example' } });
    expect(ci.arn).toBe(`${A}:user/automation/ci-deployer`);
    expect(ci.inlinePolicies).toEqual([{ name: 'deploy', document: USER_INLINE }]);
    const agent = iam.roles.find((r) => r.name === 'support-agent')!;
    expect(agent.trustPolicy).toEqual(BEDROCK_TRUST);
    expect(agent).toMatchObject({
      path: '/agents/',
      tags: { owner: 'support@acme.example', 'data-class': 'pii' },
      permissionsBoundary: { arn: `${A}:policy/AgentBoundary` },
      attachedPolicies: [{ arn: `${A}:policy/BedrockInvoke`, name: 'BedrockInvoke' }],
      lastUsed: { date: null, region: null },
      serviceLinked: false,
    });
    expect(iam.roles.find((r) => r.name === 'ops-automation')!.lastUsed.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(iam.roles.find((r) => r.name === 'ticket-fn')!.instanceProfiles.map((p) => p.name)).toEqual(['ticket-host']);
    expect(iam.groups[0]!.inlinePolicies[0]!.document).toMatchObject({ Statement: [{ Action: 'sagemaker:CreatePresignedNotebookInstanceUrl' }] });
    const invoke = iam.policies.find((p) => p.name === 'BedrockInvoke')!;
    expect(invoke).toMatchObject({ awsManaged: false, defaultVersionId: 'v2', document: INVOKE_V2, description: 'Invoke Claude models' });
    expect(iam.policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')?.document).toMatchObject({ Version: '2012-10-17' });
    // moto serves every AWS-managed policy it knows, in one page (it ignores MaxItems), and without
    // PolicyName: the collector takes the name from the ARN rather than drop them.
    expect(iam.policies.filter((p) => p.awsManaged).length).toBeGreaterThan(500);
    expect(parsed.warnings.filter((w) => w.includes('left out'))).toEqual([]);

    // The credential report, through the shared parser.
    const rows = parsed.credentialReport!.rows;
    expect(rows.map((r) => r.user).sort()).toEqual(['ci-deployer', 'jane']);
    const ciRow = rows.find((r) => r.user === 'ci-deployer')!;
    expect(ciRow.arn).toBe(ci.arn);
    expect(ciRow.accessKeys[0]).toMatchObject({ slot: 1, active: true });
    expect(ciRow.accessKeys[0].lastRotated).not.toBeNull();
    expect(ciRow.accessKeys[0].lastUsedDate).not.toBeNull();
    expect(ciRow.accessKeys[1]).toMatchObject({ slot: 2, active: false, lastRotated: null });
    expect(rows.find((r) => r.user === 'jane')).toMatchObject({ passwordEnabled: true, mfaActive: false });
    // moto's report has no root row: kept as a warning, not an error.
    expect(parsed.warnings).toContain('IAM credential report: the credential report has no <root_account> row; root password, MFA and key facts are unknown.');

    // Identity providers.
    expect(parsed.identityProviders).toEqual({
      oidc: [
        {
          arn: `${A}:oidc-provider/token.actions.githubusercontent.com`,
          url: 'token.actions.githubusercontent.com',
          clientIds: ['sts.amazonaws.com'],
          thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
          createdAt: expect.any(String) as unknown,
          tags: { purpose: 'github-actions' },
        },
      ],
      saml: [{ arn: `${A}:saml-provider/okta`, name: 'okta', createdAt: expect.any(String) as unknown, validUntil: expect.any(String) as unknown, tags: {} }],
    });

    // The organisation.
    const organizations = parsed.organizations!;
    expect(organizations.organization).toMatchObject({ id: expect.stringMatching(/^o-/) as unknown, managementAccountId: MOTO_ACCOUNT_ID, featureSet: 'ALL' });
    expect(organizations.accounts.map((a) => a.name).sort()).toEqual(['master', 'sandbox']);
    expect(organizations.accounts.every((a) => a.status === 'ACTIVE' && a.joinedAt !== null)).toBe(true);

    // Not collected where moto could not answer: null, never an empty list.
    expect(parsed.serviceSpecificCredentials).toBeNull();
    expect(parsed.serviceLastAccessed).toBeNull();

    // Calls: pages, not principals; every one allowlisted.
    const calls = clients.calls();
    expect(calls).toMatchObject({
      'sts:GetCallerIdentity': 1,
      'iam:GetAccountAuthorizationDetails': 1,
      // moto answers STARTED to the first request and COMPLETE to the next: one real poll.
      'iam:GenerateCredentialReport': 2,
      'iam:GetCredentialReport': 1,
      'iam:ListOpenIDConnectProviders': 1,
      'iam:GetOpenIDConnectProvider': 1,
      'iam:ListSAMLProviders': 1,
      'iam:ListServiceSpecificCredentials': 1,
      'organizations:DescribeOrganization': 1,
      'organizations:ListAccounts': 1,
    });
    const allowlisted = new Set(READ_ONLY_OPERATIONS.map((op) => op.action));
    expect(Object.keys(calls).filter((action) => !allowlisted.has(action))).toEqual([]);
    expect(runs.every((r) => !/read-only/.test(r.message ?? ''))).toBe(true);
    expect(run(runs, 'iam-authorization-details').calls).toBe(1);
    if (process.env['SHOW'] !== undefined) console.log(JSON.stringify({ elapsedMs, runs, calls }, null, 2));
  });

  it('lists the enabled regions through a guarded scan client', async () => {
    const controller = new AbortController();
    const clients = scanClients(controller.signal);
    try {
      const regions = await listEnabledRegions(clients.get(EC2Client, 'EC2', REGION), { signal: controller.signal });
      expect(regions).toContain('us-east-1');
      expect(regions).toContain('eu-west-1');
      // moto marks opt-in regions not-opted-in even without AllRegions; they are left out.
      expect(regions).not.toContain('ap-east-1');
      expect(regions).toEqual([...regions].sort());
      expect(clients.calls()).toEqual({ 'ec2:DescribeRegions': 1 });
    } finally {
      clients.destroyAll();
    }
  });
});
