import type { AgentRow } from '../../shared/contract';

const TEAMS = ['data-platform', 'payments', 'ml-research', 'support-tools', 'growth', null, null];
const WORDS = ['ingest', 'billing', 'summarise', 'triage', 'forecast', 'etl', 'chatbot', 'embeddings', 'notebook', 'reporter'];

/** `count` deterministic inventory rows shaped like a large organisation's (mulberry32 for repeatability). */
export function syntheticAgents(count: number, seed = 42): AgentRow[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const role = random() < 0.8;
    const name = `${pick(WORDS)}-${pick(WORDS)}-${index}`;
    const account = pick(['111122223333', '444455556666', '777788889999']);
    const severity = (p: number): number => (random() < p ? 1 + Math.floor(random() * 3) : 0);
    return {
      arn: `arn:aws:iam::${account}:${role ? 'role' : 'user'}/${name}`,
      // One current scan per account, as the inventory of a workspace's current state has.
      scanId: `scan-${account}`,
      name,
      kind: role ? 'iam-role' : 'iam-user',
      accountId: account,
      path: '/',
      awsManaged: random() < 0.05,
      access: 'workload',
      // Set from `ai` below: the random draws stay in their order, so the rows stay the same.
      aiUse: null,
      ai: random() < 0.3,
      aiSignals: [],
      owner: pick(TEAMS),
      status: pick(['registered', 'unregistered', 'unregistered', 'decommissioned'] as const),
      tier: pick([1, 2, 2, 3, 3, 3] as const),
      tierOverridden: random() < 0.02,
      workloadCount: Math.floor(random() * 4),
      activeKeyCount: role ? 0 : Math.floor(random() * 3),
      createdAt: '2025-01-01T00:00:00Z',
      lastUsedAt: random() < 0.8 ? new Date(Date.UTC(2026, 0, 1) - Math.floor(random() * 400) * 86_400_000).toISOString() : null,
      findingCounts: { critical: severity(0.02), high: severity(0.1), medium: severity(0.3), low: severity(0.2), info: 0 },
    } satisfies AgentRow;
  }).map((row): AgentRow => ({ ...row, aiUse: row.ai ? 'runs' : null }));
}
