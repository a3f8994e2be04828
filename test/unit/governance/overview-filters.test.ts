/**
 * The Overview's match fields (shared/overview-filters.ts) on hand-made inventory rows: ownership
 * either way, and the age bucket of an identity's oldest active access key, which the key-age chart
 * counts by and the Inventory filters by.
 */
import { describe, expect, it } from 'vitest';
import type { AgentRow, OverviewFilter } from '@shared/contract';
import { countFilter, matchesInventory, oldestKeyAgeBucket } from '@shared/overview-filters';

function row(name: string, over: Partial<AgentRow> = {}): AgentRow {
  return {
    arn: `arn:aws:iam::111122223333:user/${name}`,
    scanId: 's1',
    name,
    kind: 'iam-user',
    accountId: '111122223333',
    path: '/',
    awsManaged: false,
    access: 'workload',
    aiUse: null,
    ai: false,
    aiSignals: [],
    owner: null,
    status: 'unregistered',
    tier: 3,
    tierOverridden: false,
    workloadCount: 0,
    activeKeyCount: 0,
    activeAccessKeyAges: [],
    createdAt: null,
    lastUsedAt: null,
    findingCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    ...over,
  };
}

const rows = [
  row('bot', { ai: true, owner: 'Ana', activeKeyCount: 2, activeAccessKeyAges: [12, 400] }),
  row('agent', { ai: true, activeKeyCount: 1, activeAccessKeyAges: [45] }),
  row('etl', { owner: 'Bo', activeKeyCount: 1, activeAccessKeyAges: [null] }),
  row('legacy', { activeKeyCount: 1, activeAccessKeyAges: [null, 100] }),
  // A Bedrock API key only: long-lived, but no access key to age.
  row('bedrock-user', { activeKeyCount: 1, activeAccessKeyAges: [] }),
  // Stored before analysis version 6: no ages, so in no bucket.
  row('old-row', { activeKeyCount: 1, activeAccessKeyAges: undefined }),
  row('AWSServiceRoleForX', { awsManaged: true, owner: 'AWS', activeAccessKeyAges: [500] }),
];
const names = (match: Extract<OverviewFilter, { screen: 'inventory' }>['match']): string[] => rows.filter((r) => matchesInventory(r, match)).map((r) => r.name);

describe('inventory match fields', () => {
  it('owner: none and any split the identities, AWS-managed roles left out', () => {
    expect(names({ owner: 'none' })).toEqual(['agent', 'legacy', 'bedrock-user', 'old-row']);
    expect(names({ owner: 'any' })).toEqual(['bot', 'etl']);
    expect(names({ ai: true, owner: 'any' })).toEqual(['bot']);
    expect(names({ ai: true, owner: 'none' })).toEqual(['agent']);
  });

  it('keyAge: the bucket of the oldest active access key, each identity in one bucket at most', () => {
    expect(names({ keyAge: 'gt365' })).toEqual(['bot']);
    expect(names({ keyAge: 'd30to90' })).toEqual(['agent']);
    // A key of unknown age does not hide a known one.
    expect(names({ keyAge: 'd90to365' })).toEqual(['legacy']);
    expect(names({ keyAge: 'unknown' })).toEqual(['etl']);
    expect(names({ keyAge: 'lt30' })).toEqual([]);
    const lists = { agents: rows, findings: [], resolvedSinceLastScan: [] };
    const total = (['lt30', 'd30to90', 'd90to365', 'gt365', 'unknown'] as const).reduce((sum, keyAge) => sum + countFilter({ screen: 'inventory', query: `keyage=${keyAge}`, match: { keyAge } }, lists), 0);
    expect(total).toBe(4);
  });

  it('buckets by whole days at the scan', () => {
    expect([[29], [30], [89], [90], [364], [365]].map(oldestKeyAgeBucket)).toEqual(['lt30', 'd30to90', 'd30to90', 'd90to365', 'd90to365', 'gt365']);
    expect(oldestKeyAgeBucket([])).toBeNull();
  });
});
