import { describe, expect, it } from 'vitest';
import type { AgentRow } from '@shared/contract';
import { countsByAccount, createAgentFilter, DEFAULT_VIEW, filterAgents, HAS_OWNER, indexAgents, NO_OWNER, queryFromView, sortAgents, viewFromQuery, type InventoryView } from './inventory-model';

function agent(partial: Partial<AgentRow>): AgentRow {
  return {
    arn: `arn:aws:iam::111122223333:role/${partial.name ?? 'x'}`,
    scanId: `scan-of-${partial.accountId ?? '111122223333'}`,
    name: 'x',
    kind: 'iam-role',
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
    createdAt: null,
    lastUsedAt: null,
    findingCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    ...partial,
  };
}

const rows = [
  agent({ name: 'billing-bot', tier: 1, ai: true, owner: 'Ana', findingCounts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 } }),
  agent({ name: 'etl', tier: 2, owner: 'Bo', findingCounts: { critical: 0, high: 0, medium: 2, low: 0, info: 0 } }),
  agent({ name: 'AWSServiceRoleForSupport', awsManaged: true }),
  agent({ name: 'notebook', tier: 2, ai: true, accountId: '444455556666' }),
];

function show(view: Partial<InventoryView>): string[] {
  const full = { ...DEFAULT_VIEW, ...view };
  return filterAgents(sortAgents(indexAgents(rows), full.sort, full.direction), full).map((row) => row.name);
}

describe('inventory model', () => {
  it('hides AWS-managed roles by default and sorts Tier 1 first', () => {
    expect(show({})).toEqual(['billing-bot', 'etl', 'notebook']);
    expect(show({ showAwsManaged: true })).toHaveLength(4);
  });

  it('filters by search (name, ARN, owner), tier, AI, owner, severity and account', () => {
    expect(show({ search: 'ANA' })).toEqual(['billing-bot']);
    expect(show({ search: 'role/etl' })).toEqual(['etl']);
    expect(show({ tier: 2 })).toEqual(['etl', 'notebook']);
    expect(show({ aiOnly: true })).toEqual(['billing-bot', 'notebook']);
    expect(show({ owner: NO_OWNER })).toEqual(['notebook']);
    expect(show({ minSeverity: 'high' })).toEqual(['billing-bot']);
    expect(show({ minSeverity: 'medium' })).toEqual(['billing-bot', 'etl']);
    expect(show({ account: '444455556666' })).toEqual(['notebook']);
  });

  it('sorts by any column both ways', () => {
    expect(show({ sort: 'name', direction: 'asc' })).toEqual(['billing-bot', 'etl', 'notebook']);
    expect(show({ sort: 'findings', direction: 'desc' })).toEqual(['billing-bot', 'etl', 'notebook']);
  });

  it('keeps its whole state in the address and restores it', () => {
    const view: InventoryView = { search: 'bot', tier: 1, aiOnly: true, owner: NO_OWNER, status: 'registered', minSeverity: 'high', activeKeys: true, keyAge: 'gt365', account: '1', showAwsManaged: true, sort: 'name', direction: 'desc' };
    expect(viewFromQuery(new URLSearchParams(queryFromView(view).toString()))).toEqual(view);
    expect(queryFromView(DEFAULT_VIEW).toString()).toBe('');
    expect(viewFromQuery(new URLSearchParams('tier=9&sort=nope&status=x'))).toEqual(DEFAULT_VIEW);
  });

  it('narrows the last answer while a search is typed on, and answers as filterAgents does every time', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      agent({ name: `${['billing', 'etl', 'bill-runner', 'notebook'][i % 4]}-${i}`, tier: ((i % 3) + 1) as 1 | 2 | 3, ai: i % 5 === 0, awsManaged: i % 17 === 0 }),
    );
    const sorted = sortAgents(indexAgents(many), DEFAULT_VIEW.sort, DEFAULT_VIEW.direction);
    const filter = createAgentFilter();
    const steps: Partial<InventoryView>[] = [
      { search: 'b' },
      { search: 'bi' },
      { search: 'bil' },
      { search: 'bill' },
      { search: 'bill-' },
      { search: 'bil' },
      { search: '' },
      { search: 'e', tier: 2 },
      { search: 'et', tier: 2 },
      { search: 'etl', tier: 2, aiOnly: true },
      { search: 'etl-1', tier: 2, aiOnly: true },
      { search: '  ETL-1 ', tier: 2, aiOnly: true },
      { search: 'etl-1', showAwsManaged: true },
      { search: 'x' },
      // More searches than it remembers, then back to early ones.
      ...Array.from({ length: 60 }, (_, i) => ({ search: `-${i}` })),
      { search: 'bill' },
      { search: '-1' },
      { search: '-12' },
    ];
    for (const step of steps) {
      const view = { ...DEFAULT_VIEW, ...step };
      expect(filter(sorted, view).map((row) => row.name), JSON.stringify(step)).toEqual(filterAgents(sorted, view).map((row) => row.name));
    }
    // The same view twice: the same array (the table keeps its scroll position).
    const view = { ...DEFAULT_VIEW, search: 'note' };
    expect(filter(sorted, view)).toBe(filter(sorted, { ...view }));
  });
});

describe('inventory of several accounts', () => {
  const names = new Map([
    ['111122223333', 'production'],
    ['444455556666', 'sandbox'],
  ]);

  it('finds an account\'s identities by the account\'s name and sorts the account column by it', () => {
    const indexed = indexAgents(rows, names);
    const find = (search: string): string[] => filterAgents(sortAgents(indexed, 'name', 'asc'), { ...DEFAULT_VIEW, search }).map((row) => row.name);
    expect(find('sandbox')).toEqual(['notebook']);
    expect(find('444455556666')).toEqual(['notebook']);
    // By name: "production" before "sandbox", though the sandbox's ID would sort it first in reverse.
    const byAccount = sortAgents(indexed, 'account', 'desc').map((agent) => agent.row.name);
    expect(byAccount[0]).toBe('notebook');
  });

  it('keeps the account filter in the address', () => {
    const view = { ...DEFAULT_VIEW, account: '444455556666' };
    expect(queryFromView(view).toString()).toBe('account=444455556666');
    expect(viewFromQuery(new URLSearchParams('account=444455556666')).account).toBe('444455556666');
    expect(filterAgents(sortAgents(indexAgents(rows, names), 'name', 'asc'), view).map((row) => row.name)).toEqual(['notebook']);
  });

  it('counts each account\'s shown rows, adding up to the rows shown', () => {
    const shown = filterAgents(sortAgents(indexAgents(rows, names), 'name', 'asc'), { ...DEFAULT_VIEW, showAwsManaged: true });
    const counts = countsByAccount(shown, ['444455556666', '111122223333', '999999999999']);
    expect(counts).toEqual([
      { accountId: '444455556666', count: 1 },
      { accountId: '111122223333', count: 3 },
    ]);
    expect(counts.reduce((sum, part) => sum + part.count, 0)).toBe(shown.length);
  });
});

describe('an Overview figure’s address on the inventory', () => {
  it('keys=1 keeps only identities with an active long-lived key', () => {
    const rows = indexAgents([agent({ name: 'with-key', activeKeyCount: 2, tier: 1 }), agent({ name: 'no-key', activeKeyCount: 0, tier: 1 })]);
    expect(filterAgents(rows, viewFromQuery(new URLSearchParams('tier=1&keys=1'))).map((row) => row.name)).toEqual(['with-key']);
    // One filter, remembering its answers: turning keys=1 on is a new answer, not the remembered one.
    const filter = createAgentFilter();
    expect(filter(rows, viewFromQuery(new URLSearchParams(''))).length).toBe(2);
    expect(filter(rows, viewFromQuery(new URLSearchParams('keys=1'))).map((row) => row.name)).toEqual(['with-key']);
  });

  it('owner=-any and owner=-none split the identities, with ai=1 too', () => {
    const rows = indexAgents([agent({ name: 'owned-bot', ai: true, owner: 'Ana' }), agent({ name: 'bot', ai: true }), agent({ name: 'owned', owner: 'Bo' }), agent({ name: 'loose' })]);
    const names = (query: string): string[] => filterAgents(sortAgents(rows, 'name', 'asc'), viewFromQuery(new URLSearchParams(query))).map((row) => row.name);
    expect(viewFromQuery(new URLSearchParams('owner=-any')).owner).toBe(HAS_OWNER);
    expect(names('owner=-any')).toEqual(['owned', 'owned-bot']);
    expect(names('owner=-none')).toEqual(['bot', 'loose']);
    expect(names('ai=1&owner=-any')).toEqual(['owned-bot']);
    expect(names('ai=1&owner=-none')).toEqual(['bot']);
  });

  it('keyage= keeps identities whose oldest active access key is in the bucket', () => {
    const rows = indexAgents([
      agent({ name: 'old', activeKeyCount: 2, activeAccessKeyAges: [3, 500] }),
      agent({ name: 'young', activeKeyCount: 1, activeAccessKeyAges: [3] }),
      agent({ name: 'keyless' }),
    ]);
    const names = (query: string): string[] => filterAgents(sortAgents(rows, 'name', 'asc'), viewFromQuery(new URLSearchParams(query))).map((row) => row.name);
    expect(names('keyage=gt365')).toEqual(['old']);
    expect(names('keyage=lt30')).toEqual(['young']);
    expect(names('keyage=nonsense')).toEqual(['keyless', 'old', 'young']);
    const filter = createAgentFilter();
    expect(filter(rows, viewFromQuery(new URLSearchParams('keyage=lt30'))).length).toBe(1);
    expect(filter(rows, viewFromQuery(new URLSearchParams('keyage=gt365'))).map((row) => row.name)).toEqual(['old']);
  });
});
