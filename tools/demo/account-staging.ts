/**
 * Quillmere Staging (111100002222): a smaller copy of production for release testing, with synthetic
 * data, the staging Care Concierge and a ticket-triage experiment that calls Anthropic directly.
 */
import type { AccountModel, LambdaModel, RoleModel, UserModel } from './demo-model';
import {
  ACCOUNT_IDS,
  FOUNDATION_MODELS,
  foundationModelArn,
  lambdaRole,
  organizationModel,
  owned,
  samlProviderName,
  scannerRole,
  serviceLinkedRole,
  serviceRole,
  ssoRole,
} from './demo-common';
import { allow, policy, trustAccount, trustBedrock, trustGithubActions } from './demo-policies';

const A = ACCOUNT_IDS.staging;
const R1 = 'us-east-1';
const R2 = 'us-west-2';
const bucket = (name: string): string[] => [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`];
const table = (name: string): string => `arn:aws:dynamodb:${R1}:${A}:table/${name}`;

const aiRoles: RoleModel[] = [
  {
    name: 'AmazonBedrockExecutionRoleForAgents_CareConciergeStaging',
    path: '/service-role/',
    description: 'Service role of the staging Care Concierge agent.',
    created: 300,
    used: 0.3,
    trust: trustBedrock(A, R1, 'agent'),
    inline: {
      'care-concierge-agent': policy(
        allow(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], foundationModelArn(R1, FOUNDATION_MODELS.claudeSonnet)),
        allow('bedrock:Retrieve', `arn:aws:bedrock:${R1}:${A}:knowledge-base/*`),
        allow(['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'], `arn:aws:bedrock:${R1}:${A}:guardrail/*`),
        allow(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], table('customer-support-tickets-staging')),
      ),
    },
    tags: owned('support-platform', { app: 'care-concierge', environment: 'staging' }),
    ai: true,
    tier: { tier: 1, why: 'writes DynamoDB items on customer-support-tickets-staging (name marks customer data, even with synthetic rows)' },
  },
  {
    name: 'AmazonBedrockExecutionRoleForKnowledgeBase_ClinicHelpStaging',
    path: '/service-role/',
    description: 'Knowledge base over synthetic transcripts (staging).',
    created: 295,
    used: 1,
    trust: trustBedrock(A, R1, 'knowledge-base'),
    inline: {
      'kb-s3-read': policy(
        allow(['s3:GetObject', 's3:ListBucket'], bucket('quillmere-staging-synthetic-transcripts')),
        allow('bedrock:InvokeModel', foundationModelArn(R1, FOUNDATION_MODELS.titanEmbedV2)),
        allow('aoss:APIAccessAll', `arn:aws:aoss:${R1}:${A}:collection/clinic-help-kb-staging`),
      ),
    },
    tags: owned('support-platform', { app: 'care-concierge', environment: 'staging', 'data-class': 'synthetic' }),
    ai: true,
    tier: { tier: 2, why: 'reads S3 objects (a data store) of a bucket of synthetic transcripts; nothing marked sensitive' },
  },
  lambdaRole('care-concierge-billing-actions-staging', {
    path: '/app/',
    description: 'Staging billing action group (payment processor sandbox).',
    created: 290,
    used: 0.4,
    inline: {
      'billing-actions': policy(
        allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${R1}:${A}:secret:staging/billing/payment-processor-sandbox-*`),
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [table('payments-ledger-staging'), table('subscriptions-staging')]),
      ),
    },
    tags: owned('support-platform', { app: 'care-concierge', environment: 'staging' }),
    ai: true,
  }),
  lambdaRole('ticket-triage-role', {
    path: '/app/',
    description: 'Ticket triage experiment (Anthropic API).',
    created: 120,
    used: 0.2,
    inline: { triage: policy(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:${R1}:${A}:ticket-triage`), allow(['dynamodb:UpdateItem'], table('customer-support-tickets-staging'))) },
    tags: owned('support-platform', { app: 'ticket-triage', environment: 'staging' }),
    ai: true,
  }),
  serviceRole('sagemaker-claims-summarizer-exec-staging', 'sagemaker.amazonaws.com', {
    path: '/service-role/',
    description: 'Execution role of the claims-summarizer model (staging).',
    created: 390,
    used: 0.5,
    inline: {
      'model-artifacts': policy(
        allow('s3:GetObject', 'arn:aws:s3:::quillmere-staging-ml-models/claims-summarizer/*'),
        allow(['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']),
        allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'cloudwatch:PutMetricData']),
      ),
    },
    tags: owned('ml-platform', { environment: 'staging' }),
    ai: true,
  }),
];

const platformRoles: RoleModel[] = [
  {
    name: 'OrganizationAccountAccessRole',
    path: '/',
    description: null,
    created: 1150,
    used: 12,
    trust: trustAccount(ACCOUNT_IDS.production),
    managed: ['AdministratorAccess'],
    maxSessionHours: 1,
    fires: [{ rule: 'policy_full_admin', why: 'the organisation\'s admin role in a member account: AdministratorAccess' }],
    traps: [
      { rule: 'trust_cross_account_no_external_id', why: 'trusts the production (management) account: a known account of the workspace, no external id needed' },
    ],
  },
  {
    name: 'github-actions-deploy-staging',
    path: '/ci/',
    description: 'GitHub Actions: deploys any branch of care-platform to staging.',
    created: 590,
    used: 0.1,
    trust: trustGithubActions(A, { operator: 'StringLike', value: 'repo:quillmere/care-platform:*' }),
    inline: {
      deploy: policy(
        allow(['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage']),
        allow(['ecs:UpdateService', 'ecs:DescribeServices', 'ecs:RegisterTaskDefinition']),
        allow(['lambda:UpdateFunctionCode'], `arn:aws:lambda:${R1}:${A}:function:*`),
      ),
    },
    tags: owned('platform', { repo: 'quillmere/care-platform' }),
    traps: [{ rule: 'oidc_trust_without_sub', why: 'sub pinned to the repository with StringLike repo:quillmere/care-platform:* (a wildcard within one repo, not "*")' }],
  },
  serviceRole('load-test-runner', 'ecs-tasks.amazonaws.com', {
    path: '/app/',
    description: 'Runs the nightly load test against staging.',
    created: 400,
    used: 0.6,
    inline: { 'load-test': policy(allow('dynamodb:*', [table('appointments-staging'), table('patient-profiles-staging')]), allow('cloudwatch:PutMetricData')) },
    tags: owned('qa'),
    fires: [{ rule: 'policy_service_wildcard', why: 'dynamodb:* (write actions) on two staging tables' }],
  }),
  serviceRole('qa-perf-baseline-2024', 'ecs-tasks.amazonaws.com', {
    path: '/app/',
    description: 'Performance baseline of 2024 (not run since).',
    created: 400,
    used: 130,
    inline: { baseline: policy(allow(['s3:PutObject'], 'arn:aws:s3:::quillmere-staging-perf-results/*')) },
    tags: owned('qa'),
    fires: [{ rule: 'identity_unused', why: 'last used 130 days ago' }],
  }),
  scannerRole(A, 60, 0.01, {
    traps: [{ rule: 'trust_cross_account_no_external_id', why: 'trusts the production account (known) through aws:PrincipalArn' }],
  }),
];

/** Task roles: name, team, description, the table it works on. */
const appRoleNames: [string, string, string, string][] = [
  ['ecs-task-patient-portal-api-staging', 'patient-portal', 'Task role of the patient portal API (staging).', 'patient-profiles-staging'],
  ['ecs-task-appointments-api-staging', 'scheduling', 'Task role of the appointments API (staging).', 'appointments-staging'],
  ['ecs-task-notifications-worker-staging', 'patient-portal', 'Task role of the notifications worker (staging).', 'notifications-staging'],
  ['ecs-task-billing-service-staging', 'billing', 'Task role of the billing service (staging).', 'payments-ledger-staging'],
];

const appRoles: RoleModel[] = [
  ...appRoleNames.map(([name, team, description, tableName]) =>
    serviceRole(name, 'ecs-tasks.amazonaws.com', {
      path: '/app/',
      description,
      created: 1000,
      used: 0.05,
      inline: { app: policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'], table(tableName)), allow(['sqs:SendMessage', 'sns:Publish'])) },
      tags: owned(team, { environment: 'staging' }),
    }),
  ),
  serviceRole('ecsTaskExecutionRole', 'ecs-tasks.amazonaws.com', {
    path: '/',
    description: 'Pulls images and injects secrets for every ECS task.',
    created: 1100,
    used: 0.05,
    managed: ['AmazonECSTaskExecutionRolePolicy'],
    tags: owned('platform'),
  }),
  lambdaRole('lambda-appointment-reminders-staging', { path: '/app/', description: 'Reminders (staging, sends to a sink).', created: 900, used: 0.5, tags: owned('scheduling') }),
  lambdaRole('lambda-image-thumbnailer-staging', {
    path: '/app/',
    description: 'Thumbnails (staging).',
    created: 900,
    used: 1,
    inline: { thumbs: policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::quillmere-staging-portal-uploads/*')) },
    tags: owned('patient-portal'),
  }),
  lambdaRole('qa-fixtures-loader', {
    path: '/qa/',
    description: 'Loads synthetic fixtures before each release test.',
    created: 700,
    used: 2,
    inline: { fixtures: policy(allow(['dynamodb:BatchWriteItem', 'dynamodb:PutItem'], `arn:aws:dynamodb:${R1}:${A}:table/*-staging`), allow('s3:GetObject', 'arn:aws:s3:::quillmere-staging-fixtures/*')) },
    tags: owned('qa'),
  }),
  serviceRole('codebuild-care-platform-staging', 'codebuild.amazonaws.com', {
    path: '/service-role/',
    description: 'CodeBuild project care-platform-staging.',
    created: 1000,
    used: 0.2,
    inline: { build: policy(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::quillmere-staging-build-artifacts/*')) },
    tags: owned('platform'),
  }),
  serviceRole('rds-monitoring-role', 'monitoring.rds.amazonaws.com', { path: '/', description: 'RDS enhanced monitoring.', created: 1000, used: 0.05, managed: ['AmazonRDSEnhancedMonitoringRole'], tags: owned('platform') }),
  serviceRole('apigateway-cloudwatch-logs', 'apigateway.amazonaws.com', { path: '/', description: 'API Gateway logging.', created: 1000, used: 0.1, managed: ['AmazonAPIGatewayPushToCloudWatchLogs'], tags: owned('platform') }),
  serviceRole('ec2-staging-bastion-ssm', 'ec2.amazonaws.com', {
    path: '/platform/',
    description: 'SSM-only bastion (staging).',
    created: 950,
    used: 0.3,
    managed: ['AmazonSSMManagedInstanceCore'],
    instanceProfile: 'ec2-staging-bastion-ssm',
    tags: owned('platform'),
  }),
];

/** Everyday roles that make the inventory look like a real account: name, service, team, description, created, last used, permissions. */
const everydayRoles: RoleModel[] = (
  [
    ['lambda-hl7-ingest-staging', 'lambda.amazonaws.com', 'integrations', 'HL7 ingest (staging).', 860, 0.5, policy(allow('s3:GetObject', 'arn:aws:s3:::quillmere-staging-hl7-inbound/*'), allow('dynamodb:PutItem', table('patient-encounters-staging')))],
    ['lambda-audit-log-shipper-staging', 'lambda.amazonaws.com', 'security', 'Ships logs to the SIEM (staging).', 750, 0.02, policy(allow(['logs:DescribeLogGroups', 'logs:FilterLogEvents']), allow('firehose:PutRecordBatch', `arn:aws:firehose:${R1}:${A}:deliverystream/siem-staging`))],
    ['lambda-status-page-ping-staging', 'lambda.amazonaws.com', 'platform', 'Health check (staging).', 430, 0.01, policy(allow('cloudwatch:PutMetricData'))],
    ['lambda-db-snapshot-pruner-staging', 'lambda.amazonaws.com', 'platform', 'Prunes manual RDS snapshots (staging).', 600, 1, policy(allow(['rds:DescribeDBSnapshots', 'rds:DeleteDBSnapshot']))],
    ['lambda-feature-flag-sync', 'lambda.amazonaws.com', 'platform', 'Copies feature flags from production config.', 350, 0.3, policy(allow(['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession']))],
    ['lambda-synthetic-data-generator', 'lambda.amazonaws.com', 'qa', 'Generates synthetic patients and tickets with Bedrock for release tests.', 210, 2, policy(allow('bedrock:InvokeModel', foundationModelArn(R1, FOUNDATION_MODELS.claudeHaiku)), allow('s3:PutObject', 'arn:aws:s3:::quillmere-staging-fixtures/*'))],
    ['stepfunctions-claims-batch-staging', 'states.amazonaws.com', 'integrations', 'Claims batch orchestration (staging).', 550, 1, policy(allow('lambda:InvokeFunction', `arn:aws:lambda:${R1}:${A}:function:*-staging`))],
    ['eventbridge-scheduler-staging', 'scheduler.amazonaws.com', 'platform', 'Triggers nightly staging jobs.', 550, 0.9, policy(allow('lambda:InvokeFunction', `arn:aws:lambda:${R1}:${A}:function:*`))],
    ['firehose-clickstream-staging', 'firehose.amazonaws.com', 'data-engineering', 'Clickstream delivery (staging).', 880, 0.1, policy(allow(['s3:PutObject', 's3:GetBucketLocation'], bucket('quillmere-staging-analytics-raw')))],
    ['vpc-flow-logs-delivery', 'vpc-flow-logs.amazonaws.com', 'security', 'VPC flow logs to CloudWatch Logs.', 1000, 0.01, policy(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']))],
    ['codepipeline-care-platform-staging', 'codepipeline.amazonaws.com', 'platform', 'CodePipeline care-platform-staging.', 1000, 0.2, policy(allow(['codebuild:StartBuild', 'codebuild:BatchGetBuilds']), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::quillmere-staging-build-artifacts/*'))],
    ['ecs-task-analytics-ingest-staging', 'ecs-tasks.amazonaws.com', 'data-engineering', 'Clickstream ingest (staging).', 880, 0.05, policy(allow(['firehose:PutRecord', 'firehose:PutRecordBatch'], `arn:aws:firehose:${R1}:${A}:deliverystream/clickstream-staging`))],
    ['ecs-task-e2e-browser-runner', 'ecs-tasks.amazonaws.com', 'qa', 'Headless browser end-to-end tests.', 420, 0.4, policy(allow('s3:PutObject', 'arn:aws:s3:::quillmere-staging-e2e-artifacts/*'))],
    ['ecs-task-mock-payment-gateway', 'ecs-tasks.amazonaws.com', 'billing', 'Mock of the payment processor for staging.', 600, 0.05, policy(allow(['dynamodb:GetItem', 'dynamodb:PutItem'], table('mock-gateway-staging')))],
    ['glue-staging-catalog-crawler', 'glue.amazonaws.com', 'data-engineering', 'Crawls the staging analytics bucket.', 700, 1, policy(allow(['glue:CreateTable', 'glue:UpdateTable', 'glue:GetTable', 'glue:GetDatabase']), allow(['s3:GetObject', 's3:ListBucket'], bucket('quillmere-staging-analytics-raw')))],
    ['cloudtrail-cloudwatch-delivery', 'cloudtrail.amazonaws.com', 'security', 'CloudTrail to CloudWatch Logs (staging).', 1000, 0.01, policy(allow(['logs:CreateLogStream', 'logs:PutLogEvents']))],
  ] as const
).map(([name, service, team, description, created, used, permissions]) =>
  serviceRole(name, service, {
    path: service === 'lambda.amazonaws.com' ? '/service-role/' : '/app/',
    description,
    created,
    used,
    inline: { [`${name}-policy`]: permissions },
    ...(service === 'lambda.amazonaws.com' ? { managed: ['AWSLambdaBasicExecutionRole'] } : {}),
    tags: owned(team, { environment: 'staging' }),
  }),
);

const accessRoles: RoleModel[] = [
  ssoRole(A, 'AdministratorAccess', { managed: ['AdministratorAccess'], created: 1100, used: 2, maxSessionHours: 4, fires: [{ rule: 'policy_full_admin', why: 'Identity Center admin permission set' }] }),
  ssoRole(A, 'PowerUserAccess', { managed: ['PowerUserAccess'], created: 1100, used: 0.2 }),
  ssoRole(A, 'ReadOnlyAccess', { managed: ['ReadOnlyAccess'], created: 1100, used: 3 }),
  ssoRole(A, 'SecurityAudit', { managed: ['SecurityAudit'], created: 1000, used: 0.05 }),
];

const serviceLinkedRoles: RoleModel[] = [
  serviceLinkedRole('support', 1150, null),
  serviceLinkedRole('trustedAdvisor', 1150, 2),
  serviceLinkedRole('sso', 1100, 1),
  serviceLinkedRole('apiGateway', 1000, 1),
  serviceLinkedRole('autoScaling', 1000, 0.5),
  serviceLinkedRole('elb', 1000, 0.5),
  serviceLinkedRole('rds', 1000, 1),
  serviceLinkedRole('ecs', 1000, 0.05),
  serviceLinkedRole('guardDuty', 1000, 0.01),
  serviceLinkedRole('securityHub', 990, 0.02),
  serviceLinkedRole('config', 1000, 0.01),
];

const users: UserModel[] = [
  {
    name: 'ci-staging-deployer',
    path: '/ci/',
    created: 800,
    inline: { deploy: policy(allow(['ecs:UpdateService', 'ecs:DescribeServices']), allow('s3:PutObject', 'arn:aws:s3:::quillmere-staging-web-portal/*')) },
    keys: [{ active: true, rotated: 45, used: 0.5, service: 'ecs' }],
    tags: owned('platform'),
    fires: [{ rule: 'static_access_key', resource: 'access key 1', why: 'CI user on a long-lived key' }],
  },
  {
    name: 'staging-smoke-tests',
    path: '/ci/',
    created: 500,
    inline: { smoke: policy(allow(['lambda:InvokeFunction'], `arn:aws:lambda:${R1}:${A}:function:*`), allow('execute-api:Invoke')) },
    keys: [{ active: true, rotated: 88, used: 0.1, service: 'lambda' }],
    tags: owned('qa'),
    fires: [{ rule: 'static_access_key', resource: 'access key 1', why: 'test runner on a long-lived key' }],
    traps: [{ rule: 'access_key_not_rotated', why: 'key 88 days old: two days under the 90-day threshold' }],
  },
  {
    name: 'qa-automation',
    path: '/ci/',
    created: 300,
    inline: { qa: policy(allow(['dynamodb:Scan', 'dynamodb:Query'], `arn:aws:dynamodb:${R1}:${A}:table/*-staging`)) },
    keys: [{ active: true, rotated: 20, used: 0.2, service: 'dynamodb' }],
    tags: owned('qa'),
    fires: [{ rule: 'static_access_key', resource: 'access key 1', why: 'QA runner on a long-lived key' }],
  },
  {
    name: 'contractor-etl-2024',
    path: '/vendors/',
    created: 420,
    inline: { etl: policy(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::quillmere-staging-etl-scratch/*')) },
    keys: [{ active: true, rotated: 410, used: 200, service: 's3' }],
    tags: owned('data-engineering', { vendor: 'contractor' }),
    onlyPrevious: true,
    fires: [
      { rule: 'static_access_key', resource: 'access key 1', why: 'the user was deleted 3 days ago', change: 'resolved' },
      { rule: 'access_key_not_rotated', resource: 'access key 1', why: 'the user was deleted 3 days ago', change: 'resolved' },
      { rule: 'access_key_unused', resource: 'access key 1', why: 'the user was deleted 3 days ago', change: 'resolved' },
    ],
  },
  {
    name: 'sentry-sourcemaps-upload',
    path: '/ci/',
    created: 260,
    inline: { upload: policy(allow('s3:PutObject', 'arn:aws:s3:::quillmere-staging-sourcemaps/*')) },
    keys: [{ active: true, rotated: 15, used: 1, service: 's3' }],
    tags: owned('web'),
    fires: [{ rule: 'static_access_key', resource: 'access key 1', why: 'CI upload on a long-lived key' }],
  },
  {
    name: 'amara.lindgren',
    path: '/humans/',
    created: 400,
    console: { used: 9, changed: 120, mfa: true },
    managed: ['ReadOnlyAccess'],
    tags: { owner: 'amara.lindgren@quillmere.example', team: 'qa' },
  },
  {
    name: 'qa-contractor-tmp',
    path: '/vendors/',
    created: 75,
    console: { used: 40, changed: 75, mfa: false },
    managed: ['ReadOnlyAccess'],
    tags: owned('qa', { vendor: 'test-partner', contract: 'release-testing' }),
  },
  {
    name: 'jordan.mbeki',
    path: '/humans/',
    created: 600,
    console: { used: 2, changed: 100, mfa: true },
    managed: ['ReadOnlyAccess'],
    tags: { owner: 'jordan.mbeki@quillmere.example', team: 'qa' },
  },
];

const lambdas: LambdaModel[] = [
  {
    name: 'care-concierge-billing-staging',
    runtime: 'python3.12',
    role: 'care-concierge-billing-actions-staging',
    env: ['PAYMENTS_SECRET_ARN', 'LEDGER_TABLE', 'SUBSCRIPTIONS_TABLE', 'POWERTOOLS_SERVICE_NAME'],
    tags: owned('support-platform', { app: 'care-concierge', environment: 'staging' }),
    created: 290,
    modified: 6,
    description: 'Care Concierge action group (staging).',
  },
  {
    name: 'ticket-triage',
    runtime: 'python3.12',
    role: 'ticket-triage-role',
    env: ['ANTHROPIC_API_KEY', 'ANTHROPIC_MODEL', 'TRIAGE_QUEUE_URL'],
    tags: owned('support-platform', { app: 'ticket-triage', environment: 'staging' }),
    created: 120,
    modified: 4,
    description: 'Classifies incoming tickets.',
    previous: { env: ['TRIAGE_QUEUE_URL', 'RULES_VERSION'], modified: 50 },
    fires: [{ rule: 'third_party_ai_key_in_env', why: 'ANTHROPIC_API_KEY added 4 days ago (the previous scan did not have it)', change: 'new' }],
  },
  { name: 'appointment-reminders-staging', runtime: 'nodejs20.x', role: 'lambda-appointment-reminders-staging', env: ['FROM_ADDRESS', 'SINK_MODE'], tags: owned('scheduling'), created: 900, modified: 60, description: 'Reminders (staging).' },
  { name: 'image-thumbnailer-staging', runtime: 'nodejs20.x', role: 'lambda-image-thumbnailer-staging', env: ['THUMBNAIL_WIDTH'], tags: owned('patient-portal'), created: 900, modified: 300, description: 'Thumbnails (staging).' },
  { name: 'qa-fixtures-loader', runtime: 'python3.12', role: 'qa-fixtures-loader', env: ['FIXTURES_BUCKET'], tags: owned('qa'), created: 700, modified: 20, description: 'Loads synthetic fixtures.' },
];

export const stagingAccount: AccountModel = {
  id: A,
  dir: 'staging',
  name: 'Quillmere Staging',
  alias: 'quillmere-staging',
  purpose: 'Release testing with synthetic data; staging copy of Care Concierge; the ticket-triage experiment.',
  regions: [R1, R2],
  primaryRegion: R1,
  scannerRole: 'AgentWardenReadOnly',
  samlProviderName: samlProviderName(A),
  root: {
    created: 1150,
    passwordUsed: 900,
    mfa: true,
    traps: [{ rule: 'root_access_key', why: 'root has MFA and no access key' }],
  },
  users,
  groups: [],
  roles: [...aiRoles, ...platformRoles, ...appRoles, ...everydayRoles, ...accessRoles, ...serviceLinkedRoles],
  policies: [],
  oidcProviders: [
    { url: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'], thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'], created: 590, tags: owned('platform') },
  ],
  samlProviders: [{ name: samlProviderName(A), created: 1100, validUntil: -2900 }],
  serviceCredentials: [],
  lastAccessed: [
    { principal: 'role/AmazonBedrockExecutionRoleForAgents_CareConciergeStaging', namespace: 'bedrock', serviceName: 'Amazon Bedrock', last: 0.3 },
    { principal: 'role/AmazonBedrockExecutionRoleForKnowledgeBase_ClinicHelpStaging', namespace: 'bedrock', serviceName: 'Amazon Bedrock', last: 1 },
    { principal: 'role/ticket-triage-role', namespace: 'bedrock', serviceName: 'Amazon Bedrock', last: null },
    { principal: 'role/github-actions-deploy-staging', namespace: 'bedrock', serviceName: 'Amazon Bedrock', last: null },
  ],
  lambdas,
  endpoints: [
    {
      name: 'claims-summarizer-staging',
      status: 'InService',
      created: 390,
      modified: 40,
      kms: true,
      dataCapture: false,
      tags: owned('ml-platform', { environment: 'staging' }),
      model: { name: 'claims-summarizer-v3-staging', role: 'sagemaker-claims-summarizer-exec-staging', networkIsolation: true, vpc: true, created: 40 },
    },
  ],
  notebooks: [],
  guardrails: [
    {
      name: 'care-concierge-guardrail-staging',
      version: '2',
      filters: [
        { type: 'SEXUAL', input: 'HIGH', output: 'HIGH' },
        { type: 'VIOLENCE', input: 'HIGH', output: 'HIGH' },
        { type: 'HATE', input: 'HIGH', output: 'HIGH' },
        { type: 'INSULTS', input: 'MEDIUM', output: 'MEDIUM' },
        { type: 'PROMPT_ATTACK', input: 'NONE', output: 'NONE' },
      ],
      topics: true,
      words: true,
      pii: true,
      grounding: false,
      kms: false,
      created: 290,
      updated: 60,
      fires: [{ rule: 'bedrock_guardrail_no_prompt_attack_filter', why: 'PROMPT_ATTACK filter present but at NONE strength (turned down for load tests and never restored)' }],
    },
  ],
  customModels: [],
  invocationLogging: [
    { region: R1, config: { logGroup: '/aws/bedrock/modelinvocations', bucket: null, text: true, image: false, embedding: false, video: false } },
    {
      region: R2,
      config: null,
      traps: [{ rule: 'bedrock_invocation_logging_disabled', why: 'logging off in us-west-2, but no agents, custom models or Bedrock use there' }],
    },
  ],
  agents: [
    {
      name: 'care-concierge-staging',
      role: 'AmazonBedrockExecutionRoleForAgents_CareConciergeStaging',
      foundationModel: FOUNDATION_MODELS.claudeSonnet,
      guardrail: { name: 'care-concierge-guardrail-staging', version: '2' },
      status: 'PREPARED',
      description: 'Staging copy of Care Concierge.',
      idleSessionTtlSeconds: 900,
      customerKey: false,
      created: 300,
      updated: 6,
      latestVersion: 5,
      actionGroups: [
        {
          name: 'billing-actions',
          state: 'ENABLED',
          executor: 'care-concierge-billing-staging',
          functions: [
            { name: 'issue_refund', description: 'Refunds part or all of an invoice.', requireConfirmation: 'DISABLED', parameters: ['invoice_id', 'amount', 'reason'] },
            { name: 'cancel_subscription', description: 'Cancels a subscription.', requireConfirmation: 'ENABLED', parameters: ['subscription_id', 'effective_date'] },
          ],
        },
      ],
      aliases: [
        { name: 'staging', versions: ['5'], created: 290, updated: 6 },
        { name: 'AgentTestAlias', versions: ['DRAFT'], created: 300, updated: 300 },
      ],
      // Version 5 was published for a load test with the guardrail detached; the draft got it back,
      // but no version was published since, so the staging alias still serves one without it.
      versionGuardrails: { '5': null },
      knowledgeBases: ['clinic-help-center-kb-staging'],
      tags: owned('support-platform', { app: 'care-concierge', environment: 'staging' }),
      fires: [
        {
          rule: 'bedrock_action_without_confirmation',
          resource: 'billing-actions → issue_refund',
          why: 'the staging copy of the refund function runs without confirmation too, and its role writes a customer table',
        },
        {
          rule: 'bedrock_agent_no_guardrail',
          why: 'the draft has care-concierge-guardrail-staging, but version 5, which the staging alias serves, was published without it',
        },
      ],
    },
  ],
  knowledgeBases: [
    {
      name: 'clinic-help-center-kb-staging',
      role: 'AmazonBedrockExecutionRoleForKnowledgeBase_ClinicHelpStaging',
      status: 'ACTIVE',
      storageType: 'OPENSEARCH_SERVERLESS',
      embeddingModel: foundationModelArn(R1, FOUNDATION_MODELS.titanEmbedV2),
      dataSources: [{ name: 'synthetic-transcripts', type: 'S3', bucket: 'quillmere-staging-synthetic-transcripts' }],
      created: 295,
      updated: 15,
      tags: owned('support-platform', { environment: 'staging' }),
    },
  ],
  trails: [
    {
      name: 'staging-management-events',
      homeRegion: R1,
      multiRegion: false,
      organizationTrail: false,
      logging: true,
      logFileValidation: true,
      includeGlobalServiceEvents: true,
      bucket: 'quillmere-staging-cloudtrail',
      kms: false,
      cloudWatchLogGroup: null,
      eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }],
      advancedEventSelectors: null,
    },
    {
      name: 'staging-s3-data-events',
      homeRegion: R1,
      multiRegion: true,
      organizationTrail: false,
      logging: true,
      logFileValidation: false,
      includeGlobalServiceEvents: false,
      bucket: 'quillmere-staging-cloudtrail',
      kms: false,
      cloudWatchLogGroup: null,
      eventSelectors: [{ readWriteType: 'WriteOnly', includeManagementEvents: false, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::quillmere-staging-portal-uploads/'] }] }],
      advancedEventSelectors: null,
    },
  ],
  organization: organizationModel(A),
  registry: [
    { principal: 'role/AmazonBedrockExecutionRoleForAgents_CareConciergeStaging', owner: 'support-platform@quillmere.example', purpose: 'Staging Care Concierge', dataScope: 'synthetic tickets', status: 'registered', lastReviewed: 25 },
    { principal: 'role/AmazonBedrockExecutionRoleForKnowledgeBase_ClinicHelpStaging', owner: 'support-platform@quillmere.example', purpose: 'Staging help-center KB', dataScope: 'synthetic transcripts', status: 'registered', lastReviewed: 25 },
    { principal: 'role/care-concierge-billing-actions-staging', owner: 'support-platform@quillmere.example', purpose: 'Staging billing actions', dataScope: 'staging ledger', status: 'registered', lastReviewed: 25 },
    { principal: 'role/ticket-triage-role', owner: 'support-platform@quillmere.example', purpose: 'Ticket triage experiment', dataScope: 'staging tickets', status: 'registered', lastReviewed: 50 },
    { principal: 'role/lambda-synthetic-data-generator', owner: 'qa@quillmere.example', purpose: 'Synthetic test data with Bedrock', dataScope: 'none (generates synthetic data)', status: 'registered', lastReviewed: 85 },
    { principal: 'role/sagemaker-claims-summarizer-exec-staging', owner: 'ml-platform@quillmere.example', purpose: 'Claims summarizer (staging)', dataScope: 'model artifacts', status: 'registered', lastReviewed: 50 },
  ],
  account: {
    fires: [
      {
        rule: 'cloudtrail_not_multi_region',
        why: 'staging-management-events is single-region; the multi-region staging-s3-data-events excludes management events',
      },
    ],
  },
};

