/**
 * Renders one demo account (the model in `demo-model.ts`) into the files the demo ships, for the
 * current scan or the previous one:
 *
 * - `authorization-details.json`: exactly what `aws iam get-account-authorization-details` prints;
 * - `credential-report.csv`: the IAM credential report with AWS's columns and missing-value words;
 * - `workloads.json`: the sections the offline import cannot read, in the facts' own shapes, plus the
 *   role descriptions and session limits a live scan reads with ListRoles;
 * - `registry.json` (current only): what the team has registered by hand.
 *
 * Every date is a `{{now-…}}` placeholder (see relative-dates.ts).
 */
import type { JsonObject, JsonValue, PolicyDocument, Tags } from '@core/discovery/facts';
import { AWS_MANAGED_POLICIES } from './aws-managed-policies';
import type {
  AccountModel,
  DaysAgo,
  GroupModel,
  KeyModel,
  ManagedPolicyModel,
  PrincipalRef,
  RoleModel,
  UserModel,
} from './demo-model';
import { bedrockId, guardrailId, hashChars, hashHex, hashUuid, iamUniqueId, jitterMinutes } from './demo-policies';
import { relativeDate } from '@core/demo/relative-dates';

export type DemoView = 'current' | 'previous';

/** How long before the current scan the previous one ran. */
export const PREVIOUS_SCAN_DAYS_AGO = 7;

export const CREDENTIAL_REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export interface RenderedAccount {
  authorizationDetails: JsonObject;
  credentialReport: string;
  workloads: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// The previous scan: presence, overrides, last-used dates
// ---------------------------------------------------------------------------------------------

/** The entity as it was in `view`, or null when it did not exist then. */
export function snapshot<T extends { created: DaysAgo; previous?: object; onlyPrevious?: boolean }>(entity: T, view: DemoView): T | null {
  if (view === 'current') return entity.onlyPrevious === true ? null : entity;
  const merged: T = { ...entity, ...(entity.previous ?? {}) };
  return merged.created >= PREVIOUS_SCAN_DAYS_AGO || entity.onlyPrevious === true ? merged : null;
}

/** Whether a plain entity (no history) existed in `view`. */
function existed(created: DaysAgo, view: DemoView): boolean {
  return view === 'current' || created >= PREVIOUS_SCAN_DAYS_AGO;
}

/**
 * A "last used" as the previous scan saw it: uses older than the previous scan stay; a recent use
 * moves back by the interval (the same habit a week earlier) unless that predates the entity, in
 * which case it had not been used yet.
 */
export function usedInView(used: DaysAgo | null, created: DaysAgo, view: DemoView): DaysAgo | null {
  if (view === 'current' || used === null || used >= PREVIOUS_SCAN_DAYS_AGO) return used;
  const shifted = used + PREVIOUS_SCAN_DAYS_AGO;
  return shifted <= created ? shifted : null;
}

/** A "last modified" as the previous scan saw it. */
function modifiedInView(modified: DaysAgo, created: DaysAgo, view: DemoView): DaysAgo {
  if (view === 'current' || modified >= PREVIOUS_SCAN_DAYS_AGO) return modified;
  return Math.min(created, modified + 21);
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/**
 * The placeholder of a moment `days` ago. Dates two days old or more get a few hours of jitter so
 * that times of day vary; the jitter depends only on the account and the day count, so the order
 * of events (a key created after its user) is kept, and it stays under a day so ages in whole days
 * are exact.
 */
function stamper(accountId: string): (days: DaysAgo) => string {
  return (days) => relativeDate(days >= 2 ? days + jitterMinutes(`${accountId}:${days}`) / 1440 : days);
}

// ---------------------------------------------------------------------------------------------
// IAM
// ---------------------------------------------------------------------------------------------

interface RenderContext {
  account: AccountModel;
  view: DemoView;
  at: (days: DaysAgo) => string;
  users: UserModel[];
  roles: RoleModel[];
  groups: GroupModel[];
  policies: ManagedPolicyModel[];
}

function context(account: AccountModel, view: DemoView): RenderContext {
  return {
    account,
    view,
    at: stamper(account.id),
    users: account.users.map((user) => snapshot(user, view)).filter((user): user is UserModel => user !== null),
    roles: account.roles.map((role) => snapshot(role, view)).filter((role): role is RoleModel => role !== null),
    groups: account.groups.filter((group) => existed(group.created, view)),
    policies: account.policies.filter((managed) => existed(managed.created, view)),
  };
}

function path(value: string | undefined): string {
  return value ?? '/';
}

export function roleArn(accountId: string, role: { name: string; path?: string }): string {
  return `arn:aws:iam::${accountId}:role${path(role.path)}${role.name}`;
}

export function userArn(accountId: string, user: { name: string; path?: string }): string {
  return `arn:aws:iam::${accountId}:user${path(user.path)}${user.name}`;
}

/** The ARN of a principal named `role/<name>` or `user/<name>` in the account model. */
export function principalArn(account: AccountModel, ref: PrincipalRef): string {
  const [kind, ...rest] = ref.split('/');
  const name = rest.join('/');
  if (kind === 'role') {
    const role = account.roles.find((candidate) => candidate.name === name);
    if (role === undefined) throw new Error(`${account.dir}: no role named ${name}`);
    return roleArn(account.id, role);
  }
  const user = account.users.find((candidate) => candidate.name === name);
  if (user === undefined) throw new Error(`${account.dir}: no user named ${name}`);
  return userArn(account.id, user);
}

/** ARNs of the demo's workloads, by name (the same formulas the rendering uses). */
export const demoArns = {
  lambda: (accountId: string, region: string, name: string): string => `arn:aws:lambda:${region}:${accountId}:function:${name}`,
  endpoint: (accountId: string, region: string, name: string): string => `arn:aws:sagemaker:${region}:${accountId}:endpoint/${name}`,
  notebook: (accountId: string, region: string, name: string): string => `arn:aws:sagemaker:${region}:${accountId}:notebook-instance/${name}`,
  guardrailId: (accountId: string, name: string): string => guardrailId(`${accountId}:guardrail:${name}`),
  guardrail: (accountId: string, region: string, name: string): string => `arn:aws:bedrock:${region}:${accountId}:guardrail/${guardrailId(`${accountId}:guardrail:${name}`)}`,
  agentId: (accountId: string, name: string): string => bedrockId(`${accountId}:agent:${name}`),
  agent: (accountId: string, region: string, name: string): string => `arn:aws:bedrock:${region}:${accountId}:agent/${bedrockId(`${accountId}:agent:${name}`)}`,
  knowledgeBaseId: (accountId: string, name: string): string => bedrockId(`${accountId}:kb:${name}`),
  knowledgeBase: (accountId: string, region: string, name: string): string => `arn:aws:bedrock:${region}:${accountId}:knowledge-base/${bedrockId(`${accountId}:kb:${name}`)}`,
  root: (accountId: string): string => `arn:aws:iam::${accountId}:root`,
} as const;

function lookupRole(account: AccountModel, name: string): RoleModel {
  const role = account.roles.find((candidate) => candidate.name === name);
  if (role === undefined) throw new Error(`${account.dir}: no role named ${name}`);
  return role;
}

function managedPolicyArn(account: AccountModel, name: string): string {
  const own = account.policies.find((candidate) => candidate.name === name);
  if (own !== undefined) return `arn:aws:iam::${account.id}:policy${path(own.path)}${own.name}`;
  const aws = AWS_MANAGED_POLICIES.find((candidate) => candidate.name === name);
  if (aws !== undefined) return `arn:aws:iam::aws:policy${aws.path}${aws.name}`;
  throw new Error(`${account.dir}: no managed policy named ${name}`);
}

function documentValue(document: PolicyDocument, encoded: boolean | undefined): JsonValue {
  return encoded === true ? encodeURIComponent(JSON.stringify(document)) : document;
}

function tagList(tags: Tags | undefined): JsonValue[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

function inlineList(inline: Record<string, PolicyDocument> | undefined, encoded: boolean | undefined): JsonValue[] {
  return Object.entries(inline ?? {}).map(([PolicyName, document]) => ({ PolicyName, PolicyDocument: documentValue(document, encoded) }));
}

function attachedList(account: AccountModel, managed: string[] | undefined): JsonValue[] {
  return (managed ?? []).map((name) => ({ PolicyName: name, PolicyArn: managedPolicyArn(account, name) }));
}

function boundaryOf(account: AccountModel, boundary: string | undefined): JsonObject {
  return boundary === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: managedPolicyArn(account, boundary) } };
}

function renderUser(ctx: RenderContext, user: UserModel): JsonObject {
  const { account, at } = ctx;
  const detail: JsonObject = {
    Path: path(user.path),
    UserName: user.name,
    UserId: iamUniqueId('AIDA', account.id, user.name),
    Arn: userArn(account.id, user),
    CreateDate: at(user.created),
  };
  if (user.inline !== undefined) detail['UserPolicyList'] = inlineList(user.inline, false);
  detail['GroupList'] = user.groups ?? [];
  detail['AttachedManagedPolicies'] = attachedList(account, user.managed);
  Object.assign(detail, boundaryOf(account, user.boundary));
  detail['Tags'] = tagList(user.tags);
  return detail;
}

function renderGroup(ctx: RenderContext, group: GroupModel): JsonObject {
  const { account, at } = ctx;
  return {
    Path: path(group.path),
    GroupName: group.name,
    GroupId: iamUniqueId('AGPA', account.id, group.name),
    Arn: `arn:aws:iam::${account.id}:group${path(group.path)}${group.name}`,
    CreateDate: at(group.created),
    GroupPolicyList: inlineList(group.inline, false),
    AttachedManagedPolicies: attachedList(account, group.managed),
  };
}

function renderRole(ctx: RenderContext, role: RoleModel): JsonObject {
  const { account, at, view } = ctx;
  const arn = roleArn(account.id, role);
  const core: JsonObject = {
    Path: path(role.path),
    RoleName: role.name,
    RoleId: iamUniqueId('AROA', account.id, role.name),
    Arn: arn,
    CreateDate: at(role.created),
    AssumeRolePolicyDocument: documentValue(role.trust, role.encoded),
  };
  const profiles: JsonValue[] =
    role.instanceProfile === undefined
      ? []
      : [
          {
            Path: '/',
            InstanceProfileName: role.instanceProfile,
            InstanceProfileId: iamUniqueId('AIPA', account.id, role.instanceProfile),
            Arn: `arn:aws:iam::${account.id}:instance-profile/${role.instanceProfile}`,
            CreateDate: at(role.created),
            Roles: [core],
          },
        ];
  const used = usedInView(role.used, role.created, view);
  return {
    ...core,
    InstanceProfileList: profiles,
    RolePolicyList: inlineList(role.inline, role.encoded),
    AttachedManagedPolicies: attachedList(account, role.managed),
    ...boundaryOf(account, role.boundary),
    Tags: tagList(role.tags),
    RoleLastUsed: used === null ? {} : { LastUsedDate: at(used), Region: role.usedRegion ?? account.primaryRegion },
  };
}

/** Attachment and boundary counts of each managed policy among the principals present in the view. */
function policyUsage(ctx: RenderContext): Map<string, { attachments: number; boundaries: number }> {
  const usage = new Map<string, { attachments: number; boundaries: number }>();
  const entry = (name: string): { attachments: number; boundaries: number } => {
    let found = usage.get(name);
    if (found === undefined) {
      found = { attachments: 0, boundaries: 0 };
      usage.set(name, found);
    }
    return found;
  };
  for (const principal of [...ctx.users, ...ctx.roles, ...ctx.groups]) {
    for (const name of principal.managed ?? []) entry(name).attachments++;
  }
  for (const principal of [...ctx.users, ...ctx.roles]) {
    if (principal.boundary !== undefined) entry(principal.boundary).boundaries++;
  }
  return usage;
}

function renderCustomerPolicy(ctx: RenderContext, managed: ManagedPolicyModel, usage: { attachments: number; boundaries: number }): JsonObject {
  const { account, at } = ctx;
  const documents = [...(managed.olderVersions ?? []), managed.document];
  const updated = managed.updated ?? managed.created;
  const versionDate = (index: number): string => {
    if (documents.length === 1) return at(managed.created);
    const step = (managed.created - updated) / (documents.length - 1);
    return at(Math.round(managed.created - step * index));
  };
  return {
    PolicyName: managed.name,
    PolicyId: iamUniqueId('ANPA', account.id, managed.name),
    Arn: managedPolicyArn(account, managed.name),
    Path: path(managed.path),
    DefaultVersionId: `v${documents.length}`,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: managed.description,
    CreateDate: at(managed.created),
    UpdateDate: at(updated),
    PolicyVersionList: documents
      .map((document, index) => ({
        Document: documentValue(document, managed.encoded),
        VersionId: `v${index + 1}`,
        IsDefaultVersion: index === documents.length - 1,
        CreateDate: versionDate(index),
      }))
      .reverse(),
  };
}

function renderAwsPolicy(ctx: RenderContext, name: string, usage: { attachments: number; boundaries: number }): JsonObject {
  const policy = AWS_MANAGED_POLICIES.find((candidate) => candidate.name === name);
  if (policy === undefined) throw new Error(`unknown AWS-managed policy ${name}`);
  const at = ctx.at;
  return {
    PolicyName: policy.name,
    PolicyId: iamUniqueId('ANPA', 'aws', policy.name),
    Arn: `arn:aws:iam::aws:policy${policy.path}${policy.name}`,
    Path: policy.path,
    DefaultVersionId: `v${policy.version}`,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: at(policy.created),
    UpdateDate: at(policy.updated),
    PolicyVersionList: [{ Document: policy.document, VersionId: `v${policy.version}`, IsDefaultVersion: true, CreateDate: at(policy.updated) }],
  };
}

function renderAuthorizationDetails(ctx: RenderContext): JsonObject {
  const usage = policyUsage(ctx);
  const used = (name: string): { attachments: number; boundaries: number } => usage.get(name) ?? { attachments: 0, boundaries: 0 };
  const own = new Set(ctx.policies.map((managed) => managed.name));
  const awsNames = [...usage.keys()].filter((name) => !own.has(name)).sort();
  return {
    UserDetailList: ctx.users.map((user) => renderUser(ctx, user)),
    GroupDetailList: ctx.groups.map((group) => renderGroup(ctx, group)),
    RoleDetailList: ctx.roles.map((role) => renderRole(ctx, role)),
    Policies: [
      ...ctx.policies.map((managed) => renderCustomerPolicy(ctx, managed, used(managed.name))),
      ...awsNames.map((name) => renderAwsPolicy(ctx, name, used(name))),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The credential report
// ---------------------------------------------------------------------------------------------

function keysInView(keys: KeyModel[] | undefined, view: DemoView): KeyModel[] {
  return (keys ?? [])
    .filter((key) => existed(key.rotated, view))
    .map((key) => ({ ...key, used: usedInView(key.used, key.rotated, view) }));
}

function keyColumns(ctx: RenderContext, key: KeyModel | undefined): string[] {
  if (key === undefined) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const used = key.used === null ? null : ctx.at(key.used);
  return [
    String(key.active),
    ctx.at(key.rotated),
    used ?? 'N/A',
    used === null ? 'N/A' : (key.region ?? ctx.account.primaryRegion),
    used === null ? 'N/A' : (key.service ?? 'sts'),
  ];
}

function renderCredentialReport(ctx: RenderContext): string {
  const { account, at, view } = ctx;
  const root = account.root;
  const rootKeys = keysInView(root.key === undefined ? [] : [root.key], view);
  const rootUsed = usedInView(root.passwordUsed, root.created, view);
  const rows: string[][] = [
    [
      '<root_account>',
      demoArns.root(account.id),
      at(root.created),
      'not_supported',
      rootUsed === null ? 'no_information' : at(rootUsed),
      'not_supported',
      'not_supported',
      String(root.mfa),
      ...keyColumns(ctx, rootKeys[0]),
      ...keyColumns(ctx, rootKeys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ],
  ];
  const users = [...ctx.users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const user of users) {
    const keys = keysInView(user.keys, view);
    const console = user.console;
    const passwordUsed = console === undefined ? null : usedInView(console.used, user.created, view);
    rows.push([
      user.name,
      userArn(account.id, user),
      at(user.created),
      String(console !== undefined),
      console === undefined ? 'N/A' : passwordUsed === null ? 'no_information' : at(passwordUsed),
      console === undefined ? 'N/A' : at(console.changed),
      'N/A',
      String(console?.mfa ?? user.mfa ?? false),
      ...keyColumns(ctx, keys[0]),
      ...keyColumns(ctx, keys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return `${[CREDENTIAL_REPORT_HEADER, ...rows.map((row) => row.join(','))].join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Workloads
// ---------------------------------------------------------------------------------------------

function kmsKeyArn(accountId: string, region: string, seed: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${hashUuid(`${accountId}:${seed}`)}`;
}

function renderWorkloads(ctx: RenderContext): JsonObject {
  const { account, at, view } = ctx;
  const A = account.id;
  const region = (value: string | undefined): string => value ?? account.primaryRegion;
  const roleArnOf = (name: string): string => roleArn(A, lookupRole(account, name));
  const presentRoles = new Set(ctx.roles.map((role) => roleArn(A, role)));
  const presentUsers = new Set(ctx.users.map((user) => user.name));

  const lambdas = account.lambdas
    .map((fn) => snapshot(fn, view))
    .filter((fn): fn is NonNullable<typeof fn> => fn !== null)
    .map((fn) => ({
      arn: demoArns.lambda(A, region(fn.region), fn.name),
      name: fn.name,
      region: region(fn.region),
      runtime: fn.runtime,
      roleArn: roleArnOf(fn.role),
      environmentVariableNames: fn.env,
      tags: fn.tags ?? {},
      functionUrls: (fn.urls ?? []).map((url) => ({
        url: `https://${hashChars(`${A}:${fn.name}:${url.qualifier ?? ''}`, 32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.lambda-url.${region(fn.region)}.on.aws/`,
        authType: url.authType,
        qualifier: url.qualifier ?? null,
      })),
      lastModified: at(modifiedInView(fn.modified, fn.created, view)),
      description: fn.description,
    }));

  const endpoints = account.endpoints.filter((endpoint) => existed(endpoint.created, view));
  const vpcConfig = (seed: string): JsonObject => ({
    subnetIds: [`subnet-0${hashHex(`${A}:${seed}:a`, 16)}`, `subnet-0${hashHex(`${A}:${seed}:b`, 16)}`],
    securityGroupIds: [`sg-0${hashHex(`${A}:${seed}:sg`, 16)}`],
  });
  const sageMaker = {
    regions: account.regions,
    endpoints: endpoints.map((endpoint) => ({
      arn: demoArns.endpoint(A, region(endpoint.region), endpoint.name),
      name: endpoint.name,
      region: region(endpoint.region),
      endpointConfigName: `${endpoint.name}-config`,
      status: endpoint.status,
      createdAt: at(endpoint.created),
      lastModified: at(modifiedInView(endpoint.modified, endpoint.created, view)),
      tags: endpoint.tags ?? {},
    })),
    endpointConfigs: endpoints.map((endpoint) => ({
      arn: `arn:aws:sagemaker:${region(endpoint.region)}:${A}:endpoint-config/${endpoint.name}-config`,
      name: `${endpoint.name}-config`,
      region: region(endpoint.region),
      kmsKeyId: endpoint.kms ? kmsKeyArn(A, region(endpoint.region), `sagemaker:${endpoint.name}`) : null,
      productionVariants: [{ variantName: 'AllTraffic', modelName: endpoint.model.name }],
      dataCaptureEnabled: endpoint.dataCapture,
      createdAt: at(endpoint.model.created),
    })),
    models: endpoints.map((endpoint) => ({
      arn: `arn:aws:sagemaker:${region(endpoint.region)}:${A}:model/${endpoint.model.name}`,
      name: endpoint.model.name,
      region: region(endpoint.region),
      executionRoleArn: roleArnOf(endpoint.model.role),
      networkIsolation: endpoint.model.networkIsolation,
      vpcConfig: endpoint.model.vpc ? vpcConfig(endpoint.model.name) : null,
      createdAt: at(endpoint.model.created),
      tags: endpoint.model.tags ?? {},
    })),
    notebookInstances: account.notebooks
      .filter((notebook) => existed(notebook.created, view))
      .map((notebook) => ({
        arn: demoArns.notebook(A, region(notebook.region), notebook.name),
        name: notebook.name,
        region: region(notebook.region),
        roleArn: roleArnOf(notebook.role),
        directInternetAccess: notebook.directInternet,
        rootAccess: notebook.root,
        kmsKeyId: notebook.kms ? kmsKeyArn(A, region(notebook.region), `notebook:${notebook.name}`) : null,
        subnetId: notebook.inVpc ? `subnet-0${hashHex(`${A}:${notebook.name}:a`, 16)}` : null,
        status: notebook.status,
        createdAt: at(notebook.created),
        tags: notebook.tags ?? {},
      })),
  };

  const guardrailIdOf = (name: string): string => demoArns.guardrailId(A, name);
  const guardrailArn = (name: string, guardrailRegion: string): string => demoArns.guardrail(A, guardrailRegion, name);
  const bedrock = {
    regions: account.regions,
    invocationLogging: account.invocationLogging.map((logging) => ({
      region: logging.region,
      config:
        logging.config === null
          ? null
          : {
              cloudWatchLogGroupName: logging.config.logGroup,
              s3BucketName: logging.config.bucket,
              textDataDeliveryEnabled: logging.config.text,
              imageDataDeliveryEnabled: logging.config.image,
              embeddingDataDeliveryEnabled: logging.config.embedding,
              videoDataDeliveryEnabled: logging.config.video,
            },
    })),
    guardrails: account.guardrails
      .filter((guardrail) => existed(guardrail.created, view))
      .map((guardrail) => ({
        arn: guardrailArn(guardrail.name, region(guardrail.region)),
        id: guardrailIdOf(guardrail.name),
        name: guardrail.name,
        region: region(guardrail.region),
        version: guardrail.version,
        status: 'READY',
        contentFilters: guardrail.filters.map((filter) => ({ type: filter.type, inputStrength: filter.input, outputStrength: filter.output })),
        hasTopicPolicy: guardrail.topics,
        hasWordPolicy: guardrail.words,
        hasSensitiveInformationPolicy: guardrail.pii,
        hasContextualGroundingPolicy: guardrail.grounding,
        kmsKeyArn: guardrail.kms ? kmsKeyArn(A, region(guardrail.region), `guardrail:${guardrail.name}`) : null,
        createdAt: at(guardrail.created),
        updatedAt: at(modifiedInView(guardrail.updated, guardrail.created, view)),
      })),
    customModels: account.customModels
      .filter((model) => existed(model.created, view))
      .map((model) => ({
        arn: `arn:aws:bedrock:${region(model.region)}:${A}:custom-model/${model.baseModel}/${hashChars(`${A}:${model.name}`, 12, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
        name: model.name,
        region: region(model.region),
        baseModelArn: `arn:aws:bedrock:${region(model.region)}::foundation-model/${model.baseModel}`,
        customizationType: model.customizationType,
        trainingDataS3Uri: model.trainingData,
        outputDataS3Uri: model.output,
        jobRoleArn: roleArnOf(model.jobRole),
        kmsKeyArn: model.kms ? kmsKeyArn(A, region(model.region), `custom-model:${model.name}`) : null,
        createdAt: at(model.created),
        tags: model.tags ?? {},
      })),
  };

  const knowledgeBaseIdOf = (name: string): string => demoArns.knowledgeBaseId(A, name);
  const bedrockAgents = {
    regions: account.regions,
    agents: account.agents
      .map((agent) => snapshot(agent, view))
      .filter((agent): agent is NonNullable<typeof agent> => agent !== null)
      .map((agent) => {
        const agentRegion = region(agent.region);
        const id = demoArns.agentId(A, agent.name);
        const versions = ['DRAFT', String(agent.latestVersion)];
        const guardrailOf = (guardrail: { name: string; version: string } | null): { identifier: string; version: string } | null =>
          guardrail === null ? null : { identifier: guardrailIdOf(guardrail.name), version: guardrail.version };
        // What GetAgentVersion answers for each numbered version an alias routes to.
        const servedVersionsOf = (model: typeof agent): { version: string; aliases: string[]; guardrail: { identifier: string; version: string } | null; known: boolean }[] => {
          const served = new Map<string, string[]>();
          for (const alias of model.aliases) {
            for (const version of alias.versions) {
              if (version === 'DRAFT') continue;
              served.set(version, [...(served.get(version) ?? []), alias.name]);
            }
          }
          return [...served].map(([version, aliases]) => ({
            version,
            aliases: aliases.sort(),
            guardrail: guardrailOf(model.versionGuardrails !== undefined && version in model.versionGuardrails ? (model.versionGuardrails[version] ?? null) : model.guardrail),
            known: true,
          }));
        };
        return {
          arn: demoArns.agent(A, agentRegion, agent.name),
          id,
          name: agent.name,
          region: agentRegion,
          roleArn: roleArnOf(agent.role),
          foundationModel: agent.foundationModel,
          guardrail: guardrailOf(agent.guardrail),
          status: agent.status,
          description: agent.description,
          idleSessionTtlSeconds: agent.idleSessionTtlSeconds,
          customerEncryptionKeyArn: agent.customerKey ? kmsKeyArn(A, agentRegion, `agent:${agent.name}`) : null,
          createdAt: at(agent.created),
          updatedAt: at(modifiedInView(agent.updated, agent.created, view)),
          actionGroups: versions.flatMap((version) =>
            agent.actionGroups.map((group) => ({
              id: bedrockId(`${A}:agent:${agent.name}:group:${group.name}`),
              name: group.name,
              agentVersion: version,
              state: group.state,
              executorLambdaArn: group.executor === null ? null : `arn:aws:lambda:${agentRegion}:${A}:function:${group.executor}`,
              customControl: group.customControl ?? null,
              parentActionGroupSignature: group.parentSignature ?? null,
              functions: group.functions.map((fn) => ({
                name: fn.name,
                description: fn.description,
                requireConfirmation: fn.requireConfirmation,
                parameterNames: fn.parameters,
              })),
              apiSchema: group.apiSchemaS3 === undefined ? null : { s3Uri: group.apiSchemaS3, payload: null },
            })),
          ),
          aliases: agent.aliases.map((alias) => {
            const aliasId = alias.name === 'AgentTestAlias' ? 'TSTALIASID' : bedrockId(`${A}:agent:${agent.name}:alias:${alias.name}`);
            return {
              id: aliasId,
              name: alias.name,
              arn: `arn:aws:bedrock:${agentRegion}:${A}:agent-alias/${id}/${aliasId}`,
              status: 'PREPARED',
              agentVersions: alias.versions,
              createdAt: at(alias.created),
              updatedAt: at(modifiedInView(alias.updated, alias.created, view)),
            };
          }),
          servedVersions: servedVersionsOf(agent),
          knowledgeBaseIds: agent.knowledgeBases.map(knowledgeBaseIdOf),
          tags: agent.tags ?? {},
        };
      }),
    knowledgeBases: account.knowledgeBases
      .filter((kb) => existed(kb.created, view))
      .map((kb) => {
        const id = knowledgeBaseIdOf(kb.name);
        return {
          arn: demoArns.knowledgeBase(A, region(kb.region), kb.name),
          id,
          name: kb.name,
          region: region(kb.region),
          roleArn: roleArnOf(kb.role),
          status: kb.status,
          storageType: kb.storageType,
          embeddingModelArn: kb.embeddingModel,
          dataSources: kb.dataSources.map((source) => ({
            id: bedrockId(`${A}:kb:${kb.name}:source:${source.name}`),
            name: source.name,
            type: source.type,
            s3BucketArn: source.bucket === null ? null : `arn:aws:s3:::${source.bucket}`,
          })),
          createdAt: at(kb.created),
          updatedAt: at(modifiedInView(kb.updated, kb.created, view)),
          tags: kb.tags ?? {},
        };
      }),
  };

  const cloudTrail = {
    regions: account.regions,
    trails: account.trails.map((trail) => {
      const owner = trail.ownerAccountId ?? A;
      return {
        arn: `arn:aws:cloudtrail:${trail.homeRegion}:${owner}:trail/${trail.name}`,
        name: trail.name,
        homeRegion: trail.homeRegion,
        multiRegion: trail.multiRegion,
        organizationTrail: trail.organizationTrail,
        logging: trail.logging,
        logFileValidation: trail.logFileValidation,
        includeGlobalServiceEvents: trail.includeGlobalServiceEvents,
        s3BucketName: trail.bucket,
        kmsKeyId: trail.kms ? kmsKeyArn(owner, trail.homeRegion, `trail:${trail.name}`) : null,
        cloudWatchLogsLogGroupArn: trail.cloudWatchLogGroup === null ? null : `arn:aws:logs:${trail.homeRegion}:${owner}:log-group:${trail.cloudWatchLogGroup}:*`,
        eventSelectors:
          trail.eventSelectors === null
            ? null
            : trail.eventSelectors.map((selector) => ({ ...selector, excludeManagementEventSources: [] })),
        advancedEventSelectors:
          trail.advancedEventSelectors === null
            ? null
            : trail.advancedEventSelectors.map((selector) => ({
                name: selector.name,
                fieldSelectors: selector.fieldSelectors.map((field) => ({
                  field: field.field,
                  equals: field.equals ?? [],
                  startsWith: field.startsWith ?? [],
                  endsWith: [],
                  notEquals: [],
                  notStartsWith: [],
                  notEndsWith: [],
                })),
              })),
      };
    }),
  };

  const org = account.organization;
  const organizations = {
    organization: {
      id: org.id,
      arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      managementAccountId: org.managementAccountId,
      featureSet: 'ALL',
    },
    accounts: org.accounts.map((member) => ({
      id: member.id,
      arn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${member.id}`,
      name: member.name,
      email: member.email,
      status: member.status,
      joinedAt: at(member.joined),
    })),
  };

  const identityProviders = {
    oidc: account.oidcProviders
      .filter((provider) => existed(provider.created, view))
      .map((provider) => ({
        arn: `arn:aws:iam::${A}:oidc-provider/${provider.url}`,
        url: provider.url,
        clientIds: provider.clientIds,
        thumbprints: provider.thumbprints,
        createdAt: at(provider.created),
        tags: provider.tags ?? {},
      })),
    saml: account.samlProviders
      .filter((provider) => existed(provider.created, view))
      .map((provider) => ({
        arn: `arn:aws:iam::${A}:saml-provider/${provider.name}`,
        name: provider.name,
        createdAt: at(provider.created),
        validUntil: at(provider.validUntil),
        tags: provider.tags ?? {},
      })),
  };

  const serviceSpecificCredentials = account.serviceCredentials
    .map((credential) => snapshot(credential, view))
    .filter((credential): credential is NonNullable<typeof credential> => credential !== null && presentUsers.has(credential.user))
    .map((credential) => ({
      id: iamUniqueId('ACCA', A, `${credential.user}:${credential.service}`),
      userName: credential.user,
      serviceName: credential.service,
      serviceUserName: `${credential.user}-at-${A}`,
      status: credential.status,
      createdAt: at(credential.created),
      expiresAt: credential.expires === null ? null : at(credential.expires),
    }));

  const serviceLastAccessed = account.lastAccessed
    .map((entry) => ({ entry, arn: principalArn(account, entry.principal) }))
    .filter(({ entry, arn }) => presentRoles.has(arn) || (entry.principal.startsWith('user/') && presentUsers.has(entry.principal.slice(5))))
    .map(({ entry, arn }) => {
      const last = view === 'current' ? entry.last : entry.last === null ? null : entry.last >= PREVIOUS_SCAN_DAYS_AGO ? entry.last : entry.last + PREVIOUS_SCAN_DAYS_AGO;
      return {
        principalArn: arn,
        serviceNamespace: entry.namespace,
        serviceName: entry.serviceName,
        lastAuthenticated: last === null ? null : at(last),
        lastAuthenticatedEntity: last === null ? null : (entry.entity ?? arn),
        lastAuthenticatedRegion: last === null ? null : (entry.region ?? account.primaryRegion),
        totalAuthenticatedEntities: null,
      };
    });

  const roleDetails = ctx.roles.map((role) => ({
    arn: roleArn(A, role),
    description: role.description,
    maxSessionDurationSeconds: (role.maxSessionHours ?? 1) * 3600,
  }));

  const mfaUsers = ctx.users.filter((user) => user.console?.mfa === true || user.mfa === true).length;
  const rootKeyActive = account.root.key?.active === true && existed(account.root.key.rotated, view);
  const accountSummary = {
    AccountAccessKeysPresent: rootKeyActive ? 1 : 0,
    AccountMFAEnabled: account.root.mfa ? 1 : 0,
    AccountSigningCertificatesPresent: 0,
    AssumeRolePolicySizeQuota: 2048,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    GlobalEndpointTokenVersion: 1,
    GroupPolicySizeQuota: 5120,
    Groups: ctx.groups.length,
    GroupsPerUserQuota: 10,
    GroupsQuota: 300,
    InstanceProfiles: ctx.roles.filter((role) => role.instanceProfile !== undefined).length,
    InstanceProfilesQuota: 1000,
    MFADevices: mfaUsers + (account.root.mfa ? 1 : 0),
    MFADevicesInUse: mfaUsers + (account.root.mfa ? 1 : 0),
    Policies: ctx.policies.length,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: ctx.policies.reduce((sum, managed) => sum + 1 + (managed.olderVersions?.length ?? 0), 0),
    PolicyVersionsInUseQuota: 10000,
    Providers: identityProviders.oidc.length + identityProviders.saml.length,
    RolePolicySizeQuota: 10240,
    Roles: ctx.roles.length,
    RolesQuota: 1000,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    SigningCertificatesPerUserQuota: 2,
    UserPolicySizeQuota: 2048,
    Users: ctx.users.length,
    UsersQuota: 5000,
    VersionsPerPolicyQuota: 5,
  };

  return {
    scan: {
      alias: account.alias,
      regions: account.regions,
      scannerArn: `arn:aws:sts::${A}:assumed-role/${account.scannerRole}/priya.natarajan@quillmere.example`,
      // A few minutes before the scan finished (no jitter: it belongs to the scan, not to an entity).
      credentialReportGeneratedAt: relativeDate((view === 'previous' ? PREVIOUS_SCAN_DAYS_AGO : 0) + 0.003),
    },
    accountSummary,
    roleDetails,
    identityProviders,
    serviceSpecificCredentials,
    serviceLastAccessed,
    lambda: { regions: account.regions, functions: lambdas },
    sageMaker,
    bedrock,
    bedrockAgents,
    cloudTrail,
    organizations,
  };
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

export function renderAccount(account: AccountModel, view: DemoView): RenderedAccount {
  const ctx = context(account, view);
  return {
    authorizationDetails: renderAuthorizationDetails(ctx),
    credentialReport: renderCredentialReport(ctx),
    workloads: renderWorkloads(ctx),
  };
}

/** The registry the team keeps (current state; it is not part of a scan). */
export function renderRegistry(account: AccountModel): JsonObject[] {
  const at = stamper(account.id);
  return account.registry.map((entry) => ({
    principalArn: principalArn(account, entry.principal),
    owner: entry.owner,
    purpose: entry.purpose,
    dataScope: entry.dataScope,
    status: entry.status,
    lastReviewedAt: entry.lastReviewed === null ? null : at(entry.lastReviewed),
  }));
}
