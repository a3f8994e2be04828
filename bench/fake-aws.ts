/**
 * A fake AWS behind the SDK's `requestHandler` hook: the real SDK clients, the scanner's middleware
 * (read-only allowlist, call counting, concurrency bound) and the real protocol parsers run, and only
 * the socket is replaced. It answers the wire protocols as AWS does:
 *
 * - IAM and STS (awsQuery): form-encoded POST bodies in, XML out; GetAccountAuthorizationDetails
 *   pages across all entity types with `MaxItems` (≤ 1000) and an opaque `Marker`, policy documents
 *   URL-encoded as IAM sends them.
 * - Lambda, Bedrock and Bedrock Agents (REST-JSON): routed by method and path.
 * - SageMaker and CloudTrail (JSON 1.1): routed by `X-Amz-Target`.
 *
 * Anything else answers AccessDenied in that protocol's error shape (so its collector records
 * `denied`), and is counted separately. Every request is counted per IAM action (`iam:ListRoles`).
 *
 * Responses are delivered on a later turn of the event loop (`setImmediate`), as a socket's would
 * be. `prepare()` renders the large answers (inventory pages, credential report) ahead of time so a
 * benchmark's clock measures the scanner, not this fake; `servingMs` says how long answering took.
 */
import type { Json, ManagedPolicyDetail, PolicyDocument, RoleDetail, SyntheticAccount, Tag, UserDetail, GroupDetail, InlinePolicy, AttachedPolicy } from './synthetic-account';

export interface FakeHttpRequest {
  method: string;
  hostname?: string;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface FakeHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The shape the SDK accepts as `requestHandler`. */
export interface FakeRequestHandler {
  handle(request: FakeHttpRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: FakeHttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// XML for the query protocol
// ---------------------------------------------------------------------------------------------

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

function el(name: string, value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  return `<${name}>${typeof value === 'string' ? esc(value) : String(value)}</${name}>`;
}

function members(name: string, items: readonly string[]): string {
  if (items.length === 0) return `<${name}/>`;
  let out = `<${name}>`;
  for (const item of items) out += `<member>${item}</member>`;
  return `${out}</${name}>`;
}

/**
 * IAM keeps a document as it was written and returns it URL-encoded. Accounts of this size are mostly
 * managed as code (Terraform's jsonencode, CloudFormation: compact JSON); about a quarter of the
 * documents are taken to come from the console's editor, indented by four spaces.
 */
function encodedDocument(document: PolicyDocument): string {
  const compact = JSON.stringify(document);
  const text = compact.length % 4 === 0 ? JSON.stringify(document, null, 4) : compact;
  return esc(encodeURIComponent(text));
}

function tagsXml(tags: readonly Tag[]): string {
  return members('Tags', tags.map((t) => `${el('Key', t.Key)}${el('Value', t.Value)}`));
}

function inlineXml(name: string, list: readonly InlinePolicy[]): string {
  return members(name, list.map((p) => `${el('PolicyName', p.PolicyName)}<PolicyDocument>${encodedDocument(p.PolicyDocument)}</PolicyDocument>`));
}

function attachedXml(list: readonly AttachedPolicy[]): string {
  return members('AttachedManagedPolicies', list.map((p) => `${el('PolicyName', p.PolicyName)}${el('PolicyArn', p.PolicyArn)}`));
}

function boundaryXml(boundary: { PermissionsBoundaryType: string; PermissionsBoundaryArn: string } | undefined): string {
  if (boundary === undefined) return '';
  return `<PermissionsBoundary>${el('PermissionsBoundaryType', boundary.PermissionsBoundaryType)}${el('PermissionsBoundaryArn', boundary.PermissionsBoundaryArn)}</PermissionsBoundary>`;
}

export function userXml(u: UserDetail): string {
  return (
    el('Path', u.Path) +
    el('UserName', u.UserName) +
    el('UserId', u.UserId) +
    el('Arn', u.Arn) +
    el('CreateDate', u.CreateDate) +
    inlineXml('UserPolicyList', u.UserPolicyList) +
    members('GroupList', u.GroupList.map(esc)) +
    attachedXml(u.AttachedManagedPolicies) +
    boundaryXml(u.PermissionsBoundary) +
    tagsXml(u.Tags)
  );
}

export function groupXml(g: GroupDetail): string {
  return (
    el('Path', g.Path) +
    el('GroupName', g.GroupName) +
    el('GroupId', g.GroupId) +
    el('Arn', g.Arn) +
    el('CreateDate', g.CreateDate) +
    inlineXml('GroupPolicyList', g.GroupPolicyList) +
    attachedXml(g.AttachedManagedPolicies)
  );
}

export function roleXml(r: RoleDetail): string {
  const lastUsed =
    r.RoleLastUsed.LastUsedDate === undefined ? '<RoleLastUsed/>' : `<RoleLastUsed>${el('LastUsedDate', r.RoleLastUsed.LastUsedDate)}${el('Region', r.RoleLastUsed.Region)}</RoleLastUsed>`;
  return (
    el('Path', r.Path) +
    el('RoleName', r.RoleName) +
    el('RoleId', r.RoleId) +
    el('Arn', r.Arn) +
    el('CreateDate', r.CreateDate) +
    `<AssumeRolePolicyDocument>${encodedDocument(r.AssumeRolePolicyDocument)}</AssumeRolePolicyDocument>` +
    members(
      'InstanceProfileList',
      r.InstanceProfileList.map(
        (p) => `${el('Path', p.Path)}${el('InstanceProfileName', p.InstanceProfileName)}${el('InstanceProfileId', p.InstanceProfileId)}${el('Arn', p.Arn)}${el('CreateDate', p.CreateDate)}<Roles/>`,
      ),
    ) +
    inlineXml('RolePolicyList', r.RolePolicyList) +
    attachedXml(r.AttachedManagedPolicies) +
    boundaryXml(r.PermissionsBoundary) +
    tagsXml(r.Tags) +
    lastUsed
  );
}

export function policyXml(p: ManagedPolicyDetail): string {
  return (
    el('PolicyName', p.PolicyName) +
    el('PolicyId', p.PolicyId) +
    el('Arn', p.Arn) +
    el('Path', p.Path) +
    el('DefaultVersionId', p.DefaultVersionId) +
    el('AttachmentCount', p.AttachmentCount) +
    el('PermissionsBoundaryUsageCount', p.PermissionsBoundaryUsageCount) +
    el('IsAttachable', p.IsAttachable) +
    el('Description', p.Description) +
    el('CreateDate', p.CreateDate) +
    el('UpdateDate', p.UpdateDate) +
    members(
      'PolicyVersionList',
      p.PolicyVersionList.map(
        (v) => `<Document>${encodedDocument(v.Document)}</Document>${el('VersionId', v.VersionId)}${el('IsDefaultVersion', v.IsDefaultVersion)}${el('CreateDate', v.CreateDate)}`,
      ),
    )
  );
}

function queryResponse(action: string, namespace: string, result: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

type EntityType = 'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
const ALL_TYPES: readonly EntityType[] = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'];

interface Answer {
  status: number;
  body: Uint8Array | string;
  contentType: string;
  errorType?: string;
}

const XML = 'text/xml';
const JSON_11 = 'application/x-amz-json-1.1';
const REST_JSON = 'application/json';

/** Epoch seconds, as the JSON protocols send timestamps. */
function epoch(iso: string): number {
  return Date.parse(iso) / 1000;
}

function tokenFor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOf(token: string | undefined | null): number {
  if (token === undefined || token === null || token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^offset:(\d+)$/.exec(text);
  if (match === null) throw new Error(`fake AWS: bad page token ${token}`);
  return Number(match[1]);
}

const decoder = new TextDecoder();

/** A request body as text. The SDK's JSON bodies are Uint8Arrays that warn when used as strings; decode the bytes. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  return '';
}

function firstValue(value: string | string[] | null | undefined): string | undefined {
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

export class FakeAws {
  /** Requests answered, per IAM action (`iam:GetAccountAuthorizationDetails`). */
  readonly calls = new Map<string, number>();
  /** Requests answered with AccessDenied because the fake does not implement them. */
  readonly denied = new Map<string, number>();
  /** Milliseconds spent building answers while serving requests (synchronous work in the fake, after prepare()). */
  servingMs = 0;
  /** Milliseconds prepare() took. */
  prepareMs = 0;

  private readonly cache = new Map<string, Uint8Array>();
  private readonly jobs = new Map<string, string>();
  private readonly lambdaByName = new Map<string, number>();
  private readonly lists = new Map<string, unknown[]>();
  private requestNumber = 0;

  constructor(readonly account: SyntheticAccount) {}

  /** Renders the inventory pages (MaxItems 1000), the credential report and the function list now. */
  prepare(): void {
    const started = performance.now();
    const total = this.itemCount(ALL_TYPES);
    for (let offset = 0; offset < total || offset === 0; offset += 1000) {
      this.authorizationDetailsPage(ALL_TYPES, offset, 1000);
      if (offset + 1000 >= total) break;
    }
    this.credentialReport();
    this.lambdaIndex();
    this.endpoints();
    this.models();
    this.notebooks();
    this.agents();
    this.knowledgeBases();
    this.prepareMs += performance.now() - started;
  }

  /** Bytes of the GetAccountAuthorizationDetails pages rendered so far. */
  inventoryBytes(): number {
    let total = 0;
    for (const [key, bytes] of this.cache) if (key.includes('|')) total += bytes.byteLength;
    return total;
  }

  /** Total requests, and per action; denied ones listed apart. */
  summary(): { total: number; byAction: Record<string, number>; denied: Record<string, number> } {
    const sorted = (map: Map<string, number>): Record<string, number> => Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { total: [...this.calls.values()].reduce((a, b) => a + b, 0), byAction: sorted(this.calls), denied: sorted(this.denied) };
  }

  /** A requestHandler for one SDK client (the scanner's `configFor(serviceId, region)` picks it). */
  handlerFor(serviceId: string): FakeRequestHandler {
    return {
      handle: (request, options) =>
        new Promise((resolve, reject) => {
          if (options?.abortSignal?.aborted === true) {
            reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
            return;
          }
          let answer: Answer;
          const started = performance.now();
          try {
            answer = this.answer(serviceId, request);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          } finally {
            this.servingMs += performance.now() - started;
          }
          const headers: Record<string, string> = { 'content-type': answer.contentType, 'x-amzn-requestid': `req-${this.requestNumber}` };
          if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
          const body = typeof answer.body === 'string' ? encoder.encode(answer.body) : answer.body;
          headers['content-length'] = String(body.byteLength);
          setImmediate(() => resolve({ response: { statusCode: answer.status, headers, body } }));
        }),
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
      destroy: () => undefined,
    };
  }

  /** The account's workloads of one kind, built once. */
  private list<T>(key: string, count: number, item: (i: number) => T): T[] {
    let found = this.lists.get(key) as T[] | undefined;
    if (found === undefined) {
      found = Array.from({ length: count }, (_, i) => item(i));
      this.lists.set(key, found);
    }
    return found;
  }

  private endpoints(): ReturnType<SyntheticAccount['sageMakerEndpoint']>[] {
    return this.list('endpoints', this.account.endpointCount, (i) => this.account.sageMakerEndpoint(i));
  }

  private models(): ReturnType<SyntheticAccount['sageMakerModel']>[] {
    return this.list('models', this.account.modelCount, (i) => this.account.sageMakerModel(i));
  }

  private notebooks(): ReturnType<SyntheticAccount['sageMakerNotebook']>[] {
    return this.list('notebooks', this.account.notebookCount, (i) => this.account.sageMakerNotebook(i));
  }

  private agents(): ReturnType<SyntheticAccount['bedrockAgent']>[] {
    return this.list('agents', this.account.agentCount, (i) => this.account.bedrockAgent(i));
  }

  private knowledgeBases(): ReturnType<SyntheticAccount['knowledgeBase']>[] {
    return this.list('knowledge-bases', this.account.knowledgeBaseCount, (i) => this.account.knowledgeBase(i));
  }

  private count(action: string): void {
    this.calls.set(action, (this.calls.get(action) ?? 0) + 1);
  }

  private deny(action: string, protocol: 'query' | 'json' | 'rest', namespace = IAM_NS): Answer {
    this.denied.set(action, (this.denied.get(action) ?? 0) + 1);
    const message = `User: arn:aws:iam::${this.account.accountId}:user/scanner is not authorized to perform: ${action}`;
    if (protocol === 'query') {
      return {
        status: 403,
        contentType: XML,
        body: `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${esc(message)}</Message></Error><RequestId>req-${this.requestNumber}</RequestId></ErrorResponse>`,
      };
    }
    if (protocol === 'json') return { status: 400, contentType: JSON_11, body: JSON.stringify({ __type: 'AccessDeniedException', message }) };
    return { status: 403, contentType: REST_JSON, errorType: 'AccessDeniedException', body: JSON.stringify({ message }) };
  }

  private answer(serviceId: string, request: FakeHttpRequest): Answer {
    this.requestNumber += 1;
    switch (serviceId) {
      case 'IAM':
      case 'STS':
        return this.query(serviceId, request);
      case 'Lambda':
        return this.lambda(request);
      case 'SageMaker':
        return this.sageMaker(request);
      case 'CloudTrail':
        return this.cloudTrail(request);
      case 'Bedrock':
        return this.bedrock(request);
      case 'Bedrock Agent':
        return this.bedrockAgent(request);
      default: {
        const target = request.headers['x-amz-target'];
        if (target !== undefined) return this.deny(`${serviceId.toLowerCase()}:${target.split('.').pop() ?? target}`, 'json');
        return this.deny(`${serviceId.toLowerCase()}:${request.method} ${request.path}`, 'rest');
      }
    }
  }

  // ---- IAM and STS ---------------------------------------------------------------------------

  private query(serviceId: 'IAM' | 'STS', request: FakeHttpRequest): Answer {
    const body = bodyText(request.body);
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? 'Unknown';
    const prefix = serviceId === 'IAM' ? 'iam' : 'sts';
    const requestId = `req-${this.requestNumber}`;
    const ok = (result: string): Answer => {
      this.count(`${prefix}:${action}`);
      return { status: 200, contentType: XML, body: queryResponse(action, serviceId === 'IAM' ? IAM_NS : STS_NS, result, requestId) };
    };
    const account = this.account;
    if (serviceId === 'STS') {
      if (action !== 'GetCallerIdentity') return this.deny(`sts:${action}`, 'query', STS_NS);
      return ok(`${el('Arn', `arn:aws:iam::${account.accountId}:user/scanner`)}${el('UserId', 'AIDASCANNERUSER0000001')}${el('Account', account.accountId)}`);
    }
    switch (action) {
      case 'GetAccountAuthorizationDetails': {
        const filter = [...params.entries()].filter(([key]) => key.startsWith('Filter.member.')).map(([, value]) => value as EntityType);
        const maxItems = Math.min(1000, Math.max(1, Number(params.get('MaxItems') ?? '100')));
        const offset = offsetOf(params.get('Marker'));
        this.count('iam:GetAccountAuthorizationDetails');
        return { status: 200, contentType: XML, body: this.authorizationDetailsPage(filter.length === 0 ? ALL_TYPES : filter, offset, maxItems) };
      }
      case 'ListAccountAliases':
        return ok(`<IsTruncated>false</IsTruncated>${members('AccountAliases', ['synthetic-corp'])}`);
      case 'GetAccountSummary': {
        const entries: Record<string, number> = {
          Users: account.userCount,
          Roles: account.roleCount,
          Groups: account.groupCount,
          Policies: account.policyCount,
          AccountMFAEnabled: 1,
          AccountAccessKeysPresent: 0,
          AccountSigningCertificatesPresent: 0,
          MFADevices: Math.round(account.userCount * 0.5),
          MFADevicesInUse: Math.round(account.userCount * 0.5),
          Providers: account.oidcProviders.length + account.samlProviders.length,
          InstanceProfiles: Math.round(account.roleCount / 10),
          UsersQuota: 5000,
          RolesQuota: 10000,
          PolicyVersionsInUse: account.policyCount * 2,
        };
        return ok(`<SummaryMap>${Object.entries(entries).map(([key, value]) => `<entry><key>${key}</key><value>${value}</value></entry>`).join('')}</SummaryMap>`);
      }
      case 'GenerateCredentialReport':
        return ok(`<State>COMPLETE</State><Description>No report exists. Starting a new report generation task</Description>`);
      case 'GetCredentialReport':
        this.count('iam:GetCredentialReport');
        return { status: 200, contentType: XML, body: this.credentialReport() };
      case 'ListOpenIDConnectProviders':
        return ok(members('OpenIDConnectProviderList', account.oidcProviders.map((p) => el('Arn', p.arn))));
      case 'GetOpenIDConnectProvider': {
        const provider = account.oidcProviders.find((p) => p.arn === params.get('OpenIDConnectProviderArn'));
        if (provider === undefined) return this.deny('iam:GetOpenIDConnectProvider', 'query');
        return ok(
          `${members('ClientIDList', provider.clientIds.map(esc))}${members('ThumbprintList', ['6938fd4d98bab03faadb97b34396831e3780aea1'])}${el('CreateDate', provider.created)}${el('Url', provider.url)}<Tags/>`,
        );
      }
      case 'ListSAMLProviders':
        return ok(members('SAMLProviderList', account.samlProviders.map((p) => `${el('Arn', p.arn)}${el('ValidUntil', p.validUntil)}${el('CreateDate', p.created)}`)));
      case 'ListServiceSpecificCredentials':
        return ok(
          `${members(
            'ServiceSpecificCredentials',
            account
              .serviceSpecificCredentials()
              .map(
                (c) =>
                  `${el('UserName', c.user)}${el('Status', c.status)}${el('ServiceUserName', c.serviceUserName)}${el('CreateDate', c.created)}${el('ServiceSpecificCredentialId', c.id)}${el('ServiceName', 'bedrock.amazonaws.com')}`,
              ),
          )}<IsTruncated>false</IsTruncated>`,
        );
      case 'GenerateServiceLastAccessedDetails': {
        const jobId = `job-${this.jobs.size + 1}-${this.requestNumber}`;
        this.jobs.set(jobId, params.get('Arn') ?? '');
        return ok(el('JobId', jobId));
      }
      case 'GetServiceLastAccessedDetails': {
        const arn = this.jobs.get(params.get('JobId') ?? '');
        if (arn === undefined) return this.deny('iam:GetServiceLastAccessedDetails', 'query');
        const rng = account.rng(99, arn.length * 7919 + arn.charCodeAt(arn.length - 1));
        const services = [
          ['Amazon Bedrock', 'bedrock'],
          ['Amazon SageMaker', 'sagemaker'],
          ['Amazon Comprehend', 'comprehend'],
          ['Amazon S3', 's3'],
          ['AWS Security Token Service', 'sts'],
          ['AWS Lambda', 'lambda'],
        ] as const;
        const entries = services.map(([name, namespace]) => {
          const used = rng.chance(0.4);
          const when = used ? new Date(Date.UTC(2026, 0, 1) - rng.int(200) * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
          return `${el('ServiceName', name)}${el('ServiceNamespace', namespace)}${el('LastAuthenticated', when)}${el('LastAuthenticatedEntity', used ? arn : undefined)}${el('LastAuthenticatedRegion', used ? account.region : undefined)}${el('TotalAuthenticatedEntities', used ? 1 : 0)}`;
        });
        return ok(
          `<JobStatus>COMPLETED</JobStatus><JobType>SERVICE_LEVEL</JobType><JobCreationDate>2026-01-15T12:00:00Z</JobCreationDate>${members('ServicesLastAccessed', entries)}<JobCompletionDate>2026-01-15T12:00:01Z</JobCompletionDate><IsTruncated>false</IsTruncated>`,
        );
      }
      default:
        return this.deny(`iam:${action}`, 'query');
    }
  }

  private itemCount(types: readonly EntityType[]): number {
    const a = this.account;
    return (
      (types.includes('User') ? a.userCount : 0) +
      (types.includes('Group') ? a.groupCount : 0) +
      (types.includes('Role') ? a.roleCount : 0) +
      (types.includes('LocalManagedPolicy') ? a.policyCount : 0) +
      (types.includes('AWSManagedPolicy') ? a.awsPolicyCount : 0)
    );
  }

  /** One page of GetAccountAuthorizationDetails: MaxItems counts users, groups, roles and policies together. */
  private authorizationDetailsPage(types: readonly EntityType[], offset: number, maxItems: number): Uint8Array {
    const key = `${[...types].sort().join(',')}|${offset}|${maxItems}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const a = this.account;
    const sections: [EntityType, number, (i: number) => string][] = [
      ['User', a.userCount, (i) => userXml(a.user(i).detail)],
      ['Group', a.groupCount, (i) => groupXml(a.group(i))],
      ['Role', a.roleCount, (i) => roleXml(a.role(i))],
      ['LocalManagedPolicy', a.policyCount, (i) => policyXml(a.policy(i))],
      ['AWSManagedPolicy', a.awsPolicyCount, (i) => policyXml(a.awsManagedPolicy(i))],
    ];
    const lists: Record<'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies', string[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    const listOf: Record<EntityType, keyof typeof lists> = { User: 'UserDetailList', Group: 'GroupDetailList', Role: 'RoleDetailList', LocalManagedPolicy: 'Policies', AWSManagedPolicy: 'Policies' };
    let position = 0;
    const end = offset + maxItems;
    for (const [type, count, render] of sections) {
      if (!types.includes(type)) continue;
      for (let i = Math.max(0, offset - position); i < count && position + i < end; i += 1) lists[listOf[type]].push(render(i));
      position += count;
    }
    const total = this.itemCount(types);
    const truncated = end < total;
    const result =
      members('UserDetailList', lists.UserDetailList) +
      members('GroupDetailList', lists.GroupDetailList) +
      members('RoleDetailList', lists.RoleDetailList) +
      members('Policies', lists.Policies) +
      `<IsTruncated>${String(truncated)}</IsTruncated>` +
      (truncated ? el('Marker', tokenFor(end)) : '');
    const bytes = encoder.encode(queryResponse('GetAccountAuthorizationDetails', IAM_NS, result, `req-page-${offset}`));
    this.cache.set(key, bytes);
    return bytes;
  }

  private credentialReport(): Uint8Array {
    const cached = this.cache.get('credential-report');
    if (cached !== undefined) return cached;
    const content = Buffer.from(this.account.credentialReportCsv(), 'utf8').toString('base64');
    const bytes = encoder.encode(
      queryResponse('GetCredentialReport', IAM_NS, `${el('Content', content)}<ReportFormat>text/csv</ReportFormat>${el('GeneratedTime', '2026-01-15T11:58:00Z')}`, 'req-report'),
    );
    this.cache.set('credential-report', bytes);
    return bytes;
  }

  // ---- Lambda (REST-JSON) --------------------------------------------------------------------

  private functions(): ReturnType<SyntheticAccount['lambdaFunction']>[] {
    return this.list('functions', this.account.lambdaCount, (i) => this.account.lambdaFunction(i));
  }

  private lambdaIndex(): Map<string, number> {
    if (this.lambdaByName.size === 0) {
      for (let i = 0; i < this.account.lambdaCount; i += 1) {
        const { fn } = this.functions()[i]!;
        this.lambdaByName.set(fn.FunctionName, i);
        this.lambdaByName.set(fn.FunctionArn, i);
      }
    }
    return this.lambdaByName;
  }

  private lambda(request: FakeHttpRequest): Answer {
    const path = request.path;
    const json = (action: string, value: unknown): Answer => {
      this.count(action);
      return { status: 200, contentType: REST_JSON, body: JSON.stringify(value) };
    };
    if (request.method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path)) {
      const offset = Number(firstValue(request.query?.['Marker']) ?? '0');
      const max = Math.min(50, Number(firstValue(request.query?.['MaxItems']) ?? '50'));
      const end = Math.min(this.account.lambdaCount, offset + max);
      const functions = [];
      for (let i = offset; i < end; i += 1) functions.push(this.functions()[i]!.fn);
      return json('lambda:ListFunctions', { Functions: functions, ...(end < this.account.lambdaCount && { NextMarker: String(end) }) });
    }
    const urls = /^\/2021-10-31\/functions\/([^/]+)\/urls\/?$/.exec(path);
    if (request.method === 'GET' && urls !== null) {
      const index = this.lambdaIndex().get(decodeURIComponent(urls[1] ?? ''));
      if (index === undefined) return { status: 404, contentType: REST_JSON, errorType: 'ResourceNotFoundException', body: JSON.stringify({ Message: 'Function not found' }) };
      const { fn, urlAuthType } = this.functions()[index]!;
      const configs =
        urlAuthType === null
          ? []
          : [{ FunctionUrl: `https://${fn.FunctionName.slice(0, 20)}${index}.lambda-url.${this.account.region}.on.aws/`, FunctionArn: fn.FunctionArn, AuthType: urlAuthType, CreationTime: '2025-06-01T00:00:00.000Z', LastModifiedTime: '2025-06-01T00:00:00.000Z' }];
      return json('lambda:ListFunctionUrlConfigs', { FunctionUrlConfigs: configs });
    }
    const tags = /^\/2017-03-31\/tags\/(.+)$/.exec(path);
    if (request.method === 'GET' && tags !== null) {
      const index = this.lambdaIndex().get(decodeURIComponent(tags[1] ?? ''));
      return json('lambda:ListTags', { Tags: index === undefined ? {} : this.functions()[index]!.tags });
    }
    return this.deny(`lambda:${request.method} ${path}`, 'rest');
  }

  // ---- SageMaker (JSON 1.1) ------------------------------------------------------------------

  private jsonBody(request: FakeHttpRequest): Record<string, unknown> {
    const text = bodyText(request.body);
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  private page<T>(count: number, body: Record<string, unknown>, defaultSize: number, item: (i: number) => T, tokenKey = 'NextToken', sizeKey = 'MaxResults'): { items: T[]; next: Record<string, string> } {
    const offset = offsetOf(typeof body[tokenKey] === 'string' ? body[tokenKey] : undefined);
    const size = typeof body[sizeKey] === 'number' ? body[sizeKey] : defaultSize;
    const end = Math.min(count, offset + size);
    const items: T[] = [];
    for (let i = offset; i < end; i += 1) items.push(item(i));
    return { items, next: end < count ? { [tokenKey]: tokenFor(end) } : {} };
  }

  private sageMaker(request: FakeHttpRequest): Answer {
    const operation = (request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
    const body = this.jsonBody(request);
    const a = this.account;
    const ok = (value: unknown): Answer => {
      this.count(`sagemaker:${operation}`);
      return { status: 200, contentType: JSON_11, body: JSON.stringify(value) };
    };
    const notFound = (what: string): Answer => ({ status: 400, contentType: JSON_11, body: JSON.stringify({ __type: 'ValidationException', message: `Could not find ${what}.` }) });
    const byName = <T extends { name: string }>(items: readonly T[], name: unknown): T | null => items.find((item) => item.name === name) ?? null;
    switch (operation) {
      case 'ListEndpoints': {
        const { items, next } = this.page(a.endpointCount, body, 10, (i) => this.endpoints()[i]!);
        return ok({ Endpoints: items.map((e) => ({ EndpointName: e.name, EndpointArn: e.arn, CreationTime: epoch(e.created), LastModifiedTime: epoch(e.created), EndpointStatus: 'InService' })), ...next });
      }
      case 'DescribeEndpoint': {
        const e = byName(this.endpoints(), body['EndpointName']);
        if (e === null) return notFound('endpoint');
        return ok({ EndpointName: e.name, EndpointArn: e.arn, EndpointConfigName: e.configName, EndpointStatus: 'InService', CreationTime: epoch(e.created), LastModifiedTime: epoch(e.created) });
      }
      case 'ListEndpointConfigs': {
        const { items, next } = this.page(a.endpointCount, body, 10, (i) => this.endpoints()[i]!);
        return ok({ EndpointConfigs: items.map((e) => ({ EndpointConfigName: e.configName, EndpointConfigArn: e.configArn, CreationTime: epoch(e.created) })), ...next });
      }
      case 'DescribeEndpointConfig': {
        const found = this.endpoints().find((e) => e.configName === body['EndpointConfigName']);
        if (found === undefined) return notFound('endpoint configuration');
        return ok({
          EndpointConfigName: found.configName,
          EndpointConfigArn: found.configArn,
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: found.modelName, InitialInstanceCount: 1, InstanceType: 'ml.g5.xlarge' }],
          ...(found.kmsKeyId !== null && { KmsKeyId: found.kmsKeyId }),
          ...(found.dataCapture && { DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 10, DestinationS3Uri: `s3://capture-${a.accountId}/${found.name}`, CaptureOptions: [{ CaptureMode: 'Input' }] } }),
          CreationTime: epoch(found.created),
        });
      }
      case 'ListModels': {
        const { items, next } = this.page(a.modelCount, body, 10, (i) => this.models()[i]!);
        return ok({ Models: items.map((m) => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: epoch(m.created) })), ...next });
      }
      case 'DescribeModel': {
        const m = byName(this.models(), body['ModelName']);
        if (m === null) return notFound('model');
        return ok({
          ModelName: m.name,
          ModelArn: m.arn,
          ExecutionRoleArn: m.executionRoleArn,
          EnableNetworkIsolation: m.networkIsolation,
          PrimaryContainer: { Image: `763104351884.dkr.ecr.${a.region}.amazonaws.com/huggingface-pytorch-inference:2.1`, ModelDataUrl: `s3://models-${a.accountId}/${m.name}/model.tar.gz` },
          ...(m.subnets.length > 0 && { VpcConfig: { Subnets: m.subnets, SecurityGroupIds: m.securityGroups } }),
          CreationTime: epoch(m.created),
        });
      }
      case 'ListNotebookInstances': {
        const { items, next } = this.page(a.notebookCount, body, 10, (i) => this.notebooks()[i]!);
        return ok({
          NotebookInstances: items.map((n) => ({ NotebookInstanceName: n.name, NotebookInstanceArn: n.arn, NotebookInstanceStatus: 'InService', InstanceType: 'ml.t3.medium', CreationTime: epoch(n.created) })),
          ...next,
        });
      }
      case 'DescribeNotebookInstance': {
        const n = byName(this.notebooks(), body['NotebookInstanceName']);
        if (n === null) return notFound('notebook instance');
        return ok({
          NotebookInstanceName: n.name,
          NotebookInstanceArn: n.arn,
          NotebookInstanceStatus: 'InService',
          RoleArn: n.roleArn,
          DirectInternetAccess: n.directInternetAccess,
          RootAccess: n.rootAccess,
          ...(n.kmsKeyId !== null && { KmsKeyId: n.kmsKeyId }),
          ...(n.subnetId !== null && { SubnetId: n.subnetId }),
          InstanceType: 'ml.t3.medium',
          CreationTime: epoch(n.created),
        });
      }
      case 'ListTags': {
        const arn = body['ResourceArn'];
        const tagged: { arn: string; tags: Tag[] }[] = [...this.endpoints(), ...this.models(), ...this.notebooks()];
        return ok({ Tags: tagged.find((item) => item.arn === arn)?.tags ?? [] });
      }
      default:
        return this.deny(`sagemaker:${operation}`, 'json');
    }
  }

  // ---- CloudTrail (JSON 1.1) -----------------------------------------------------------------

  private cloudTrail(request: FakeHttpRequest): Answer {
    const operation = (request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    const a = this.account;
    const trailArn = `arn:aws:cloudtrail:${a.region}:${a.accountId}:trail/organization-trail`;
    const ok = (value: unknown): Answer => {
      this.count(`cloudtrail:${operation}`);
      return { status: 200, contentType: JSON_11, body: JSON.stringify(value) };
    };
    switch (operation) {
      case 'DescribeTrails':
        return ok({
          trailList: [
            {
              Name: 'organization-trail',
              S3BucketName: `cloudtrail-${a.accountId}`,
              IncludeGlobalServiceEvents: true,
              IsMultiRegionTrail: true,
              HomeRegion: a.region,
              TrailARN: trailArn,
              LogFileValidationEnabled: true,
              HasCustomEventSelectors: false,
              HasInsightSelectors: false,
              IsOrganizationTrail: false,
            },
          ],
        });
      case 'GetTrailStatus':
        return ok({ IsLogging: true, LatestDeliveryTime: epoch('2026-01-15T11:55:00Z') });
      case 'GetEventSelectors':
        return ok({ TrailARN: trailArn, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] });
      default:
        return this.deny(`cloudtrail:${operation}`, 'json');
    }
  }

  // ---- Bedrock (REST-JSON) -------------------------------------------------------------------

  private bedrock(request: FakeHttpRequest): Answer {
    const a = this.account;
    const path = request.path;
    const ok = (action: string, value: unknown): Answer => {
      this.count(action);
      return { status: 200, contentType: REST_JSON, body: JSON.stringify(value) };
    };
    if (request.method === 'GET' && path === '/logging/modelinvocations') {
      return ok('bedrock:GetModelInvocationLoggingConfiguration', {
        loggingConfig: { cloudWatchConfig: { logGroupName: '/aws/bedrock/invocations', roleArn: a.roleArn(a.roleOfKind('bedrock', 0)) }, textDataDeliveryEnabled: true, imageDataDeliveryEnabled: false, embeddingDataDeliveryEnabled: false },
      });
    }
    if (request.method === 'GET' && /^\/guardrails\/?$/.test(path)) {
      const identifier = firstValue(request.query?.['guardrailIdentifier']);
      const summary = (g: (typeof a.guardrails)[number], version: string): Record<string, Json> => ({ id: g.id, arn: g.arn, status: 'READY', name: g.name, version, createdAt: g.created, updatedAt: g.created });
      if (identifier === undefined) return ok('bedrock:ListGuardrails', { guardrails: a.guardrails.map((g) => summary(g, 'DRAFT')) });
      const g = a.guardrails.find((x) => x.arn === identifier || x.id === identifier);
      return ok('bedrock:ListGuardrails', { guardrails: g === undefined ? [] : [summary(g, 'DRAFT'), summary(g, g.version)] });
    }
    const guardrail = /^\/guardrails\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && guardrail !== null) {
      const id = decodeURIComponent(guardrail[1] ?? '');
      const g = a.guardrails.find((x) => x.arn === id || x.id === id);
      if (g === undefined) return { status: 404, contentType: REST_JSON, errorType: 'ResourceNotFoundException', body: JSON.stringify({ message: 'not found' }) };
      return ok('bedrock:GetGuardrail', {
        name: g.name,
        guardrailId: g.id,
        guardrailArn: g.arn,
        version: firstValue(request.query?.['guardrailVersion']) ?? 'DRAFT',
        status: 'READY',
        contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: g.name === 'prompt-attack' ? 'HIGH' : 'LOW', outputStrength: 'NONE' }, { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' }] },
        ...(g.name === 'topic-deny' && { topicPolicy: { topics: [{ name: 'investment-advice', definition: 'Advice on investments.', type: 'DENY' }] } }),
        ...(g.name === 'pii-filter' && { sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }] } }),
        createdAt: g.created,
        updatedAt: g.created,
        statusReasons: [],
        failureRecommendations: [],
        blockedInputMessaging: 'Sorry.',
        blockedOutputsMessaging: 'Sorry.',
      });
    }
    if (request.method === 'GET' && /^\/custom-models\/?$/.test(path)) return ok('bedrock:ListCustomModels', { modelSummaries: [] });
    return this.deny(`bedrock:${request.method} ${path}`, 'rest');
  }

  // ---- Bedrock Agents (REST-JSON) ------------------------------------------------------------

  private bedrockAgent(request: FakeHttpRequest): Answer {
    const a = this.account;
    const path = request.path;
    const body = request.method === 'POST' ? this.jsonBody(request) : {};
    const ok = (action: string, value: unknown): Answer => {
      this.count(action);
      return { status: 200, contentType: REST_JSON, body: JSON.stringify(value) };
    };
    const notFound = (): Answer => ({ status: 404, contentType: REST_JSON, errorType: 'ResourceNotFoundException', body: JSON.stringify({ message: 'not found' }) });
    const agentById = (id: string): ReturnType<SyntheticAccount['bedrockAgent']> | null => this.agents().find((agent) => agent.id === id) ?? null;
    const kbById = (id: string): ReturnType<SyntheticAccount['knowledgeBase']> | null => this.knowledgeBases().find((kb) => kb.id === id) ?? null;
    const paged = <T>(items: readonly T[]): { items: T[]; next: Record<string, string> } => this.page(items.length, body, 10, (i) => items[i] as T, 'nextToken', 'maxResults');
    let m: RegExpExecArray | null;
    if (request.method === 'POST' && /^\/agents\/?$/.test(path)) {
      const { items, next } = this.page(a.agentCount, body, 10, (i) => this.agents()[i]!, 'nextToken', 'maxResults');
      return ok('bedrock:ListAgents', {
        agentSummaries: items.map((x) => ({ agentId: x.id, agentName: x.name, agentStatus: 'PREPARED', updatedAt: x.updated, latestAgentVersion: String(x.aliases.length + 1) })),
        ...next,
      });
    }
    if (request.method === 'GET' && (m = /^\/agents\/([^/]+)\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      if (x === null) return notFound();
      return ok('bedrock:GetAgent', {
        agent: {
          agentId: x.id,
          agentName: x.name,
          agentArn: x.arn,
          agentVersion: 'DRAFT',
          agentStatus: 'PREPARED',
          agentResourceRoleArn: x.roleArn,
          foundationModel: x.foundationModel,
          idleSessionTTLInSeconds: 600,
          instruction: 'You are a helpful assistant for customers.',
          createdAt: x.created,
          updatedAt: x.updated,
          ...(x.guardrail !== null && { guardrailConfiguration: { guardrailIdentifier: x.guardrail.identifier, guardrailVersion: x.guardrail.version } }),
        },
      });
    }
    if (request.method === 'POST' && (m = /^\/agents\/([^/]+)\/agentaliases\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      if (x === null) return notFound();
      const { items, next } = paged(x.aliases);
      return ok('bedrock:ListAgentAliases', {
        agentAliasSummaries: items.map((alias) => ({ agentAliasId: alias.id, agentAliasName: alias.name, agentAliasStatus: 'PREPARED', routingConfiguration: [{ agentVersion: alias.version }], createdAt: x.created, updatedAt: x.updated })),
        ...next,
      });
    }
    if (request.method === 'GET' && (m = /^\/agents\/([^/]+)\/agentversions\/([^/]+)\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      const version = decodeURIComponent(m[2] ?? '');
      if (x === null || !x.aliases.some((alias) => alias.version === version)) return notFound();
      // A served version carries the draft's guardrail here: the synthetic account publishes none without it.
      return ok('bedrock:GetAgentVersion', {
        agentVersion: {
          agentId: x.id,
          agentName: x.name,
          agentArn: x.arn,
          version,
          agentStatus: 'PREPARED',
          agentResourceRoleArn: x.roleArn,
          foundationModel: x.foundationModel,
          idleSessionTTLInSeconds: 600,
          createdAt: x.created,
          updatedAt: x.updated,
          ...(x.guardrail !== null && { guardrailConfiguration: { guardrailIdentifier: x.guardrail.identifier, guardrailVersion: x.guardrail.version } }),
        },
      });
    }
    if (request.method === 'POST' && (m = /^\/agents\/([^/]+)\/agentversions\/([^/]+)\/actiongroups\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      if (x === null) return notFound();
      const { items, next } = paged(x.actionGroups);
      return ok('bedrock:ListAgentActionGroups', { actionGroupSummaries: items.map((g) => ({ actionGroupId: g.id, actionGroupName: g.name, actionGroupState: 'ENABLED', updatedAt: x.updated })), ...next });
    }
    if (request.method === 'GET' && (m = /^\/agents\/([^/]+)\/agentversions\/([^/]+)\/actiongroups\/([^/]+)\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      const group = x?.actionGroups.find((g) => g.id === decodeURIComponent(m?.[3] ?? ''));
      if (x === null || group === undefined) return notFound();
      return ok('bedrock:GetAgentActionGroup', {
        agentActionGroup: {
          agentId: x.id,
          agentVersion: decodeURIComponent(m[2] ?? 'DRAFT'),
          actionGroupId: group.id,
          actionGroupName: group.name,
          actionGroupState: 'ENABLED',
          actionGroupExecutor: { lambda: group.lambdaArn },
          functionSchema: { functions: group.functions },
          createdAt: x.created,
          updatedAt: x.updated,
        },
      });
    }
    if (request.method === 'POST' && (m = /^\/agents\/([^/]+)\/agentversions\/([^/]+)\/knowledgebases\/?$/.exec(path)) !== null) {
      const x = agentById(decodeURIComponent(m[1] ?? ''));
      if (x === null) return notFound();
      const { items, next } = paged(x.knowledgeBaseIds);
      return ok('bedrock:ListAgentKnowledgeBases', { agentKnowledgeBaseSummaries: items.map((id) => ({ knowledgeBaseId: id, knowledgeBaseState: 'ENABLED', updatedAt: x.updated })), ...next });
    }
    if (request.method === 'POST' && /^\/knowledgebases\/?$/.test(path)) {
      const { items, next } = this.page(a.knowledgeBaseCount, body, 10, (i) => this.knowledgeBases()[i]!, 'nextToken', 'maxResults');
      return ok('bedrock:ListKnowledgeBases', { knowledgeBaseSummaries: items.map((kb) => ({ knowledgeBaseId: kb.id, name: kb.name, status: 'ACTIVE', updatedAt: kb.created })), ...next });
    }
    if (request.method === 'GET' && (m = /^\/knowledgebases\/([^/]+)\/?$/.exec(path)) !== null) {
      const kb = kbById(decodeURIComponent(m[1] ?? ''));
      if (kb === null) return notFound();
      return ok('bedrock:GetKnowledgeBase', {
        knowledgeBase: {
          knowledgeBaseId: kb.id,
          name: kb.name,
          knowledgeBaseArn: kb.arn,
          roleArn: kb.roleArn,
          knowledgeBaseConfiguration: { type: 'VECTOR', vectorKnowledgeBaseConfiguration: { embeddingModelArn: kb.embeddingModelArn } },
          storageConfiguration: {
            type: 'OPENSEARCH_SERVERLESS',
            opensearchServerlessConfiguration: { collectionArn: `arn:aws:aoss:${a.region}:${a.accountId}:collection/${kb.id.toLowerCase()}`, vectorIndexName: 'index', fieldMapping: { vectorField: 'v', textField: 't', metadataField: 'm' } },
          },
          status: 'ACTIVE',
          createdAt: kb.created,
          updatedAt: kb.created,
        },
      });
    }
    if (request.method === 'POST' && (m = /^\/knowledgebases\/([^/]+)\/datasources\/?$/.exec(path)) !== null) {
      const kb = kbById(decodeURIComponent(m[1] ?? ''));
      if (kb === null) return notFound();
      const { items, next } = paged(kb.dataSources);
      return ok('bedrock:ListDataSources', { dataSourceSummaries: items.map((ds) => ({ knowledgeBaseId: kb.id, dataSourceId: ds.id, name: ds.name, status: 'AVAILABLE', updatedAt: kb.created })), ...next });
    }
    if (request.method === 'GET' && (m = /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/?$/.exec(path)) !== null) {
      const kb = kbById(decodeURIComponent(m[1] ?? ''));
      const ds = kb?.dataSources.find((source) => source.id === decodeURIComponent(m?.[2] ?? ''));
      if (kb === null || ds === undefined) return notFound();
      return ok('bedrock:GetDataSource', {
        dataSource: {
          knowledgeBaseId: kb.id,
          dataSourceId: ds.id,
          name: ds.name,
          status: 'AVAILABLE',
          dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: `arn:aws:s3:::${kb.name}-${ds.name}` } },
          createdAt: kb.created,
          updatedAt: kb.created,
        },
      });
    }
    if (request.method === 'GET' && (m = /^\/tags\/([^/]+)$/.exec(path)) !== null) {
      // Agents and knowledge bases carry their team (the first word of the synthetic names) as owner.
      const arn = decodeURIComponent(m[1] ?? '');
      const named = this.agents().find((agent) => agent.arn === arn) ?? this.knowledgeBases().find((kb) => kb.arn === arn);
      if (named === undefined) return notFound();
      return ok('bedrock:ListTagsForResource', { tags: { team: named.name.split('-')[0] ?? '', 'ai-system': 'bedrock' } });
    }
    return this.deny(`bedrock:${request.method} ${path}`, 'rest');
  }
}
