/** A governed agent's view with every field set, for the engine tests. */
import type { AgentView } from '@core/analysis/team-policies/agent-view';

export function sampleView(overrides: Partial<AgentView> = {}): AgentView {
  return {
    arn: 'arn:aws:iam::123456789012:role/support-bot',
    name: 'support-bot',
    kind: 'iam-role',
    accountId: '123456789012',
    path: '/agents/',
    ai: true,
    aiSignals: ['trusted-by-ai-service', 'ai-permissions'],
    tier: 1,
    computedTier: 2,
    tierOverridden: true,
    tierReasons: ['can read s3:* on a bucket tagged data-class=pii'],
    owner: 'support-team@example.com',
    ownerSource: 'tag',
    status: 'registered',
    purpose: 'Answers support tickets',
    dataScope: 'customer PII in tickets',
    lastReviewDays: 12,
    tags: { 'cost-center': 'cc-42', team: 'support' },
    groups: [],
    createdAt: '2024-03-01T00:00:00Z',
    ageDays: 400,
    lastUsedAt: '2025-04-01T00:00:00Z',
    lastUsedDays: 3,
    workloads: [
      { kind: 'bedrock-agent', name: 'support-agent', arn: 'arn:aws:bedrock:eu-west-1:123456789012:agent/ABC', region: 'eu-west-1' },
      { kind: 'lambda-function', name: 'ticket-lookup', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:ticket-lookup', region: 'eu-west-1' },
    ],
    services: ['bedrock', 's3'],
    writeServices: ['s3'],
    canEscalate: false,
    accessKeys: [],
    serviceCredentials: [],
    consolePassword: false,
    mfa: false,
    credentialsKnown: true,
    trust: { services: ['bedrock.amazonaws.com'], aws: [], federated: [], anyPrincipal: false },
    findingCounts: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
    ...overrides,
  };
}

/** A machine IAM user with keys. */
export function userView(overrides: Partial<AgentView> = {}): AgentView {
  return sampleView({
    arn: 'arn:aws:iam::123456789012:user/ci-deployer',
    name: 'ci-deployer',
    kind: 'iam-user',
    path: '/',
    ai: false,
    aiSignals: [],
    tier: 2,
    computedTier: 2,
    tierOverridden: false,
    owner: null,
    ownerSource: null,
    status: 'unregistered',
    purpose: null,
    dataScope: null,
    lastReviewDays: null,
    tags: {},
    groups: ['deployers'],
    workloads: [],
    accessKeys: [
      { slot: 1, active: true, ageDays: 120, lastUsedDays: 2, lastUsedService: 's3' },
      { slot: 2, active: false, ageDays: 500, lastUsedDays: null, lastUsedService: null },
    ],
    serviceCredentials: [{ kind: 'bedrock-api-key', service: 'bedrock.amazonaws.com', active: true, ageDays: 10, expires: false }],
    consolePassword: false,
    mfa: false,
    trust: { services: [], aws: [], federated: [], anyPrincipal: false },
    findingCounts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
    ...overrides,
  });
}
