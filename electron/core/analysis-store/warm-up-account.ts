/**
 * A small synthetic account the analysis worker analyses once, a moment after start-up, and throws
 * away (analysis-worker.ts, `warm`): V8 compiles a function when it first runs and optimises it once it
 * has run often, so the first analysis since the worker started ran ~0.1–0.3 s slower than the next
 * (bench/README.md, g) — and that first analysis is the one after an import into a freshly opened
 * app, which the screens wait for. Analysed here first, off that path, it is warm.
 *
 * It needs the variety of a real account more than its size (the demo company's 217 principals
 * warmed nothing measurable): users in groups with attached, inline and boundary policies; roles of
 * every kind the tiers and rules tell apart (Lambda, ECS, EC2 with instance profiles, SageMaker,
 * Bedrock, GitHub and EKS OIDC, cross-account with an external ID, SAML, service-linked); customer
 * managed policies with several versions of varied statements (actions, service wildcards, `*`,
 * `NotAction`, resource ARNs, conditions) and AWS managed ones. Built as an authorization-details export
 * and read by the import's own parser, so the facts have exactly the imported shape. Deterministic.
 */
import { emptyScanFacts, type ScanFacts } from '../discovery/facts';
import { parseAuthorizationDetailsObject } from '../discovery/import/authorization-details';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const CREATED = '2025-01-15T10:00:00Z';

/** Principals of the warm-up account: ~0.1 s of analysis per 100 on one core. */
export const WARM_UP_PRINCIPALS = 240;

const ACTIONS = [
  ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
  ['dynamodb:Query', 'dynamodb:PutItem'],
  ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode', 'lambda:CreateFunction'],
  ['iam:PassRole'],
  ['iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutUserPolicy'],
  ['sts:AssumeRole'],
  ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:CreateAgent'],
  ['sagemaker:CreateTrainingJob', 'sagemaker:CreateEndpoint', 'sagemaker:InvokeEndpoint'],
  ['ec2:RunInstances', 'ec2:DescribeInstances'],
  ['kms:Decrypt', 'secretsmanager:GetSecretValue', 'ssm:GetParameter'],
  ['cloudformation:CreateStack', 'glue:CreateJob', 'logs:CreateLogGroup'],
];
const WILDCARDS = ['s3:*', 'dynamodb:*', 'iam:*', 'bedrock:*', 'lambda:*', 'sagemaker:*', 'iam:Get*', 'ec2:Describe*'];
const CONDITIONS = [
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } },
  { StringEquals: { 'aws:ResourceTag/team': 'ml' } },
  { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } },
];
const AWS_MANAGED = [
  { name: 'AdministratorAccess', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  { name: 'ReadOnlyAccess', statements: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'iam:Get*', 'iam:List*', 'ec2:Describe*'], Resource: '*' }] },
  { name: 'AmazonS3FullAccess', statements: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
  { name: 'AmazonBedrockFullAccess', statements: [{ Effect: 'Allow', Action: ['bedrock:*'], Resource: '*' }, { Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } } }] },
  { name: 'service-role/AWSLambdaBasicExecutionRole', statements: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] },
  { name: 'PowerUserAccess', statements: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:ListRoles'], Resource: '*' }] },
];

const id = (prefix: string, n: number): string => `${prefix}${n.toString(36).toUpperCase().padStart(17, 'Q')}`;
const awsArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;
const policyArn = (n: number): string => `arn:aws:iam::${ACCOUNT}:policy/warm-up-policy-${n}`;
const doc = (statements: unknown[]): Record<string, unknown> => ({ Version: '2012-10-17', Statement: statements });

/** The `j`th statement of policy `n`: a different kind for each (n, j). */
function statement(n: number, j: number): Record<string, unknown> {
  const actions = ACTIONS[(n + j) % ACTIONS.length] as string[];
  const resource = `arn:aws:s3:::warm-up-bucket-${n % 7}/*`;
  switch ((n * 3 + j) % 7) {
    case 0:
      return { Sid: `S${j}`, Effect: 'Allow', Action: actions, Resource: '*' };
    case 1:
      return { Effect: 'Allow', Action: WILDCARDS[n % WILDCARDS.length], Resource: [resource, `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/t${n % 5}`] };
    case 2:
      return { Effect: 'Allow', Action: actions, Resource: '*', Condition: CONDITIONS[n % CONDITIONS.length] };
    case 3:
      return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    case 4:
      return { Effect: 'Deny', Action: actions, Resource: '*', Condition: CONDITIONS[(n + 1) % CONDITIONS.length] };
    case 5:
      return n % 11 === 0 ? { Effect: 'Allow', Action: '*', Resource: '*' } : { Effect: 'Allow', Action: ['iam:PassRole'], Resource: `arn:aws:iam::${ACCOUNT}:role/warm-up-role-*` };
    default:
      return { Effect: 'Allow', Action: actions, Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f${n % 9}` };
  }
}

function managedPolicy(n: number): Record<string, unknown> {
  const versions = 1 + (n % 3);
  return {
    PolicyName: `warm-up-policy-${n}`,
    PolicyId: id('ANPA', n),
    Arn: policyArn(n),
    Path: '/',
    DefaultVersionId: `v${versions}`,
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: CREATED,
    UpdateDate: CREATED,
    PolicyVersionList: Array.from({ length: versions }, (_, v) => ({
      Document: doc(Array.from({ length: 1 + ((n + v) % 4) }, (__, j) => statement(n + v, j))),
      VersionId: `v${v + 1}`,
      IsDefaultVersion: v === versions - 1,
      CreateDate: CREATED,
    })),
  };
}

function awsManagedPolicy(index: number): Record<string, unknown> {
  const policy = AWS_MANAGED[index] as (typeof AWS_MANAGED)[number];
  return {
    PolicyName: policy.name.split('/').pop(),
    PolicyId: id('ANPA', 90_000 + index),
    Arn: awsArn(policy.name),
    Path: policy.name.includes('/') ? '/service-role/' : '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: CREATED,
    UpdateDate: CREATED,
    PolicyVersionList: [{ Document: doc(policy.statements), VersionId: 'v1', IsDefaultVersion: true, CreateDate: CREATED }],
  };
}

/** The trust policy of role `n`, and the path it lives under: one kind after another. */
function trust(n: number): { path: string; document: Record<string, unknown>; profile: boolean } {
  const service = (name: string): Record<string, unknown> => doc([{ Effect: 'Allow', Principal: { Service: name }, Action: 'sts:AssumeRole' }]);
  switch (n % 10) {
    case 0:
      return { path: '/', document: service('lambda.amazonaws.com'), profile: false };
    case 1:
      return { path: '/', document: service('ecs-tasks.amazonaws.com'), profile: false };
    case 2:
      return { path: '/', document: service('ec2.amazonaws.com'), profile: true };
    case 3:
      return { path: '/service-role/', document: service('sagemaker.amazonaws.com'), profile: false };
    case 4:
      return { path: '/service-role/', document: service('bedrock.amazonaws.com'), profile: false };
    case 5: {
      const condition = n % 20 === 5 ? { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } : { StringLike: { 'token.actions.githubusercontent.com:sub': `repo:example/app-${n}:ref:refs/heads/main` } };
      return {
        path: '/ci/',
        document: doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }]),
        profile: false,
      };
    }
    case 6: {
      const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF';
      return {
        path: '/',
        document: doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:ml:sa-${n}` } } }]),
        profile: false,
      };
    }
    case 7: {
      const condition = n % 20 === 7 ? {} : { Condition: { StringEquals: { 'sts:ExternalId': `ext-${n}` } } };
      return { path: '/', document: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole', ...condition }]), profile: false };
    }
    case 8:
      return {
        path: '/',
        document: doc([{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp` }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }]),
        profile: false,
      };
    default:
      return { path: '/aws-service-role/ecs.amazonaws.com/', document: service('ecs.amazonaws.com'), profile: false };
  }
}

const tags = (n: number): { Key: string; Value: string }[] =>
  n % 3 === 0 ? [] : [{ Key: 'owner', Value: `team-${n % 6}@example.com` }, ...(n % 4 === 0 ? [{ Key: 'purpose', Value: 'ai-agent' }] : [])];

/** Attached policies of principal `n`: customer managed, sometimes an AWS managed one too. */
function attached(n: number, policies: number): { PolicyName: string; PolicyArn: string }[] {
  const own = [n % policies, (n * 7 + 3) % policies].map((p) => ({ PolicyName: `warm-up-policy-${p}`, PolicyArn: policyArn(p) }));
  if (n % 5 !== 0) return own.slice(0, 1 + (n % 2));
  const aws = AWS_MANAGED[n % AWS_MANAGED.length] as (typeof AWS_MANAGED)[number];
  return [...own.slice(0, 1), { PolicyName: aws.name.split('/').pop() ?? aws.name, PolicyArn: awsArn(aws.name) }];
}

/** The authorization-details export of the warm-up account (the AWS CLI's shape). */
export function warmUpExport(principals: number = WARM_UP_PRINCIPALS): Record<string, unknown> {
  const userCount = Math.round(principals * 0.3);
  const roleCount = principals - userCount;
  const policies = Math.max(4, Math.round(principals / 2));
  const groups = Math.max(2, Math.round(principals / 20));
  const boundary = (n: number): Record<string, unknown> =>
    n % 6 === 1 ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: policyArn((n * 5) % policies) } } : {};
  const inline = (n: number): { PolicyName: string; PolicyDocument: Record<string, unknown> }[] =>
    n % 3 === 2 ? [{ PolicyName: `inline-${n}`, PolicyDocument: doc([statement(n + 1000, 0), statement(n + 1000, 1)]) }] : [];
  return {
    UserDetailList: Array.from({ length: userCount }, (_, n) => ({
      Path: n % 2 === 0 ? '/humans/' : '/service/',
      UserName: `warm-up-user-${n}`,
      UserId: id('AIDA', n),
      Arn: `arn:aws:iam::${ACCOUNT}:user/${n % 2 === 0 ? 'humans' : 'service'}/warm-up-user-${n}`,
      CreateDate: CREATED,
      GroupList: [`warm-up-group-${n % groups}`, ...(n % 4 === 0 ? [`warm-up-group-${(n + 1) % groups}`] : [])],
      AttachedManagedPolicies: n % 3 === 0 ? [] : attached(n, policies),
      UserPolicyList: inline(n),
      Tags: tags(n),
      ...boundary(n),
    })),
    GroupDetailList: Array.from({ length: groups }, (_, n) => ({
      Path: '/',
      GroupName: `warm-up-group-${n}`,
      GroupId: id('AGPA', n),
      Arn: `arn:aws:iam::${ACCOUNT}:group/warm-up-group-${n}`,
      CreateDate: CREATED,
      GroupPolicyList: inline(n + 1),
      AttachedManagedPolicies: attached(n + 2, policies),
    })),
    RoleDetailList: Array.from({ length: roleCount }, (_, n) => {
      const kind = trust(n);
      const name = `warm-up-role-${n}`;
      const arn = `arn:aws:iam::${ACCOUNT}:role${kind.path}${name}`;
      return {
        Path: kind.path,
        RoleName: name,
        RoleId: id('AROA', n),
        Arn: arn,
        CreateDate: CREATED,
        AssumeRolePolicyDocument: kind.document,
        InstanceProfileList: kind.profile
          ? [{ Path: '/', InstanceProfileName: name, InstanceProfileId: id('AIPA', n), Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`, CreateDate: CREATED, Roles: [] }]
          : [],
        RolePolicyList: inline(n),
        AttachedManagedPolicies: attached(n, policies),
        Tags: tags(n),
        RoleLastUsed: n % 4 === 3 ? {} : { LastUsedDate: `2026-0${1 + (n % 9)}-1${n % 10}T08:00:00Z`, Region: 'eu-west-1' },
        ...boundary(n),
      };
    }),
    Policies: [...Array.from({ length: policies }, (_, n) => managedPolicy(n)), ...AWS_MANAGED.map((_, index) => awsManagedPolicy(index))],
  };
}

/** The warm-up account's facts, as an import of its export makes them. */
export function warmUpFacts(principals: number = WARM_UP_PRINCIPALS): ScanFacts {
  const imported = parseAuthorizationDetailsObject(warmUpExport(principals));
  const facts = emptyScanFacts({ collectedAt: CREATED, account: { id: imported.accountId, alias: null, partition: imported.partition, source: 'import' } });
  facts.iam = imported.iam;
  return facts;
}
