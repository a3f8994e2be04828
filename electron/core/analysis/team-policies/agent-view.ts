/**
 * The agent view: what a user-written policy sees of one agent, as plain data. Its fields are the ones
 * documented in shared/policy-language.ts (a unit test holds the two together), computed from the
 * analysed agent, the registry and the scan's other findings, with ages in whole days at the moment of
 * the scan. Built the same way whether the analysis runs or a policy is tried against a stored scan.
 */
import type { Agent } from '@shared/contract';
import type { RegistryRecord, ServiceAccess, Severity } from '../types';
import type { AccessKeyCredential, InventoryAgent, PasswordCredential, ServiceSpecificCredential } from '../inventory/types';
import { isGovernedAgent } from '../rules/identities';

export interface WorkloadView {
  kind: string;
  name: string;
  arn: string;
  region: string;
}

export interface AccessKeyView {
  slot: number;
  active: boolean;
  ageDays: number | null;
  lastUsedDays: number | null;
  lastUsedService: string | null;
}

export interface ServiceCredentialView {
  kind: string;
  service: string;
  active: boolean;
  ageDays: number | null;
  expires: boolean;
}

export interface TrustView {
  services: string[];
  aws: string[];
  federated: string[];
  anyPrincipal: boolean;
}

export type FindingCountsView = Record<Severity, number>;

export interface AgentView {
  arn: string;
  name: string;
  kind: string;
  accountId: string;
  path: string;
  ai: boolean;
  aiUse: 'runs' | 'manages' | null;
  aiSignals: string[];
  tier: number;
  computedTier: number;
  tierOverridden: boolean;
  tierReasons: string[];
  owner: string | null;
  ownerSource: string | null;
  status: string;
  purpose: string | null;
  dataScope: string | null;
  lastReviewDays: number | null;
  tags: Record<string, string>;
  groups: string[];
  createdAt: string | null;
  ageDays: number | null;
  lastUsedAt: string | null;
  lastUsedDays: number | null;
  workloads: WorkloadView[];
  services: string[];
  writeServices: string[];
  canEscalate: boolean;
  accessKeys: AccessKeyView[];
  serviceCredentials: ServiceCredentialView[];
  consolePassword: boolean;
  mfa: boolean;
  credentialsKnown: boolean;
  trust: TrustView;
  findingCounts: FindingCountsView;
}

/**
 * The agent the view is derived from: the agent's one shape (shared/contract.ts), which both an
 * analysed agent and a stored one are. Its own finding counts are not read: the view counts the other
 * rules' findings only (see `findingCounts` below).
 */
export type AgentViewAgent = Omit<Agent, 'findingCounts'>;

export interface AgentViewSource {
  agent: AgentViewAgent;
  /** Its findings by severity from every rule except governance_policy_violation. */
  findingCounts: FindingCountsView;
  registry: RegistryRecord | null;
  /** The moment of the scan: ages are counted to it. */
  now: Date;
}

const DAY_MS = 86_400_000;

/** Whole days from an ISO date to `now` (never negative); null for a missing or unreadable date. */
export function daysBetween(iso: string | null | undefined, now: Date): number | null {
  if (iso === null || iso === undefined) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));
}

/**
 * The identities policies look at: the governed agents (roles and machine users the team manages),
 * never service-linked roles, IAM Identity Center roles, people's IAM users, or roles the scan did
 * not see (a workload's role in another account).
 */
export function isPolicySubject(agent: InventoryAgent): boolean {
  return agent.kind !== 'unscanned-role' && isGovernedAgent(agent);
}

function anyAllowed(access: ServiceAccess, levels: readonly (keyof ServiceAccess['levels'])[]): boolean {
  return levels.some((level) => (access.levels[level]?.allowed ?? 0) > 0);
}

export function buildAgentView(source: AgentViewSource): AgentView {
  const { agent, registry, now } = source;
  const password = agent.credentials.find((c): c is PasswordCredential => c.type === 'console-password') ?? null;
  const keys = agent.credentials.filter((c): c is AccessKeyCredential => c.type === 'access-key');
  const serviceCredentials = agent.credentials.filter(
    (c): c is ServiceSpecificCredential => c.type === 'bedrock-api-key' || c.type === 'service-specific-credential',
  );
  const permissions = agent.permissions ?? [];
  return {
    arn: agent.arn,
    name: agent.name,
    kind: agent.kind,
    accountId: agent.accountId,
    path: agent.path,
    ai: agent.ai,
    aiUse: agent.aiUse,
    aiSignals: [...new Set(agent.aiSignals.map((signal) => signal.signal))],
    tier: agent.tier.tier,
    computedTier: agent.tier.computed,
    tierOverridden: agent.tier.override !== null,
    tierReasons: agent.tier.reasons.map((reason) => reason.reason),
    owner: agent.owner,
    ownerSource: agent.ownerSource,
    status: agent.status,
    purpose: registry?.purpose ?? null,
    dataScope: registry?.dataScope ?? null,
    lastReviewDays: daysBetween(registry?.lastReviewAt, now),
    tags: { ...agent.tags },
    groups: [...agent.groups],
    createdAt: agent.createdAt,
    ageDays: daysBetween(agent.createdAt, now),
    lastUsedAt: agent.lastUsedAt,
    lastUsedDays: daysBetween(agent.lastUsedAt, now),
    workloads: agent.workloads.map((w) => ({ kind: w.type, name: w.name, arn: w.arn, region: w.region })),
    services: permissions.filter((p) => anyAllowed(p, ['List', 'Read', 'Write', 'Permissions management', 'Tagging'])).map((p) => p.service),
    writeServices: permissions.filter((p) => anyAllowed(p, ['Write', 'Permissions management'])).map((p) => p.service),
    canEscalate: agent.escalationPaths.length > 0,
    accessKeys: keys.map((key) => ({
      slot: key.slot,
      active: key.active,
      ageDays: key.ageDays,
      lastUsedDays: daysBetween(key.lastUsedAt, now),
      lastUsedService: key.lastUsedService,
    })),
    serviceCredentials: serviceCredentials.map((c) => ({
      kind: c.type,
      service: c.serviceName,
      active: c.active,
      ageDays: c.ageDays,
      expires: c.expiresAt !== null,
    })),
    consolePassword: password?.enabled === true,
    mfa: password?.mfaActive === true,
    credentialsKnown: agent.kind === 'iam-user' ? agent.credentialsKnown : true,
    trust: {
      services: [...(agent.trust?.services ?? [])],
      aws: [...(agent.trust?.aws ?? [])],
      federated: [...(agent.trust?.federated ?? [])],
      anyPrincipal: agent.trust?.anyPrincipal ?? false,
    },
    findingCounts: { ...source.findingCounts },
  };
}
