/**
 * Which identities get one of the scan's few service-last-accessed jobs (IAM runs one job per
 * principal, so a 5,000-role account cannot have them all). Pure: facts in, an ordered choice out.
 *
 * Ranks, best first, each identity taking its best reason:
 *   0  a role trusted by an AI service (Bedrock, Bedrock AgentCore, SageMaker), or the role of an AI
 *      workload seen in this scan (SageMaker model or notebook, Bedrock agent, knowledge base,
 *      custom model): AI by construction;
 *   1  an identity whose policies allow actions of an AI namespace (`bedrock:*`, `sagemaker:Invoke…`);
 *   2  a role trusted by Lambda or the execution role of a Lambda function, or an identity allowed
 *      `*` (or `NotAction`): able to use AI services, but so common that ranking them with rank 0
 *      would let ordinary functions crowd out the Bedrock roles;
 *   3  everyone else (service-linked roles last): last-accessed data only lists services the
 *      identity's policies allow, so these catch what the static reading above misses.
 * Within a rank, more reasons first, then by ARN, so the choice is stable from scan to scan.
 */
import type { IamRoleFacts, IamUserFacts, PolicyDocument, ScanFacts } from '../../../discovery/facts';

/** Service namespaces whose last use is recorded: the AI services an agent may call. */
export const AI_SERVICE_NAMESPACES: readonly string[] = [
  'bedrock',
  'bedrock-agentcore',
  'sagemaker',
  'q',
  'qbusiness',
  'qapps',
  'comprehend',
  'comprehendmedical',
  'textract',
  'rekognition',
  'kendra',
  'kendra-ranking',
  'transcribe',
  'translate',
  'polly',
  'lex',
  'personalize',
];

const AI_NAMESPACES = new Set(AI_SERVICE_NAMESPACES);

export function isAiServiceNamespace(namespace: string): boolean {
  return AI_NAMESPACES.has(namespace.toLowerCase());
}

/** Service principals that run AI workloads as a role. */
export const AI_SERVICE_PRINCIPALS: readonly string[] = ['bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com', 'sagemaker.amazonaws.com'];
const LAMBDA_PRINCIPAL = 'lambda.amazonaws.com';

export type LastAccessedReason =
  | 'trusted-by-ai-service'
  | 'ai-workload-role'
  | 'ai-actions'
  | 'trusted-by-lambda'
  | 'lambda-execution-role'
  | 'wildcard-actions';

const REASON_RANK: Record<LastAccessedReason, number> = {
  'trusted-by-ai-service': 0,
  'ai-workload-role': 0,
  'ai-actions': 1,
  'trusted-by-lambda': 2,
  'lambda-execution-role': 2,
  'wildcard-actions': 2,
};
const REST_RANK = 3;

export interface LastAccessedCandidate {
  arn: string;
  kind: 'user' | 'role';
  /** 0 (certainly AI) … 3 (no sign of AI). */
  rank: number;
  reasons: LastAccessedReason[];
}

export interface LastAccessedChoice {
  /** Those that get a job, best first. */
  selected: LastAccessedCandidate[];
  /** Those left out by the bound, best first. */
  skipped: LastAccessedCandidate[];
}

export type LastAccessedInputs = Pick<ScanFacts, 'iam' | 'lambda' | 'sageMaker' | 'bedrock' | 'bedrockAgents'>;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function statements(document: PolicyDocument | null | undefined): Record<string, unknown>[] {
  if (document === null || document === undefined) return [];
  return asArray(document['Statement']).filter(
    (statement): statement is Record<string, unknown> => typeof statement === 'object' && statement !== null && !Array.isArray(statement),
  );
}

function isAllow(statement: Record<string, unknown>): boolean {
  return statement['Effect'] === 'Allow';
}

function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}

/** What the Allow statements of a policy let through, as far as the AI ranking cares. */
export function policyActionSignals(document: PolicyDocument | null | undefined): { ai: boolean; wildcard: boolean } {
  let ai = false;
  let wildcard = false;
  for (const statement of statements(document)) {
    if (!isAllow(statement)) continue;
    // Allow + NotAction grants everything not listed: as broad as `*` for this purpose.
    if (statement['NotAction'] !== undefined) wildcard = true;
    for (const action of asArray(statement['Action'])) {
      if (typeof action !== 'string') continue;
      const lower = action.trim().toLowerCase();
      const colon = lower.indexOf(':');
      const service = colon >= 0 ? lower.slice(0, colon) : lower;
      if (service === '*') {
        wildcard = true;
      } else if (/[*?]/.test(service)) {
        // `bedrock*:…`, `s*:…`: a pattern over service prefixes that may take in an AI one.
        if (AI_SERVICE_NAMESPACES.some((namespace) => globMatches(service, namespace))) ai = true;
      } else if (AI_NAMESPACES.has(service)) {
        ai = true;
      }
    }
  }
  return { ai, wildcard };
}

/** The service principals a trust policy lets assume the role. */
export function trustedServices(trustPolicy: PolicyDocument): string[] {
  const services: string[] = [];
  for (const statement of statements(trustPolicy)) {
    if (!isAllow(statement)) continue;
    const principal = statement['Principal'];
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) continue;
    for (const service of asArray((principal as Record<string, unknown>)['Service'])) {
      if (typeof service === 'string') services.push(service.toLowerCase());
    }
  }
  return services;
}

/** `arn:aws:iam::123456789012:role/service-role/x` → `x` (role names are unique in an account, paths aside). */
function roleNameOfArn(arn: string | null | undefined): string | null {
  if (arn === null || arn === undefined) return null;
  const at = arn.indexOf(':role/');
  if (at < 0) return null;
  const rest = arn.slice(at + ':role/'.length);
  return rest.slice(rest.lastIndexOf('/') + 1) || null;
}

function workloadRoleNames(facts: LastAccessedInputs): { ai: Set<string>; lambda: Set<string> } {
  const ai = new Set<string>();
  const lambda = new Set<string>();
  const add = (set: Set<string>, arn: string | null | undefined): void => {
    const name = roleNameOfArn(arn);
    if (name !== null) set.add(name);
  };
  for (const fn of facts.lambda?.functions ?? []) add(lambda, fn.roleArn);
  for (const model of facts.sageMaker?.models ?? []) add(ai, model.executionRoleArn);
  for (const notebook of facts.sageMaker?.notebookInstances ?? []) add(ai, notebook.roleArn);
  for (const agent of facts.bedrockAgents?.agents ?? []) add(ai, agent.roleArn);
  for (const knowledgeBase of facts.bedrockAgents?.knowledgeBases ?? []) add(ai, knowledgeBase.roleArn);
  for (const model of facts.bedrock?.customModels ?? []) add(ai, model.jobRoleArn);
  return { ai, lambda };
}

/** Ranks every IAM user and role and keeps the best `limit`. */
export function chooseLastAccessedPrincipals(facts: LastAccessedInputs, limit: number): LastAccessedChoice {
  const iam = facts.iam;
  if (iam === null) return { selected: [], skipped: [] };
  const managed = new Map(iam.policies.map((policy) => [policy.arn, policy.document]));
  const groups = new Map(iam.groups.map((group) => [group.name, group]));
  const workloads = workloadRoleNames(facts);

  const documentsOf = (principal: IamUserFacts | IamRoleFacts, groupNames: readonly string[]): (PolicyDocument | null | undefined)[] => {
    const documents: (PolicyDocument | null | undefined)[] = [
      ...principal.inlinePolicies.map((policy) => policy.document),
      ...principal.attachedPolicies.map((policy) => managed.get(policy.arn)),
    ];
    for (const name of groupNames) {
      const group = groups.get(name);
      if (group === undefined) continue;
      documents.push(...group.inlinePolicies.map((policy) => policy.document), ...group.attachedPolicies.map((policy) => managed.get(policy.arn)));
    }
    return documents;
  };

  const policyReasons = (documents: (PolicyDocument | null | undefined)[]): LastAccessedReason[] => {
    let ai = false;
    let wildcard = false;
    for (const document of documents) {
      const signals = policyActionSignals(document);
      ai ||= signals.ai;
      wildcard ||= signals.wildcard;
    }
    return [...(ai ? (['ai-actions'] as const) : []), ...(wildcard ? (['wildcard-actions'] as const) : [])];
  };

  const candidates: (LastAccessedCandidate & { serviceLinked: boolean })[] = [];
  for (const user of iam.users) {
    const reasons = policyReasons(documentsOf(user, user.groups));
    candidates.push({ arn: user.arn, kind: 'user', rank: rankOf(reasons), reasons, serviceLinked: false });
  }
  for (const role of iam.roles) {
    const reasons: LastAccessedReason[] = [];
    const services = trustedServices(role.trustPolicy);
    if (services.some((service) => AI_SERVICE_PRINCIPALS.includes(service))) reasons.push('trusted-by-ai-service');
    if (workloads.ai.has(role.name)) reasons.push('ai-workload-role');
    if (services.includes(LAMBDA_PRINCIPAL)) reasons.push('trusted-by-lambda');
    if (workloads.lambda.has(role.name)) reasons.push('lambda-execution-role');
    reasons.push(...policyReasons(documentsOf(role, [])));
    candidates.push({ arn: role.arn, kind: 'role', rank: rankOf(reasons), reasons, serviceLinked: role.serviceLinked });
  }

  candidates.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.reasons.length - a.reasons.length ||
      Number(a.serviceLinked) - Number(b.serviceLinked) ||
      (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0),
  );
  const bound = Math.max(0, Math.floor(limit));
  const plain = candidates.map(({ serviceLinked: _serviceLinked, ...candidate }) => candidate);
  return { selected: plain.slice(0, bound), skipped: plain.slice(bound) };
}

function rankOf(reasons: readonly LastAccessedReason[]): number {
  return reasons.reduce((best, reason) => Math.min(best, REASON_RANK[reason]), REST_RANK);
}
