/**
 * Facts in, inventory out: one row per IAM user (its Bedrock API keys among its credentials) and per
 * role of a scan, service-linked roles included and marked, plus one per role a workload runs as that
 * the scan does not contain. Pure and linear in the size of the facts: policies, groups, report rows,
 * workloads and service-last-accessed entries are indexed once, and each managed policy is read once
 * however many principals attach it.
 */
import { accountIdOfArn, isAwsManagedPolicyArn, parseArn } from '../../discovery/arn';
import type {
  CredentialReportRow,
  IamGroupFacts,
  InlinePolicy,
  AttachedPolicyRef,
  ManagedPolicyFacts,
  ScanFacts,
  ServiceLastAccessedFacts,
  Tags,
} from '../../discovery/facts';
import { isAiNamespace, isManagementAction } from './ai-services';
import { matchAiTags } from './ai-tags';
import { isBedrockCredential, latestOf, reportCredentials, reportLastUsed, serviceCredential } from './credentials';
import { ownerFromTags } from './owner-tags';
import { isHumanAccessUser, trustsOnlySaml } from './human-access';
import { aiServicePrincipals, allowedAiActions, summariseTrust } from './policy-reading';
import {
  AGENT_KINDS,
  AI_SIGNAL_KINDS,
  WORKLOAD_TYPES,
  type AgentKind,
  type AiSignal,
  type InventoryAgent,
  type InventoryCredential,
  type InventoryWorkload,
  type RegistryEntry,
  type TrustSummary,
} from './types';
import { collectWorkloadRuns, workloadLabel, type WorkloadRun } from './workloads';

/** Service-last-accessed use of an AI service within this many days counts as recent. */
export const RECENT_AI_USE_DAYS = 90;

const DAY_MS = 86_400_000;
const NO_SIGNALS: readonly AiSignal[] = Object.freeze([]);
const NO_WORKLOADS: readonly InventoryWorkload[] = Object.freeze([]);
const NO_ENTRIES: readonly ServiceLastAccessedFacts[] = Object.freeze([]);
/** How many actions a permission signal quotes before "…". */
const QUOTED_ACTIONS = 4;

/** AWS-managed AI policies by name, for exports that list the attachment but not the document. */
const AI_MANAGED_POLICY_NAME =
  /(Bedrock|SageMaker|Comprehend|Rekognition|Textract|Transcribe|Translate|Polly|Kendra|Personalize|Forecast|FraudDetector|Lookout|CodeWhisperer|MachineLearning|QBusiness|AmazonQ(?=[A-Z]|$)|Lex(?=[A-Z_]|$))/;

export interface UnattachedWorkload {
  workload: InventoryWorkload;
  reason: string;
}

export interface InventoryReport {
  agents: InventoryAgent[];
  /** Workloads that name no identity the inventory could hang them under (a role ARN is never dropped). */
  unattachedWorkloads: UnattachedWorkload[];
}

/** The inventory rows of a scan; see `deriveInventoryReport` for the workloads no row could take. */
export function deriveInventory(facts: ScanFacts, registry: ReadonlyMap<string, RegistryEntry>, clock: () => Date): InventoryAgent[] {
  return deriveInventoryReport(facts, registry, clock).agents;
}

interface PrincipalDraft {
  arn: string;
  kind: AgentKind;
  name: string;
  path: string;
  awsManaged: boolean;
  managedBy: InventoryAgent['managedBy'];
  createdAt: string | null;
  lastUsedAt: string | null;
  tags: Tags;
  groups: string[];
  credentials: InventoryCredential[];
  credentialsKnown: boolean;
  trust: TrustSummary | null;
  /** A role people sign in through (Identity Center, SAML federation). Users are judged when finished. */
  humanRole: boolean;
  signals: AiSignal[];
}

export function deriveInventoryReport(
  facts: ScanFacts,
  registry: ReadonlyMap<string, RegistryEntry>,
  clock: () => Date,
): InventoryReport {
  const nowMs = clock().getTime();
  const context = new SignalContext(facts, nowMs);
  const drafts: PrincipalDraft[] = [];
  const iam = facts.iam;

  const reportByArn = new Map<string, CredentialReportRow>();
  for (const row of facts.credentialReport?.rows ?? []) if (!row.isRoot) reportByArn.set(row.arn, row);
  const keysByUser = groupBy(facts.serviceSpecificCredentials ?? [], (credential) => credential.userName);
  const userArnByName = new Map<string, string>();

  // Users: from IAM, then any that only the credential report or a Bedrock API key names (IAM
  // denied, or a user created between the reads), so no user of the scan goes missing.
  const userDrafts: PrincipalDraft[] = [];
  for (const user of iam?.users ?? []) {
    const draft = userDraft(user.arn, user.name, user.path, user.createdAt, user.tags, user.groups, reportByArn.get(user.arn) ?? null, nowMs);
    draft.signals.push(...context.permissionSignals(user.inlinePolicies, user.attachedPolicies, user.arn));
    draft.signals.push(...context.groupSignals(user.groups));
    userDrafts.push(draft);
    userArnByName.set(user.name, user.arn);
  }
  for (const row of reportByArn.values()) {
    if (userArnByName.has(row.user)) continue;
    const path = pathOfArn(row.arn, 'user') ?? '/';
    userDrafts.push(userDraft(row.arn, row.user, path, row.userCreationTime, {}, [], row, nowMs));
    userArnByName.set(row.user, row.arn);
  }
  for (const userName of keysByUser.keys()) {
    if (userArnByName.has(userName)) continue;
    const arn = `arn:${facts.account.partition}:iam::${facts.account.id}:user/${userName}`;
    userDrafts.push(userDraft(arn, userName, '/', null, {}, [], null, nowMs));
    userArnByName.set(userName, arn);
  }
  const userDraftByName = new Map(userDrafts.map((draft) => [draft.name, draft]));
  for (const [userName, credentials] of keysByUser) {
    const user = userDraftByName.get(userName);
    if (user === undefined) continue;
    for (const credential of credentials) {
      user.credentials.push(serviceCredential(credential, nowMs));
      if (!isBedrockCredential(credential)) continue;
      user.signals.push({
        signal: 'ai-credential',
        source: user.arn,
        detail: `holds Bedrock API key ${credential.id} (${credential.status}${credential.expiresAt === null ? ', never expires' : `, expires ${credential.expiresAt}`})`,
      });
    }
  }
  for (const draft of userDrafts) {
    // Service-last-accessed also sees use the report cannot: a Bedrock API key acts as its user.
    draft.lastUsedAt = latestOf(draft.lastUsedAt, context.lastAccess(draft.arn));
    draft.signals.push(...context.lastAccessedSignals(draft.arn), ...keyUseSignals(draft, reportByArn.get(draft.arn), context.recentSinceMs));
    draft.signals.push(...tagSignals(draft.arn, draft.tags));
    drafts.push(draft);
  }

  // Roles, and the workloads that run as them.
  const roleByArn = new Map<string, PrincipalDraft>();
  const roleByAccountName = new Map<string, PrincipalDraft>();
  for (const role of iam?.roles ?? []) {
    const trust = summariseTrust(role.trustPolicy);
    const draft: PrincipalDraft = {
      arn: role.arn,
      kind: 'iam-role',
      name: role.name,
      path: role.path,
      awsManaged: role.serviceLinked,
      managedBy: role.serviceLinked ? 'aws-service' : isIdentityCenterPath(role.path) ? 'identity-center' : null,
      createdAt: role.createdAt,
      lastUsedAt: latestOf(role.lastUsed.date, context.lastAccess(role.arn)),
      tags: role.tags,
      groups: [],
      credentials: [],
      credentialsKnown: true,
      trust,
      humanRole: isIdentityCenterPath(role.path) || trustsOnlySaml(role.trustPolicy),
      signals: [],
    };
    for (const principal of aiServicePrincipals(trust)) {
      draft.signals.push({ signal: 'trusted-by-ai-service', source: role.arn, detail: `the trust policy lets ${principal} assume the role` });
    }
    draft.signals.push(...context.permissionSignals(role.inlinePolicies, role.attachedPolicies, role.arn));
    draft.signals.push(...context.lastAccessedSignals(role.arn), ...tagSignals(role.arn, role.tags));
    drafts.push(draft);
    roleByArn.set(role.arn, draft);
    roleByAccountName.set(accountNameKey(accountIdOfArn(role.arn) ?? facts.account.id, role.name), draft);
  }

  const workloadsByArn = new Map<string, InventoryWorkload[]>();
  const workloadOwnersByArn = new Map<string, WorkloadOwner[]>();
  const unattachedWorkloads: UnattachedWorkload[] = [];
  for (const run of collectWorkloadRuns(facts)) {
    if (run.roleArn === null) {
      unattachedWorkloads.push({ workload: run.workload, reason: run.unattachedReason ?? 'names no identity' });
      continue;
    }
    const draft = resolveRole(run, roleByArn, roleByAccountName, facts) ?? unscannedRoleDraft(run.roleArn);
    if (!roleByArn.has(draft.arn)) {
      roleByArn.set(draft.arn, draft);
      drafts.push(draft);
    }
    const list = workloadsByArn.get(draft.arn) ?? [];
    if (!list.some((w) => w.arn === run.workload.arn)) list.push(run.workload);
    workloadsByArn.set(draft.arn, list);
    draft.signals.push(...run.signals);
    const tagged = ownerFromTags(run.tags);
    if (tagged !== null) {
      const owners = workloadOwnersByArn.get(draft.arn) ?? [];
      owners.push({ ...tagged, workload: run.workload });
      workloadOwnersByArn.set(draft.arn, owners);
    }
  }

  const ownAccount = { prefix: `arn:${facts.account.partition}:iam::${facts.account.id}:`, id: facts.account.id };
  const agents = drafts.map((draft) =>
    finishAgent(draft, registry, workloadsByArn.get(draft.arn) ?? NO_WORKLOADS, workloadOwnersByArn.get(draft.arn) ?? [], ownAccount, context.managementOnly),
  );
  agents.sort(compareAgents);
  return { agents, unattachedWorkloads };
}

function userDraft(
  arn: string,
  name: string,
  path: string,
  createdAt: string | null,
  tags: Tags,
  groups: string[],
  row: CredentialReportRow | null,
  nowMs: number,
): PrincipalDraft {
  return {
    arn,
    kind: 'iam-user',
    name,
    path,
    awsManaged: false,
    managedBy: null,
    createdAt: createdAt ?? row?.userCreationTime ?? null,
    lastUsedAt: row === null ? null : reportLastUsed(row),
    tags,
    groups: [...groups].sort(),
    credentials: row === null ? [] : reportCredentials(row, nowMs),
    credentialsKnown: row !== null,
    trust: null,
    humanRole: false,
    signals: [],
  };
}

/** Roles IAM Identity Center creates for permission sets live under this path (optionally with a region). */
function isIdentityCenterPath(path: string): boolean {
  return path.startsWith('/aws-reserved/sso.amazonaws.com/');
}

/**
 * `recent-ai-use` from the credential report: an access key last used with an AI service. It is the
 * one use record an offline import has, and it needs no service-last-accessed job.
 */
function keyUseSignals(draft: PrincipalDraft, row: CredentialReportRow | undefined, recentSinceMs: number): AiSignal[] {
  if (row === undefined) return [];
  const signals: AiSignal[] = [];
  for (const key of row.accessKeys) {
    if (key.lastUsedService === null || key.lastUsedDate === null || !isAiNamespace(key.lastUsedService)) continue;
    const at = Date.parse(key.lastUsedDate);
    if (Number.isNaN(at) || at < recentSinceMs) continue;
    const where = key.lastUsedRegion !== null ? ` in ${key.lastUsedRegion}` : '';
    signals.push({ signal: 'recent-ai-use', source: draft.arn, detail: `access key ${key.slot} was last used with ${key.lastUsedService} on ${key.lastUsedDate}${where}` });
  }
  return signals;
}

function accountNameKey(accountId: string, name: string): string {
  return `${accountId}/${name}`;
}

/** `arn:aws:iam::1:role/service-role/x` → `/service-role/`; null when the ARN is not of that kind. */
function pathOfArn(arn: string, kind: 'role' | 'user'): string | null {
  const resource = parseArn(arn)?.resource;
  if (resource === undefined || !resource.startsWith(`${kind}/`)) return null;
  const parts = resource.split('/');
  return parts.length <= 2 ? '/' : `/${parts.slice(1, -1).join('/')}/`;
}

function nameOfArn(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.lastIndexOf('/') + 1) || arn;
}

/**
 * The role a workload names. Exact ARN first; otherwise the same account and role name, since a role
 * name is unique in its account and services sometimes echo a role ARN without its path.
 */
function resolveRole(
  run: WorkloadRun,
  byArn: ReadonlyMap<string, PrincipalDraft>,
  byAccountName: ReadonlyMap<string, PrincipalDraft>,
  facts: ScanFacts,
): PrincipalDraft | undefined {
  const roleArn = run.roleArn ?? '';
  const exact = byArn.get(roleArn);
  if (exact !== undefined) return exact;
  const parsed = parseArn(roleArn);
  if (parsed === null || parsed.service !== 'iam' || !parsed.resource.startsWith('role/')) return undefined;
  return byAccountName.get(accountNameKey(parsed.accountId || facts.account.id, nameOfArn(roleArn)));
}

function unscannedRoleDraft(roleArn: string): PrincipalDraft {
  return {
    arn: roleArn,
    kind: 'unscanned-role',
    name: nameOfArn(roleArn),
    path: pathOfArn(roleArn, 'role') ?? '/',
    awsManaged: false,
    managedBy: null,
    createdAt: null,
    lastUsedAt: null,
    tags: {},
    groups: [],
    credentials: [],
    credentialsKnown: false,
    trust: null,
    humanRole: false,
    signals: [],
  };
}

function tagSignals(arn: string, tags: Tags): AiSignal[] {
  return matchAiTags(tags).map((match) => ({
    signal: 'ai-tag' as const,
    source: arn,
    detail: `tagged ${match.key}=${match.value} ("${match.word}" in the ${match.in})`,
  }));
}

/** Indexes shared by every principal; managed-policy and group verdicts are computed once each. */
class SignalContext {
  private readonly policies: Map<string, ManagedPolicyFacts>;
  private readonly groups: Map<string, IamGroupFacts>;
  private readonly lastAccessed: Map<string, ServiceLastAccessedFacts[]>;
  private readonly policySignals = new Map<string, AiSignal | null>();
  private readonly groupVerdicts = new Map<string, AiSignal[]>();
  /** `ai-permissions` signals whose actions only administer AI resources (see isManagementAction). */
  readonly managementOnly = new WeakSet<AiSignal>();
  /** Use at or after this moment counts as recent. */
  readonly recentSinceMs: number;

  constructor(facts: ScanFacts, nowMs: number) {
    this.policies = new Map((facts.iam?.policies ?? []).map((policy) => [policy.arn, policy]));
    this.groups = new Map((facts.iam?.groups ?? []).map((group) => [group.name, group]));
    this.lastAccessed = groupBy(facts.serviceLastAccessed ?? [], (entry) => entry.principalArn);
    this.recentSinceMs = nowMs - RECENT_AI_USE_DAYS * DAY_MS;
  }

  /** `ai-permissions` signals of inline and attached policies; `via` names a group they come from. */
  permissionSignals(inline: readonly InlinePolicy[], attached: readonly AttachedPolicyRef[], ownerArn: string, via = ''): AiSignal[] {
    const signals: AiSignal[] = [];
    for (const policy of inline) {
      const actions = allowedAiActions(policy.document);
      if (actions.length > 0) {
        signals.push(this.permissionSignal(actions, ownerArn, `${via}inline policy ${policy.name} allows ${quoteActions(actions)}`));
      }
    }
    for (const ref of attached) {
      const signal = via === '' ? this.managedPolicySignal(ref) : this.readManagedPolicy(ref, via);
      if (signal !== null) signals.push(signal);
    }
    return signals;
  }

  /**
   * The signal of an attached managed policy, built once per policy: it names only the policy, so
   * every principal attaching it shares the same (read-only) object.
   */
  private managedPolicySignal(ref: AttachedPolicyRef): AiSignal | null {
    const cached = this.policySignals.get(ref.arn);
    if (cached !== undefined) return cached;
    const signal = this.readManagedPolicy(ref, '');
    this.policySignals.set(ref.arn, signal);
    return signal;
  }

  private readManagedPolicy(ref: AttachedPolicyRef, via: string): AiSignal | null {
    const document = this.policies.get(ref.arn)?.document ?? null;
    if (document === null) {
      if (!isAwsManagedPolicyArn(ref.arn) || !AI_MANAGED_POLICY_NAME.test(ref.name)) return null;
      return {
        signal: 'ai-permissions',
        source: ref.arn,
        detail: `${via}AWS managed policy ${ref.name} is attached (its document is not in the scan; judged by its name)`,
      };
    }
    const actions = allowedAiActions(document);
    if (actions.length === 0) return null;
    return this.permissionSignal(actions, ref.arn, `${via}managed policy ${ref.name} allows ${quoteActions(actions)}`);
  }

  private permissionSignal(actions: readonly string[], source: string, detail: string): AiSignal {
    const signal: AiSignal = { signal: 'ai-permissions', source, detail };
    if (actions.every(isManagementAction)) this.managementOnly.add(signal);
    return signal;
  }

  /** The signals a user inherits from its groups. */
  groupSignals(groupNames: readonly string[]): AiSignal[] {
    const signals: AiSignal[] = [];
    for (const name of groupNames) {
      let verdict = this.groupVerdicts.get(name);
      if (verdict === undefined) {
        const group = this.groups.get(name);
        verdict = group === undefined ? [] : this.permissionSignals(group.inlinePolicies, group.attachedPolicies, group.arn, `group ${name}: `);
        this.groupVerdicts.set(name, verdict);
      }
      signals.push(...verdict);
    }
    return signals;
  }

  /** The latest use of any service by the principal in service-last-accessed data, or null. */
  lastAccess(principalArn: string): string | null {
    let latest: string | null = null;
    for (const entry of this.lastAccessed.get(principalArn) ?? NO_ENTRIES) latest = latestOf(latest, entry.lastAuthenticated);
    return latest;
  }

  /** `recent-ai-use`: an AI service used within RECENT_AI_USE_DAYS, per service-last-accessed data. */
  lastAccessedSignals(principalArn: string): readonly AiSignal[] {
    const entries = this.lastAccessed.get(principalArn);
    if (entries === undefined) return NO_SIGNALS;
    const signals: AiSignal[] = [];
    for (const entry of entries) {
      if (entry.lastAuthenticated === null || !isAiNamespace(entry.serviceNamespace)) continue;
      const at = Date.parse(entry.lastAuthenticated);
      if (Number.isNaN(at) || at < this.recentSinceMs) continue;
      const where = entry.lastAuthenticatedRegion !== null ? ` in ${entry.lastAuthenticatedRegion}` : '';
      signals.push({
        signal: 'recent-ai-use',
        source: principalArn,
        detail: `used ${entry.serviceName ?? entry.serviceNamespace} (${entry.serviceNamespace}) on ${entry.lastAuthenticated}${where}`,
      });
    }
    return signals;
  }
}

function quoteActions(actions: readonly string[]): string {
  const shown = actions.slice(0, QUOTED_ACTIONS).join(', ');
  return actions.length > QUOTED_ACTIONS ? `${shown} and ${actions.length - QUOTED_ACTIONS} more` : shown;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  return groups;
}

const SIGNAL_ORDER = new Map<string, number>(AI_SIGNAL_KINDS.map((kind, index) => [kind, index]));
const WORKLOAD_ORDER = new Map<string, number>(WORKLOAD_TYPES.map((type, index) => [type, index]));
const KIND_ORDER = new Map<string, number>(AGENT_KINDS.map((kind, index) => [kind, index]));

function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareAgents(a: InventoryAgent, b: InventoryAgent): number {
  return (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) || compareText(a.name, b.name) || compareText(a.arn, b.arn);
}

function uniqueSignals(signals: readonly AiSignal[]): AiSignal[] {
  const seen = new Set<string>();
  return signals.filter((signal) => {
    const key = `${signal.signal}\u0000${signal.source}\u0000${signal.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function finishAgent(
  draft: PrincipalDraft,
  registry: ReadonlyMap<string, RegistryEntry>,
  workloads: readonly InventoryWorkload[],
  workloadOwners: readonly WorkloadOwner[],
  ownAccount: { prefix: string; id: string },
  managementOnly: WeakSet<AiSignal>,
): InventoryAgent {
  const entry = registry.get(draft.arn);
  const owner = resolveOwner(entry, draft.tags, workloadOwners);
  // One signal per piece of evidence, grouped by kind in a fixed order.
  const signals = draft.signals.length < 2 ? draft.signals : uniqueSignals(draft.signals);
  if (signals.length > 1) signals.sort((a, b) => (SIGNAL_ORDER.get(a.signal) ?? 0) - (SIGNAL_ORDER.get(b.signal) ?? 0));
  const sortedWorkloads = workloads.length === 0 ? [] : [...workloads].sort(
    (a, b) => (WORKLOAD_ORDER.get(a.type) ?? 0) - (WORKLOAD_ORDER.get(b.type) ?? 0) || compareText(a.name, b.name) || compareText(a.arn, b.arn),
  );
  // People are not agents: a role people sign in through, or a user a person signs in as, is human
  // access. Its permissions are still analysed; it is never an AI agent (its signals stay listed).
  const access: InventoryAgent['access'] =
    draft.humanRole || (draft.kind === 'iam-user' && isHumanAccessUser(draft.credentials, draft.tags, workloads.length)) ? 'human' : 'workload';
  const aiUse = access === 'human' ? null : aiUseOf(signals, managementOnly);
  return {
    arn: draft.arn,
    kind: draft.kind,
    name: draft.name,
    // Most ARNs are the scanned account's own; parse only the others.
    accountId: draft.arn.startsWith(ownAccount.prefix) ? ownAccount.id : (accountIdOfArn(draft.arn) ?? ownAccount.id),
    path: draft.path,
    awsManaged: draft.awsManaged,
    managedBy: draft.managedBy,
    createdAt: draft.createdAt,
    lastUsedAt: draft.lastUsedAt,
    owner: owner.owner,
    ownerSource: owner.source,
    ownerTag: owner.tag,
    status: entry?.status ?? 'unregistered',
    tags: draft.tags,
    groups: draft.groups,
    credentials: draft.credentials,
    credentialsKnown: draft.credentialsKnown,
    trust: draft.trust,
    workloads: sortedWorkloads,
    access,
    aiUse,
    ai: aiUse === 'runs',
    aiSignals: signals,
  };
}

/** Signals that show an identity runs or invokes AI, whatever its permissions. */
const RUNS_AI_SIGNALS: ReadonlySet<AiSignal['signal']> = new Set(['trusted-by-ai-service', 'ai-env-var', 'ai-workload', 'ai-credential']);

/**
 * What a workload identity does with AI: `runs` (invokes models, runs agents, endpoints, AI workloads,
 * trusted by an AI service), `manages` (its AI permissions only build and configure AI resources: a
 * Terraform or CI role; its recent AI use is then taken as that administration), or null without AI
 * signals. Tags or recent use alone keep meaning `runs`, as before.
 */
function aiUseOf(signals: readonly AiSignal[], managementOnly: WeakSet<AiSignal>): InventoryAgent['aiUse'] {
  if (signals.length === 0) return null;
  let manages = false;
  for (const signal of signals) {
    if (RUNS_AI_SIGNALS.has(signal.signal)) return 'runs';
    if (signal.signal === 'ai-permissions') {
      if (!managementOnly.has(signal)) return 'runs';
      manages = true;
    }
  }
  return manages ? 'manages' : 'runs';
}

/** An owner-like tag on a workload that runs as an identity. */
interface WorkloadOwner {
  owner: string;
  tag: string;
  workload: InventoryWorkload;
}

/**
 * Registry owner first (a person's word beats a tag), then an owner-like tag on the identity, then
 * one on the workloads that run as it — only when they all name the same owner: workloads owned by
 * different teams sharing one role leave the choice to a human.
 */
function resolveOwner(
  entry: RegistryEntry | undefined,
  tags: Tags,
  workloadOwners: readonly WorkloadOwner[],
): { owner: string | null; source: InventoryAgent['ownerSource']; tag: string | null } {
  const registered = entry?.owner?.trim() ?? '';
  if (registered !== '') return { owner: registered, source: 'registry', tag: null };
  const fromTags = ownerFromTags(tags);
  if (fromTags !== null) return { owner: fromTags.owner, source: 'tag', tag: fromTags.tag };
  if (workloadOwners.length > 0) {
    const sorted = [...workloadOwners].sort((a, b) => compareText(a.workload.arn, b.workload.arn) || compareText(a.tag, b.tag));
    const first = sorted[0] as WorkloadOwner;
    const same = sorted.every((o) => o.owner.toLowerCase() === first.owner.toLowerCase());
    if (same) return { owner: first.owner, source: 'tag', tag: `${first.tag} on ${workloadLabel(first.workload)}` };
  }
  return { owner: null, source: null, tag: null };
}
