/**
 * A deterministic synthetic AWS account for the benchmarks: IAM users in groups, roles with trust
 * policies, tags and RoleLastUsed, customer managed policies with several versions of varied
 * statements (actions, resources, conditions), the AWS managed policies attached to them, and AI
 * workloads (Lambda functions with environment variables, SageMaker endpoints/models/notebooks,
 * Bedrock agents with action groups, knowledge bases), all in the shapes the AWS APIs answer with.
 *
 * Every entity is a pure function of (seed, kind, index): `account.role(7042)` is the same object
 * on every call and in every process, so the fake AWS can render any page and the export writer
 * can stream a 100 MB file without holding the account in memory.
 *
 * Dates are ISO 8601 strings; policy documents are objects (the fake URL-encodes them as IAM does,
 * the export writer prints them decoded as the AWS CLI does).
 */

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** A 32-bit mix of several integers (murmur3 finaliser steps). */
function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  range(min: number, maxInclusive: number): number {
    return min + this.int(maxInclusive - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** `count` distinct items (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(this.int(pool.length), 1)[0] as T);
    return out;
  }

  chars(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'): string {
    let text = '';
    for (let i = 0; i < length; i += 1) text += alphabet.charAt(this.int(alphabet.length));
    return text;
  }

  hex(length: number): string {
    return this.chars(length, '0123456789abcdef');
  }
}

// ---------------------------------------------------------------------------------------------
// AWS API shapes (the members the IAM, Lambda, SageMaker and Bedrock APIs answer with)
// ---------------------------------------------------------------------------------------------

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export interface PolicyDocument {
  Version: string;
  Statement: Record<string, Json>[];
  [key: string]: Json;
}
export interface Tag {
  Key: string;
  Value: string;
}
export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}
export interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocument;
}
export interface PermissionsBoundary {
  PermissionsBoundaryType: 'Policy';
  PermissionsBoundaryArn: string;
}

export interface UserDetail {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  UserPolicyList: InlinePolicy[];
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: PermissionsBoundary;
  Tags: Tag[];
}

export interface GroupDetail {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: string;
  GroupPolicyList: InlinePolicy[];
  AttachedManagedPolicies: AttachedPolicy[];
}

export interface InstanceProfile {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: string;
  Roles: [];
}

export interface RoleDetail {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: PolicyDocument;
  InstanceProfileList: InstanceProfile[];
  RolePolicyList: InlinePolicy[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: PermissionsBoundary;
  Tags: Tag[];
  RoleLastUsed: { LastUsedDate?: string; Region?: string };
}

export interface PolicyVersion {
  Document: PolicyDocument;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface ManagedPolicyDetail {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  PolicyVersionList: PolicyVersion[];
}

/** What GetAccountAuthorizationDetails does not carry but the credential report and per-entity APIs do. */
export interface UserCredentials {
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: { id: string; active: boolean; lastRotated: string; lastUsed: string | null; lastUsedRegion: string | null; lastUsedService: string | null }[];
}

export interface SyntheticUser {
  detail: UserDetail;
  credentials: UserCredentials;
}

export interface LambdaFunction {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  PackageType: 'Zip';
  Architectures: string[];
}

export interface LambdaWorkload {
  fn: LambdaFunction;
  tags: Record<string, string>;
  urlAuthType: 'AWS_IAM' | 'NONE' | null;
}

export interface SageMakerEndpoint {
  name: string;
  arn: string;
  configName: string;
  configArn: string;
  modelName: string;
  kmsKeyId: string | null;
  dataCapture: boolean;
  created: string;
  tags: Tag[];
}

export interface SageMakerModel {
  name: string;
  arn: string;
  executionRoleArn: string;
  networkIsolation: boolean;
  subnets: string[];
  securityGroups: string[];
  created: string;
  tags: Tag[];
}

export interface SageMakerNotebook {
  name: string;
  arn: string;
  roleArn: string;
  directInternetAccess: 'Enabled' | 'Disabled';
  rootAccess: 'Enabled' | 'Disabled';
  kmsKeyId: string | null;
  subnetId: string | null;
  created: string;
  tags: Tag[];
}

export interface AgentFunction {
  name: string;
  description: string;
  parameters: Record<string, { type: string; description: string; required: boolean }>;
  requireConfirmation: 'ENABLED' | 'DISABLED';
}

export interface BedrockAgent {
  id: string;
  name: string;
  arn: string;
  roleArn: string;
  foundationModel: string;
  guardrail: { identifier: string; version: string } | null;
  created: string;
  updated: string;
  aliases: { id: string; name: string; version: string }[];
  actionGroups: { id: string; name: string; lambdaArn: string; functions: AgentFunction[] }[];
  knowledgeBaseIds: string[];
}

export interface KnowledgeBase {
  id: string;
  name: string;
  arn: string;
  roleArn: string;
  embeddingModelArn: string;
  created: string;
  dataSources: { id: string; name: string }[];
}

export interface Guardrail {
  id: string;
  arn: string;
  name: string;
  version: string;
  created: string;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kai', 'lena', 'mo', 'nia', 'omar', 'priya', 'quinn', 'rui', 'sara', 'tom', 'uma', 'vic', 'wen', 'xan', 'yara', 'zoe'];
const LAST = ['silva', 'smith', 'kim', 'garcia', 'müller', 'dubois', 'rossi', 'tanaka', 'nowak', 'okafor', 'haddad', 'larsen', 'patel', 'ng', 'cohen', 'ivanova'];
const TEAMS = ['data-science', 'platform', 'payments', 'growth', 'search', 'ml-ops', 'security', 'support-ai', 'analytics', 'mobile', 'identity', 'fraud'];
const ENVS = ['prod', 'staging', 'dev', 'sandbox'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const PURPOSES = ['ingest', 'etl', 'chatbot', 'summarizer', 'classifier', 'embeddings', 'rag', 'reporting', 'deploy', 'backup', 'monitoring', 'router', 'agent', 'scoring'];
const RUNTIMES = ['python3.12', 'python3.11', 'nodejs20.x', 'nodejs22.x', 'java21', 'provided.al2023'];
const ENV_VAR_NAMES = [
  'LOG_LEVEL',
  'TABLE_NAME',
  'BUCKET',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'BEDROCK_MODEL_ID',
  'DB_PASSWORD',
  'STAGE',
  'QUEUE_URL',
  'SECRET_ARN',
  'HF_TOKEN',
  'SLACK_WEBHOOK_URL',
  'POWERTOOLS_SERVICE_NAME',
  'KNOWLEDGE_BASE_ID',
];
const FOUNDATION_MODELS = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'amazon.titan-text-premier-v1:0',
  'meta.llama3-70b-instruct-v1:0',
  'mistral.mistral-large-2402-v1:0',
  'amazon.nova-pro-v1:0',
];

const AWS_MANAGED: readonly { name: string; path: string; actions: string[] }[] = [
  { name: 'AdministratorAccess', path: '/', actions: ['*'] },
  { name: 'ReadOnlyAccess', path: '/', actions: ['s3:Get*', 's3:List*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 'lambda:Get*', 'lambda:List*'] },
  { name: 'PowerUserAccess', path: '/', actions: ['*'] },
  { name: 'AmazonS3ReadOnlyAccess', path: '/', actions: ['s3:Get*', 's3:List*', 's3-object-lambda:Get*'] },
  { name: 'AmazonS3FullAccess', path: '/', actions: ['s3:*', 's3-object-lambda:*'] },
  { name: 'AmazonDynamoDBFullAccess', path: '/', actions: ['dynamodb:*', 'dax:*', 'application-autoscaling:*'] },
  { name: 'AmazonBedrockFullAccess', path: '/', actions: ['bedrock:*', 'kms:DescribeKey', 'iam:ListRoles', 'ec2:DescribeVpcs'] },
  { name: 'AmazonBedrockReadOnly', path: '/', actions: ['bedrock:Get*', 'bedrock:List*'] },
  { name: 'AmazonSageMakerFullAccess', path: '/', actions: ['sagemaker:*', 'ecr:GetAuthorizationToken', 'cloudwatch:PutMetricData', 'iam:PassRole'] },
  { name: 'AmazonSageMakerReadOnly', path: '/', actions: ['sagemaker:Describe*', 'sagemaker:List*'] },
  { name: 'AWSLambdaBasicExecutionRole', path: '/service-role/', actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'] },
  { name: 'AWSLambdaVPCAccessExecutionRole', path: '/service-role/', actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'] },
  { name: 'AWSLambda_FullAccess', path: '/', actions: ['lambda:*', 'cloudformation:DescribeStacks', 'iam:PassRole'] },
  { name: 'AmazonEC2ContainerRegistryReadOnly', path: '/', actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
  { name: 'AmazonECSTaskExecutionRolePolicy', path: '/service-role/', actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:PutLogEvents'] },
  { name: 'CloudWatchAgentServerPolicy', path: '/', actions: ['cloudwatch:PutMetricData', 'ec2:DescribeTags', 'logs:PutLogEvents'] },
  { name: 'AmazonSSMManagedInstanceCore', path: '/', actions: ['ssm:UpdateInstanceInformation', 'ssmmessages:*', 'ec2messages:*'] },
  { name: 'SecretsManagerReadWrite', path: '/', actions: ['secretsmanager:*', 'kms:DescribeKey', 'rds:DescribeDBInstances'] },
  { name: 'AmazonSQSFullAccess', path: '/', actions: ['sqs:*'] },
  { name: 'AmazonEKSClusterPolicy', path: '/', actions: ['ec2:*', 'elasticloadbalancing:*', 'kms:DescribeKey'] },
  { name: 'AmazonEKSWorkerNodePolicy', path: '/', actions: ['ec2:Describe*', 'eks:DescribeCluster'] },
  { name: 'AmazonTextractFullAccess', path: '/', actions: ['textract:*'] },
  { name: 'ComprehendFullAccess', path: '/', actions: ['comprehend:*', 's3:ListAllMyBuckets'] },
  { name: 'AmazonRekognitionReadOnlyAccess', path: '/', actions: ['rekognition:Describe*', 'rekognition:List*', 'rekognition:Detect*'] },
  { name: 'IAMUserChangePassword', path: '/', actions: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'] },
  { name: 'IAMReadOnlyAccess', path: '/', actions: ['iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*'] },
  { name: 'AWSCloudTrail_ReadOnlyAccess', path: '/', actions: ['cloudtrail:Get*', 'cloudtrail:Describe*', 'cloudtrail:List*'] },
  { name: 'AmazonKinesisFullAccess', path: '/', actions: ['kinesis:*'] },
  { name: 'AWSGlueServiceRole', path: '/service-role/', actions: ['glue:*', 's3:GetBucketLocation', 'iam:ListRolePolicies'] },
  { name: 'AmazonAthenaFullAccess', path: '/', actions: ['athena:*', 'glue:Get*', 's3:GetObject'] },
];

const AWS_SERVICE_PREFIXES = ['ec2', 's3', 'lambda', 'iam', 'rds', 'dynamodb', 'cloudwatch', 'logs', 'sns', 'sqs', 'kms', 'elasticloadbalancing', 'autoscaling', 'cloudformation', 'ecr', 'ecs', 'eks', 'glue', 'athena', 'sagemaker', 'bedrock'];

/** Actions by service, with the resource ARNs they act on (`{a}` account, `{r}` region, `{x}` a name). */
const SERVICES: readonly { actions: string[]; resource: string }[] = [
  { actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket', 's3:GetBucketPolicy'], resource: 'arn:aws:s3:::{x}/*' },
  { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem'], resource: 'arn:aws:dynamodb:{r}:{a}:table/{x}' },
  {
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:Converse', 'bedrock:ApplyGuardrail'],
    resource: 'arn:aws:bedrock:{r}::foundation-model/{m}',
  },
  { actions: ['bedrock:InvokeAgent', 'bedrock:Retrieve', 'bedrock:RetrieveAndGenerate'], resource: 'arn:aws:bedrock:{r}:{a}:agent-alias/{X}/{X}' },
  { actions: ['sagemaker:InvokeEndpoint', 'sagemaker:DescribeEndpoint', 'sagemaker:CreateTrainingJob'], resource: 'arn:aws:sagemaker:{r}:{a}:endpoint/{x}' },
  { actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'], resource: 'arn:aws:lambda:{r}:{a}:function:{x}' },
  { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resource: 'arn:aws:secretsmanager:{r}:{a}:secret:{x}-{X}' },
  { actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resource: 'arn:aws:kms:{r}:{a}:key/{u}' },
  { actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'], resource: 'arn:aws:sqs:{r}:{a}:{x}' },
  { actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resource: 'arn:aws:logs:{r}:{a}:log-group:/aws/lambda/{x}:*' },
  { actions: ['iam:PassRole', 'iam:GetRole'], resource: 'arn:aws:iam::{a}:role/{x}' },
  { actions: ['sts:AssumeRole'], resource: 'arn:aws:iam::{a}:role/{x}' },
  { actions: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups', 'ec2:RunInstances'], resource: '*' },
  { actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resource: '*' },
  { actions: ['textract:AnalyzeDocument', 'comprehend:DetectSentiment', 'rekognition:DetectLabels'], resource: '*' },
];

const CONDITIONS: readonly ((rng: Rng, account: string) => Record<string, Json>)[] = [
  (rng) => ({ StringEquals: { 'aws:RequestedRegion': rng.sample(REGIONS, rng.range(1, 2)) } }),
  (rng) => ({ StringEquals: { 'aws:PrincipalTag/team': rng.pick(TEAMS) } }),
  (rng) => ({ IpAddress: { 'aws:SourceIp': [`10.${rng.int(256)}.0.0/16`, `192.0.2.${rng.int(256)}/32`] } }),
  () => ({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  (rng) => ({ StringLike: { 's3:prefix': [`${rng.pick(TEAMS)}/*`, 'shared/*'] } }),
  (_rng, account) => ({ StringEquals: { 'aws:ResourceAccount': account } }),
  (rng) => ({ DateLessThan: { 'aws:CurrentTime': `202${rng.range(6, 8)}-12-31T23:59:59Z` } }),
  (rng) => ({ StringEquals: { 'aws:SourceVpce': `vpce-${rng.hex(17)}` } }),
  (rng) => ({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['tenant', rng.pick(TEAMS)] } }),
];

// ---------------------------------------------------------------------------------------------
// The account
// ---------------------------------------------------------------------------------------------

export interface SyntheticAccountOptions {
  /** IAM users + roles. Default 10,000 (3,000 users, 7,000 roles). */
  principals?: number;
  /** Customer managed policies. Default principals / 2. */
  policies?: number;
  /** AI workloads (Lambda, SageMaker endpoints/models/notebooks, Bedrock agents and knowledge bases). Default principals / 20. */
  workloads?: number;
  seed?: number;
  accountId?: string;
  region?: string;
}

/** Kinds of role, in a repeating pattern of 20 so a workload can find a role of the kind it needs by index. */
const ROLE_PATTERN = [
  'lambda', 'lambda', 'lambda', 'lambda', 'ecs', 'ecs', 'ec2', 'ec2', 'sagemaker', 'bedrock',
  'github', 'github', 'cross-account', 'cross-account', 'cross-account', 'saml', 'service-linked', 'service-linked', 'eks', 'lambda',
] as const;
type RoleKind = (typeof ROLE_PATTERN)[number];

const KIND = { user: 1, group: 2, role: 3, policy: 4, awsPolicy: 5, lambda: 6, endpoint: 7, model: 8, notebook: 9, agent: 10, kb: 11, access: 12 } as const;

/** Fixed so every run sees the same dates (and therefore the same bytes). */
const REFERENCE_TIME = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;

function isoDaysAgo(days: number, rng: Rng): string {
  return new Date(REFERENCE_TIME - days * DAY - rng.int(DAY)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class SyntheticAccount {
  readonly accountId: string;
  readonly region: string;
  readonly seed: number;
  readonly principals: number;
  readonly userCount: number;
  readonly roleCount: number;
  readonly groupCount: number;
  readonly policyCount: number;
  readonly awsPolicyCount = AWS_MANAGED.length;
  readonly lambdaCount: number;
  readonly endpointCount: number;
  readonly modelCount: number;
  readonly notebookCount: number;
  readonly agentCount: number;
  readonly knowledgeBaseCount: number;
  readonly guardrails: Guardrail[];
  readonly oidcProviders: { arn: string; url: string; clientIds: string[]; created: string }[];
  readonly samlProviders: { arn: string; created: string; validUntil: string }[];

  constructor(options: SyntheticAccountOptions = {}) {
    this.seed = options.seed ?? 20_260_115;
    this.accountId = options.accountId ?? '123456789012';
    this.region = options.region ?? 'us-east-1';
    this.principals = options.principals ?? 10_000;
    this.userCount = Math.round(this.principals * 0.3);
    this.roleCount = this.principals - this.userCount;
    this.groupCount = Math.max(5, Math.round(this.userCount / 60));
    this.policyCount = options.policies ?? Math.round(this.principals / 2);
    const workloads = options.workloads ?? Math.round(this.principals / 20);
    // 80 % Lambda, 12 % SageMaker (endpoints, models, notebooks), 8 % Bedrock (agents 3 : 1 knowledge bases).
    this.lambdaCount = Math.round(workloads * 0.8);
    const sageMaker = Math.round(workloads * 0.12);
    this.endpointCount = Math.round(sageMaker / 3);
    this.modelCount = Math.round(sageMaker / 3);
    this.notebookCount = sageMaker - this.endpointCount - this.modelCount;
    const bedrock = workloads - this.lambdaCount - sageMaker;
    this.knowledgeBaseCount = Math.round(bedrock / 4);
    this.agentCount = bedrock - this.knowledgeBaseCount;
    const rng = this.rng(0, 0);
    this.guardrails = ['pii-filter', 'prompt-attack', 'topic-deny'].map((name, i) => {
      const id = rng.chars(12, 'abcdefghijklmnopqrstuvwxyz0123456789');
      return { id, name, arn: `arn:aws:bedrock:${this.region}:${this.accountId}:guardrail/${id}`, version: String(i + 1), created: isoDaysAgo(200 + i, rng) };
    });
    this.oidcProviders = [
      { arn: this.arn('oidc-provider/token.actions.githubusercontent.com'), url: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'], created: isoDaysAgo(700, rng) },
      ...[1, 2].map((n) => {
        const id = rng.hex(32).toUpperCase();
        return {
          arn: this.arn(`oidc-provider/oidc.eks.${this.region}.amazonaws.com/id/${id}`),
          url: `oidc.eks.${this.region}.amazonaws.com/id/${id}`,
          clientIds: ['sts.amazonaws.com'],
          created: isoDaysAgo(300 * n, rng),
        };
      }),
    ];
    this.samlProviders = [{ arn: this.arn('saml-provider/Okta'), created: isoDaysAgo(900, rng), validUntil: '2125-01-01T00:00:00Z' }];
  }

  /** The RNG of one entity. */
  rng(kind: number, index: number): Rng {
    return new Rng(hash32(this.seed, kind, index));
  }

  private arn(resource: string): string {
    return `arn:aws:iam::${this.accountId}:${resource}`;
  }

  // ---- IAM ----------------------------------------------------------------------------------

  userName(i: number): string {
    if (i % 10 < 6) return `${FIRST[i % FIRST.length] ?? 'x'}.${LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'y'}${i}`;
    return `svc-${TEAMS[i % TEAMS.length] ?? 'x'}-${PURPOSES[Math.floor(i / 10) % PURPOSES.length] ?? 'y'}-${i}`;
  }

  groupName(i: number): string {
    return `${TEAMS[i % TEAMS.length] ?? 'team'}-${['engineers', 'admins', 'analysts', 'readonly', 'oncall'][Math.floor(i / TEAMS.length) % 5] ?? 'x'}-${i}`;
  }

  roleKind(i: number): RoleKind {
    return ROLE_PATTERN[i % ROLE_PATTERN.length] ?? 'lambda';
  }

  roleName(i: number): string {
    const kind = this.roleKind(i);
    const team = TEAMS[i % TEAMS.length] ?? 'team';
    const purpose = PURPOSES[Math.floor(i / 20) % PURPOSES.length] ?? 'x';
    if (kind === 'service-linked') return `AWSServiceRoleFor${['ECS', 'RDS', 'Support', 'TrustedAdvisor', 'ElasticLoadBalancing', 'SageMaker'][Math.floor(i / 20) % 6] ?? 'X'}_${i}`;
    return `${team}-${kind}-${purpose}-${i}`;
  }

  roleArn(i: number): string {
    const kind = this.roleKind(i);
    const path = kind === 'service-linked' ? '/aws-service-role/' : kind === 'lambda' ? '/service-role/' : '/';
    return this.arn(`role${path}${this.roleName(i)}`);
  }

  /** The index of the k-th role of a kind (wrapping around the roles there are). */
  roleOfKind(kind: RoleKind, k: number): number {
    const slots = ROLE_PATTERN.flatMap((slot, at) => (slot === kind ? [at] : []));
    const perCycle = slots.length;
    const cycles = Math.max(1, Math.floor(this.roleCount / ROLE_PATTERN.length));
    const cycle = Math.floor(k / perCycle) % cycles;
    return cycle * ROLE_PATTERN.length + (slots[k % perCycle] ?? 0);
  }

  policyName(i: number): string {
    return `${TEAMS[i % TEAMS.length] ?? 'x'}-${PURPOSES[Math.floor(i / 12) % PURPOSES.length] ?? 'y'}-${ENVS[i % ENVS.length] ?? 'z'}-${i}`;
  }

  policyArn(i: number): string {
    const path = i % 7 === 0 ? `/${TEAMS[i % TEAMS.length] ?? 'x'}/` : '/';
    return this.arn(`policy${path}${this.policyName(i)}`);
  }

  awsPolicyArn(i: number): string {
    const policy = AWS_MANAGED[i % AWS_MANAGED.length]!;
    return `arn:aws:iam::aws:policy${policy.path}${policy.name}`;
  }

  private tags(rng: Rng, max: number): Tag[] {
    const keys = rng.sample(['owner', 'team', 'env', 'cost-center', 'purpose', 'data-classification', 'ai-workload'], rng.int(max + 1));
    return keys.map((Key) => ({
      Key,
      Value:
        Key === 'owner'
          ? `${rng.pick(FIRST)}.${rng.pick(LAST)}@example.com`
          : Key === 'team'
            ? rng.pick(TEAMS)
            : Key === 'env'
              ? rng.pick(ENVS)
              : Key === 'cost-center'
                ? `CC-${rng.range(1000, 9999)}`
                : Key === 'ai-workload'
                  ? rng.pick(['true', 'false'])
                  : rng.pick(PURPOSES),
    }));
  }

  private fill(template: string, rng: Rng): string {
    return template
      .replaceAll('{a}', this.accountId)
      .replaceAll('{r}', rng.pick(REGIONS))
      .replaceAll('{x}', `${rng.pick(TEAMS)}-${rng.pick(PURPOSES)}-${rng.pick(ENVS)}`)
      .replaceAll('{X}', rng.chars(10))
      .replaceAll('{m}', rng.pick(FOUNDATION_MODELS))
      .replaceAll('{u}', `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`);
  }

  /** A permissions policy of 1–5 statements: actions or a service wildcard, resources, sometimes a condition or a Deny. */
  permissionsDocument(rng: Rng): PolicyDocument {
    const statements: Record<string, Json>[] = [];
    const count = rng.range(1, 5);
    for (let s = 0; s < count; s += 1) {
      const service = rng.pick(SERVICES);
      const statement: Record<string, Json> = {};
      if (rng.chance(0.4)) statement['Sid'] = `Stmt${rng.range(1, 999)}${s}`;
      statement['Effect'] = rng.chance(0.08) ? 'Deny' : 'Allow';
      const roll = rng.next();
      const prefix = (service.actions[0] ?? 's3:x').split(':')[0] ?? 's3';
      if (roll < 0.03) statement['Action'] = '*';
      else if (roll < 0.05) statement['NotAction'] = ['iam:*', 'organizations:*'];
      else if (roll < 0.15) statement['Action'] = `${prefix}:*`;
      else {
        const actions = rng.sample(service.actions, rng.range(1, service.actions.length));
        statement['Action'] = actions.length === 1 ? (actions[0] as string) : actions;
      }
      const resources = Array.from({ length: rng.range(1, 3) }, () => this.fill(service.resource, rng));
      statement['Resource'] = rng.chance(0.15) ? '*' : resources.length === 1 ? (resources[0] as string) : resources;
      if (rng.chance(0.35)) statement['Condition'] = rng.pick(CONDITIONS)(rng, this.accountId);
      statements.push(statement);
    }
    return { Version: '2012-10-17', Statement: statements };
  }

  trustDocument(i: number, rng: Rng): PolicyDocument {
    const kind = this.roleKind(i);
    const service = (name: string): Record<string, Json> => ({ Effect: 'Allow', Principal: { Service: name }, Action: 'sts:AssumeRole' });
    let statement: Record<string, Json>;
    switch (kind) {
      case 'lambda':
        statement = service('lambda.amazonaws.com');
        break;
      case 'ecs':
        statement = service('ecs-tasks.amazonaws.com');
        break;
      case 'ec2':
        statement = service('ec2.amazonaws.com');
        break;
      case 'sagemaker':
        statement = service('sagemaker.amazonaws.com');
        break;
      case 'bedrock':
        statement = {
          ...service('bedrock.amazonaws.com'),
          Condition: { StringEquals: { 'aws:SourceAccount': this.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${this.region}:${this.accountId}:agent/*` } },
        };
        break;
      case 'service-linked':
        statement = service(rng.pick(['ecs.amazonaws.com', 'rds.amazonaws.com', 'support.amazonaws.com', 'sagemaker.amazonaws.com']));
        break;
      case 'github':
        statement = {
          Effect: 'Allow',
          Principal: { Federated: this.oidcProviders[0]!.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': `repo:example-org/${rng.pick(TEAMS)}-${rng.pick(PURPOSES)}:${rng.pick(['ref:refs/heads/main', 'environment:prod', '*'])}` },
          },
        };
        break;
      case 'eks': {
        const provider = this.oidcProviders[1 + (i % 2)]!;
        statement = {
          Effect: 'Allow',
          Principal: { Federated: provider.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${provider.url}:sub`]: `system:serviceaccount:${rng.pick(TEAMS)}:${rng.pick(PURPOSES)}` } },
        };
        break;
      }
      case 'saml':
        statement = {
          Effect: 'Allow',
          Principal: { Federated: this.samlProviders[0]!.arn },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        };
        break;
      case 'cross-account': {
        const other = `${rng.range(100_000, 999_999)}${rng.range(100_000, 999_999)}`;
        statement = {
          Effect: 'Allow',
          Principal: { AWS: rng.chance(0.3) ? `arn:aws:iam::${other}:root` : `arn:aws:iam::${other}:role/${rng.pick(PURPOSES)}-deployer` },
          Action: 'sts:AssumeRole',
          ...(rng.chance(0.6) && { Condition: { StringEquals: { 'sts:ExternalId': rng.hex(24) } } }),
        };
        break;
      }
    }
    return { Version: '2012-10-17', Statement: [statement] };
  }

  private attached(rng: Rng, count: number, awsShare: number): AttachedPolicy[] {
    const out = new Map<string, AttachedPolicy>();
    for (let k = 0; k < count; k += 1) {
      if (rng.chance(awsShare)) {
        const policy = AWS_MANAGED[rng.int(AWS_MANAGED.length)]!;
        out.set(policy.name, { PolicyName: policy.name, PolicyArn: `arn:aws:iam::aws:policy${policy.path}${policy.name}` });
      } else if (this.policyCount > 0) {
        const p = rng.int(this.policyCount);
        out.set(this.policyName(p), { PolicyName: this.policyName(p), PolicyArn: this.policyArn(p) });
      }
    }
    return [...out.values()];
  }

  private inline(rng: Rng, count: number, prefix: string): InlinePolicy[] {
    return Array.from({ length: count }, (_, k) => ({ PolicyName: `${prefix}-inline-${k}`, PolicyDocument: this.permissionsDocument(rng) }));
  }

  user(i: number): SyntheticUser {
    const rng = this.rng(KIND.user, i);
    const name = this.userName(i);
    const human = i % 10 < 6;
    const path = human ? '/' : '/service/';
    const created = isoDaysAgo(rng.range(10, 2500), rng);
    const groups = rng.sample(
      Array.from({ length: Math.min(this.groupCount, 8) }, (_, k) => this.groupName((i + k * 7) % this.groupCount)),
      human ? rng.range(1, 3) : rng.range(0, 1),
    );
    const detail: UserDetail = {
      Path: path,
      UserName: name,
      UserId: `AIDA${rng.chars(17)}`,
      Arn: this.arn(`user${path}${name}`),
      CreateDate: created,
      UserPolicyList: this.inline(rng, rng.chance(0.25) ? rng.range(1, 2) : 0, name),
      GroupList: groups,
      AttachedManagedPolicies: this.attached(rng, rng.range(0, 3), 0.4),
      Tags: this.tags(rng, 4),
    };
    if (rng.chance(0.1)) detail.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: this.policyArn(rng.int(Math.max(1, this.policyCount))) };
    const keyCount = human ? (rng.chance(0.5) ? 1 : 0) : rng.chance(0.3) ? 2 : 1;
    const accessKeys = Array.from({ length: keyCount }, () => {
      const used = rng.chance(0.8);
      return {
        id: `AKIA${rng.chars(16)}`,
        active: rng.chance(0.85),
        lastRotated: isoDaysAgo(rng.range(1, 900), rng),
        lastUsed: used ? isoDaysAgo(rng.range(0, 400), rng) : null,
        lastUsedRegion: used ? rng.pick(REGIONS) : null,
        lastUsedService: used ? rng.pick(['s3', 'bedrock', 'sts', 'dynamodb', 'sagemaker', 'lambda']) : null,
      };
    });
    const passwordEnabled = human && rng.chance(0.9);
    return {
      detail,
      credentials: {
        passwordEnabled,
        passwordLastUsed: passwordEnabled && rng.chance(0.8) ? isoDaysAgo(rng.range(0, 300), rng) : null,
        passwordLastChanged: passwordEnabled ? isoDaysAgo(rng.range(0, 600), rng) : null,
        mfaActive: passwordEnabled && rng.chance(0.7),
        accessKeys,
      },
    };
  }

  group(i: number): GroupDetail {
    const rng = this.rng(KIND.group, i);
    const name = this.groupName(i);
    return {
      Path: '/',
      GroupName: name,
      GroupId: `AGPA${rng.chars(17)}`,
      Arn: this.arn(`group/${name}`),
      CreateDate: isoDaysAgo(rng.range(100, 3000), rng),
      GroupPolicyList: this.inline(rng, rng.chance(0.3) ? 1 : 0, name),
      AttachedManagedPolicies: this.attached(rng, rng.range(1, 4), 0.5),
    };
  }

  role(i: number): RoleDetail {
    const rng = this.rng(KIND.role, i);
    const kind = this.roleKind(i);
    const name = this.roleName(i);
    const arn = this.roleArn(i);
    const path = arn.slice(arn.indexOf(':role/') + ':role'.length, arn.length - name.length);
    const created = isoDaysAgo(rng.range(5, 2000), rng);
    const serviceLinked = kind === 'service-linked';
    const used = rng.chance(0.7);
    const role: RoleDetail = {
      Path: path,
      RoleName: name,
      RoleId: `AROA${rng.chars(17)}`,
      Arn: arn,
      CreateDate: created,
      AssumeRolePolicyDocument: this.trustDocument(i, rng),
      InstanceProfileList:
        kind === 'ec2'
          ? [{ Path: '/', InstanceProfileName: name, InstanceProfileId: `AIPA${rng.chars(17)}`, Arn: this.arn(`instance-profile/${name}`), CreateDate: created, Roles: [] }]
          : [],
      RolePolicyList: serviceLinked ? [] : this.inline(rng, rng.chance(0.45) ? rng.range(1, 3) : 0, name),
      // Service-linked roles carry AWS's own policy, left out here so every attached ARN is in the export.
      AttachedManagedPolicies: serviceLinked
        ? []
        : kind === 'lambda'
          ? [{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }, ...this.attached(rng, rng.range(0, 3), 0.3)]
          : this.attached(rng, rng.range(1, 4), 0.35),
      Tags: serviceLinked ? [] : this.tags(rng, 5),
      RoleLastUsed: used ? { LastUsedDate: isoDaysAgo(rng.range(0, 500), rng), Region: rng.pick(REGIONS) } : {},
    };
    if (!serviceLinked && rng.chance(0.05)) role.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: this.policyArn(rng.int(Math.max(1, this.policyCount))) };
    return role;
  }

  /** A customer managed policy with 1–4 versions (GetAccountAuthorizationDetails lists them all). */
  policy(i: number): ManagedPolicyDetail {
    const rng = this.rng(KIND.policy, i);
    const created = isoDaysAgo(rng.range(30, 2000), rng);
    // Most policies are never edited; some keep a history (IAM keeps up to 5 versions): 1.7 on average.
    const roll = rng.next();
    const versions = roll < 0.55 ? 1 : roll < 0.8 ? 2 : roll < 0.92 ? 3 : rng.range(4, 5);
    const defaultVersion = rng.chance(0.9) ? versions : rng.range(1, versions);
    const list: PolicyVersion[] = [];
    for (let v = versions; v >= 1; v -= 1) {
      list.push({ Document: this.permissionsDocument(rng), VersionId: `v${v}`, IsDefaultVersion: v === defaultVersion, CreateDate: isoDaysAgo(rng.range(1, 29) * v, rng) });
    }
    const arn = this.policyArn(i);
    const path = arn.slice(arn.indexOf(':policy/') + ':policy'.length, arn.length - this.policyName(i).length);
    const policy: ManagedPolicyDetail = {
      PolicyName: this.policyName(i),
      PolicyId: `ANPA${rng.chars(17)}`,
      Arn: arn,
      Path: path,
      DefaultVersionId: `v${defaultVersion}`,
      AttachmentCount: rng.range(0, 12),
      PermissionsBoundaryUsageCount: rng.chance(0.05) ? rng.range(1, 20) : 0,
      IsAttachable: true,
      CreateDate: created,
      UpdateDate: list[0]!.CreateDate,
      PolicyVersionList: list,
    };
    if (rng.chance(0.5)) policy.Description = `Access for ${this.policyName(i)} (${rng.pick(PURPOSES)}).`;
    return policy;
  }

  /** An AWS managed policy as the export lists it (the ones attached in the account; default version only). */
  awsManagedPolicy(i: number): ManagedPolicyDetail {
    const rng = this.rng(KIND.awsPolicy, i);
    const spec = AWS_MANAGED[i]!;
    const version = `v${rng.range(1, 12)}`;
    // AWS's own documents are long (ReadOnlyAccess lists hundreds of actions): pad with plausible read actions.
    const extra = Array.from({ length: rng.range(10, 400) }, (_, k) => `${AWS_SERVICE_PREFIXES[k % AWS_SERVICE_PREFIXES.length] ?? 'ec2'}:${rng.pick(['Describe', 'Get', 'List', 'BatchGet'])}${rng.pick(['Instances', 'Buckets', 'Functions', 'Policies', 'Tables', 'Keys', 'Endpoints', 'Models'])}*`);
    return {
      PolicyName: spec.name,
      PolicyId: `ANPA${rng.chars(17)}`,
      Arn: `arn:aws:iam::aws:policy${spec.path}${spec.name}`,
      Path: spec.path,
      DefaultVersionId: version,
      AttachmentCount: rng.range(1, 500),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: '2015-02-06T18:40:00Z',
      UpdateDate: isoDaysAgo(rng.range(10, 900), rng),
      PolicyVersionList: [
        { Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...spec.actions, ...extra], Resource: '*' }] }, VersionId: version, IsDefaultVersion: true, CreateDate: isoDaysAgo(rng.range(10, 900), rng) },
      ],
    };
  }

  /** Every element of GetAccountAuthorizationDetails, in the order AWS pages them: users, groups, roles, policies. */
  *authorizationDetailsElements(): Generator<
    | { list: 'UserDetailList'; value: UserDetail }
    | { list: 'GroupDetailList'; value: GroupDetail }
    | { list: 'RoleDetailList'; value: RoleDetail }
    | { list: 'Policies'; value: ManagedPolicyDetail }
  > {
    for (let i = 0; i < this.userCount; i += 1) yield { list: 'UserDetailList', value: this.user(i).detail };
    for (let i = 0; i < this.groupCount; i += 1) yield { list: 'GroupDetailList', value: this.group(i) };
    for (let i = 0; i < this.roleCount; i += 1) yield { list: 'RoleDetailList', value: this.role(i) };
    for (let i = 0; i < this.policyCount; i += 1) yield { list: 'Policies', value: this.policy(i) };
    for (let i = 0; i < this.awsPolicyCount; i += 1) yield { list: 'Policies', value: this.awsManagedPolicy(i) };
  }

  /** Items GetAccountAuthorizationDetails returns (all entity types). */
  get authorizationDetailsItemCount(): number {
    return this.userCount + this.groupCount + this.roleCount + this.policyCount + this.awsPolicyCount;
  }

  /** The credential report as AWS generates it (CSV, root row first). */
  credentialReportCsv(): string {
    const header =
      'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
      'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
      'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
      'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
    const stamp = (iso: string | null, missing = 'N/A'): string => (iso === null ? missing : iso.replace('Z', '+00:00'));
    const lines = [
      header,
      `<root_account>,arn:aws:iam::${this.accountId}:root,2015-01-01T00:00:00+00:00,not_supported,2025-11-02T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    ];
    for (let i = 0; i < this.userCount; i += 1) {
      const { detail, credentials: c } = this.user(i);
      const key = (k: number): string => {
        const found = c.accessKeys[k];
        if (found === undefined) return 'false,N/A,N/A,N/A,N/A';
        return `${String(found.active)},${stamp(found.lastRotated)},${stamp(found.lastUsed)},${found.lastUsedRegion ?? 'N/A'},${found.lastUsedService ?? 'N/A'}`;
      };
      lines.push(
        [
          detail.UserName,
          detail.Arn,
          stamp(detail.CreateDate),
          String(c.passwordEnabled),
          c.passwordEnabled ? stamp(c.passwordLastUsed, 'no_information') : 'N/A',
          stamp(c.passwordLastChanged),
          'N/A',
          String(c.mfaActive),
          key(0),
          key(1),
          'false,N/A,false,N/A',
        ].join(','),
      );
    }
    return `${lines.join('\n')}\n`;
  }

  /** Bedrock long-term API keys: one for every 100th user. */
  serviceSpecificCredentials(): { user: string; id: string; serviceUserName: string; created: string; status: 'Active' | 'Inactive' }[] {
    const out = [];
    for (let i = 7; i < this.userCount; i += 100) {
      const rng = this.rng(KIND.access, i);
      const user = this.userName(i);
      out.push({ user, id: `ACCA${rng.chars(17)}`, serviceUserName: `${user}-at-${this.accountId}`, created: isoDaysAgo(rng.range(1, 300), rng), status: rng.chance(0.8) ? ('Active' as const) : ('Inactive' as const) });
    }
    return out;
  }

  // ---- Workloads ----------------------------------------------------------------------------

  lambdaFunction(i: number): LambdaWorkload {
    const rng = this.rng(KIND.lambda, i);
    const name = `${TEAMS[i % TEAMS.length] ?? 'x'}-${PURPOSES[Math.floor(i / 12) % PURPOSES.length] ?? 'y'}-${ENVS[i % ENVS.length] ?? 'z'}-fn${i}`;
    const variables: Record<string, string> = {};
    for (const key of rng.sample(ENV_VAR_NAMES, rng.range(0, 6))) variables[key] = key.endsWith('KEY') || key.endsWith('TOKEN') || key.endsWith('PASSWORD') ? `secret-${rng.chars(24)}` : rng.pick(PURPOSES);
    const fn: LambdaFunction = {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`,
      Runtime: rng.pick(RUNTIMES),
      Role: this.roleArn(this.roleOfKind('lambda', i)),
      Handler: 'index.handler',
      CodeSize: rng.range(1_000, 50_000_000),
      Description: rng.chance(0.6) ? `${rng.pick(PURPOSES)} for ${rng.pick(TEAMS)}` : '',
      Timeout: rng.pick([3, 30, 60, 300, 900]),
      MemorySize: rng.pick([128, 256, 512, 1024, 3008]),
      LastModified: `${isoDaysAgo(rng.range(0, 700), rng).slice(0, 19)}.${String(rng.int(1000)).padStart(3, '0')}+0000`,
      CodeSha256: Buffer.from(rng.hex(64), 'hex').toString('base64'),
      Version: '$LATEST',
      PackageType: 'Zip',
      Architectures: [rng.pick(['x86_64', 'arm64'])],
    };
    if (Object.keys(variables).length > 0) fn.Environment = { Variables: variables };
    const tags: Record<string, string> = {};
    for (const tag of this.tags(rng, 4)) tags[tag.Key] = tag.Value;
    const urlRoll = rng.next();
    return { fn, tags, urlAuthType: urlRoll < 0.05 ? 'NONE' : urlRoll < 0.12 ? 'AWS_IAM' : null };
  }

  sageMakerEndpoint(i: number): SageMakerEndpoint {
    const rng = this.rng(KIND.endpoint, i);
    const name = `${TEAMS[i % TEAMS.length] ?? 'x'}-${PURPOSES[i % PURPOSES.length] ?? 'y'}-endpoint-${i}`;
    return {
      name,
      arn: `arn:aws:sagemaker:${this.region}:${this.accountId}:endpoint/${name}`,
      configName: `${name}-config`,
      configArn: `arn:aws:sagemaker:${this.region}:${this.accountId}:endpoint-config/${name}-config`,
      modelName: this.sageMakerModelName(i % Math.max(1, this.modelCount)),
      kmsKeyId: rng.chance(0.5) ? `arn:aws:kms:${this.region}:${this.accountId}:key/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}` : null,
      dataCapture: rng.chance(0.3),
      created: isoDaysAgo(rng.range(1, 500), rng),
      tags: this.tags(rng, 3),
    };
  }

  sageMakerModelName(i: number): string {
    return `${PURPOSES[i % PURPOSES.length] ?? 'x'}-model-${i}`;
  }

  sageMakerModel(i: number): SageMakerModel {
    const rng = this.rng(KIND.model, i);
    const name = this.sageMakerModelName(i);
    const vpc = rng.chance(0.4);
    return {
      name,
      arn: `arn:aws:sagemaker:${this.region}:${this.accountId}:model/${name}`,
      executionRoleArn: this.roleArn(this.roleOfKind('sagemaker', i)),
      networkIsolation: rng.chance(0.3),
      subnets: vpc ? [`subnet-${rng.hex(17)}`, `subnet-${rng.hex(17)}`] : [],
      securityGroups: vpc ? [`sg-${rng.hex(17)}`] : [],
      created: isoDaysAgo(rng.range(1, 500), rng),
      tags: this.tags(rng, 3),
    };
  }

  sageMakerNotebook(i: number): SageMakerNotebook {
    const rng = this.rng(KIND.notebook, i);
    const name = `${FIRST[i % FIRST.length] ?? 'x'}-notebook-${i}`;
    return {
      name,
      arn: `arn:aws:sagemaker:${this.region}:${this.accountId}:notebook-instance/${name}`,
      roleArn: this.roleArn(this.roleOfKind('sagemaker', i + 1000)),
      directInternetAccess: rng.chance(0.6) ? 'Enabled' : 'Disabled',
      rootAccess: rng.chance(0.7) ? 'Enabled' : 'Disabled',
      kmsKeyId: rng.chance(0.3) ? rng.hex(32) : null,
      subnetId: rng.chance(0.5) ? `subnet-${rng.hex(17)}` : null,
      created: isoDaysAgo(rng.range(1, 500), rng),
      tags: this.tags(rng, 3),
    };
  }

  knowledgeBaseId(i: number): string {
    return this.rng(KIND.kb, i).chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  }

  knowledgeBase(i: number): KnowledgeBase {
    const rng = this.rng(KIND.kb, i);
    const id = rng.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    return {
      id,
      name: `${TEAMS[i % TEAMS.length] ?? 'x'}-kb-${i}`,
      arn: `arn:aws:bedrock:${this.region}:${this.accountId}:knowledge-base/${id}`,
      roleArn: this.roleArn(this.roleOfKind('bedrock', i + 500)),
      embeddingModelArn: `arn:aws:bedrock:${this.region}::foundation-model/amazon.titan-embed-text-v2:0`,
      created: isoDaysAgo(rng.range(1, 300), rng),
      dataSources: Array.from({ length: rng.range(1, 3) }, (_, k) => ({ id: rng.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), name: `source-${k}` })),
    };
  }

  bedrockAgent(i: number): BedrockAgent {
    const rng = this.rng(KIND.agent, i);
    const id = rng.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    const name = `${TEAMS[i % TEAMS.length] ?? 'x'}-${PURPOSES[i % PURPOSES.length] ?? 'y'}-agent-${i}`;
    const aliases = Array.from({ length: rng.range(0, 2) }, (_, k) => ({ id: rng.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), name: k === 0 ? 'prod' : 'staging', version: String(rng.range(1, 5)) }));
    const guardrail = rng.chance(0.6) ? rng.pick(this.guardrails) : null;
    return {
      id,
      name,
      arn: `arn:aws:bedrock:${this.region}:${this.accountId}:agent/${id}`,
      roleArn: this.roleArn(this.roleOfKind('bedrock', i)),
      foundationModel: rng.pick(FOUNDATION_MODELS),
      guardrail: guardrail === null ? null : { identifier: guardrail.id, version: guardrail.version },
      created: isoDaysAgo(rng.range(1, 300), rng),
      updated: isoDaysAgo(rng.range(0, 30), rng),
      aliases,
      actionGroups: Array.from({ length: rng.range(1, 3) }, (_, g) => ({
        id: rng.chars(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
        name: `${rng.pick(['orders', 'tickets', 'refunds', 'search', 'crm', 'payments'])}-actions-${g}`,
        lambdaArn: this.lambdaFunction(rng.int(Math.max(1, this.lambdaCount))).fn.FunctionArn,
        functions: Array.from({ length: rng.range(1, 4) }, (_, f) => ({
          name: `${rng.pick(['get', 'create', 'update', 'delete', 'refund', 'escalate'])}_${rng.pick(['order', 'ticket', 'customer', 'invoice'])}_${f}`,
          description: 'Acts on behalf of the customer.',
          parameters: { id: { type: 'string', description: 'Identifier', required: true }, note: { type: 'string', description: 'Free text', required: false } },
          requireConfirmation: rng.chance(0.4) ? ('ENABLED' as const) : ('DISABLED' as const),
        })),
      })),
      knowledgeBaseIds: this.knowledgeBaseCount > 0 && rng.chance(0.5) ? [this.knowledgeBaseId(rng.int(this.knowledgeBaseCount))] : [],
    };
  }

  /** Workloads as the scan counts them (Lambda, SageMaker endpoints/models/notebooks, agents, knowledge bases). */
  get workloadCount(): number {
    return this.lambdaCount + this.endpointCount + this.modelCount + this.notebookCount + this.agentCount + this.knowledgeBaseCount;
  }
}
