import { describe, expect, it } from 'vitest';
import type { ScanDiff } from '@shared/contract';
import { overviewChanges, type AccountDiff } from './overview-changes-model';

const counts = (n: number): ScanDiff['counts'] => ({
  identitiesAdded: n,
  identitiesRemoved: n,
  aiAgentsAdded: n,
  aiAgentsRemoved: n,
  shadowAiAdded: n,
  findingsNew: n,
  findingsRegressed: n,
  findingsResolved: n,
  ownerChanges: 0,
  tierChanges: 0,
});
const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
function diff(to: string, from: string | null, n: number, shadow: string[]): ScanDiff {
  return {
    from: from === null ? null : { scanId: from, at: '2026-11-29T05:00:00.000Z' },
    to: { scanId: to, at: '2026-12-06T05:00:00.000Z' },
    accountId: null,
    identities: { added: [], removed: [] },
    aiAgents: { added: [], removed: [] },
    shadowAi: { added: shadow.map((name) => ({ arn: `arn:aws:iam::1:role/${name}`, name, createdBy: name === 'b' ? 'alice@example.com' : null, createdAt: null, signals: [] })) },
    findings: { new: [], regressed: [], resolved: [], counts: { new: zero, regressed: zero, resolved: zero } },
    owners: { changed: [] },
    tiers: { changed: [] },
    counts: counts(n),
  };
}
const accounts: AccountDiff[] = [
  { accountId: '111', name: 'prod', diff: diff('s-prod', 's-prod-0', 2, ['b']) },
  { accountId: '222', name: 'staging', diff: diff('s-stg', 's-stg-0', 3, ['a']) },
  { accountId: '333', name: 'new-account', diff: diff('s-new', null, 40, ['z']) },
];

describe('the Overview’s What changed', () => {
  it('adds up the accounts compared with a previous scan; a first scan is named, not counted', () => {
    const changes = overviewChanges(accounts, null);
    expect(changes.firstScanOnly).toEqual(['new-account']);
    expect(changes.compared.map((account) => account.toScanId)).toEqual(['s-prod', 's-stg']);
    expect(changes.figures.find((figure) => figure.key === 'findingsNew')?.value).toBe(5);
    expect(changes.figures.map((figure) => figure.key)).toEqual(['findingsNew', 'findingsRegressed', 'findingsResolved', 'aiAdded', 'aiRemoved', 'identitiesAdded', 'identitiesRemoved']);
  });

  it('lists the new shadow AI by name with its scan, account and creator', () => {
    expect(overviewChanges(accounts, null).shadowAi).toEqual([
      { arn: 'arn:aws:iam::1:role/a', name: 'a', scanId: 's-stg', account: 'staging', createdBy: null },
      { arn: 'arn:aws:iam::1:role/b', name: 'b', scanId: 's-prod', account: 'prod', createdBy: 'alice@example.com' },
    ]);
  });

  it('the findings’ figures open Findings on the current state, narrowed to the account chosen', () => {
    expect(overviewChanges(accounts, null).figures[0]?.href).toBe('#/findings?status=new');
    expect(overviewChanges(accounts.slice(0, 1), '111').figures.map((figure) => figure.href).slice(0, 3)).toEqual([
      '#/findings?account=111&status=new',
      '#/findings?account=111&status=regressed',
      '#/findings?account=111&tab=resolved',
    ]);
  });
});
