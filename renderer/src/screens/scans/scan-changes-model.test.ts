import { describe, expect, it } from 'vitest';
import type { ScanDiff } from '@shared/contract';
import { INVALIDATES } from '../../queries/data-changes';
import { changeKeys } from './queries';
import { changeFigures } from './scan-changes-model';

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const role = (name: string) => ({ arn: `arn:aws:iam::111122223333:role/${name}`, name, kind: 'iam-role', tier: 1 as const, owner: null, status: 'unregistered' });

const diff: ScanDiff = {
  from: { scanId: 'scan a', at: '2026-11-29T10:00:00Z' },
  to: { scanId: 'scan/b', at: '2026-12-06T10:00:00Z' },
  accountId: '111122223333',
  identities: { added: [{ ...role('new-bot'), createdBy: null, createdAt: null }], removed: [role('old-bot')] },
  aiAgents: { added: [{ ...role('new-bot'), createdBy: null, createdAt: null }], removed: [] },
  shadowAi: { added: [{ arn: role('new-bot').arn, name: 'new-bot', createdBy: null, createdAt: null, signals: [] }] },
  findings: { new: [], regressed: [], resolved: [], counts: { new: { ...zero, high: 2, low: 1 }, regressed: zero, resolved: { ...zero, medium: 1 } } },
  owners: { changed: [{ arn: role('kept').arn, name: 'kept', from: null, to: 'alice@example.com' }] },
  tiers: { changed: [{ arn: role('kept').arn, name: 'kept', from: 2, to: 1 }] },
  counts: {
    identitiesAdded: 1,
    identitiesRemoved: 1,
    aiAgentsAdded: 1,
    aiAgentsRemoved: 0,
    shadowAiAdded: 1,
    findingsNew: 3,
    findingsRegressed: 0,
    findingsResolved: 1,
    ownerChanges: 1,
    tierChanges: 1,
  },
};

describe('changeFigures', () => {
  const figures = new Map(changeFigures(diff).map((f) => [f.key, f]));

  it('opens the Findings screen on the scan, narrowed as the lifecycle names each figure', () => {
    expect(figures.get('findingsNew')).toMatchObject({ value: 3, href: '#/findings?scan=scan%2Fb&status=new', worse: true });
    expect(figures.get('findingsRegressed')?.href).toBe('#/findings?scan=scan%2Fb&status=regressed');
    expect(figures.get('findingsResolved')).toMatchObject({ value: 1, href: '#/findings?scan=scan%2Fb&tab=resolved', worse: false });
  });

  it('lists identities, each opening its page in the scan that has it', () => {
    expect(figures.get('shadowAi')?.items).toEqual([{ text: 'new-bot', href: '#/agents/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fnew-bot?scan=scan%2Fb' }]);
    expect(figures.get('identitiesRemoved')?.items).toEqual([{ text: 'old-bot', href: '#/agents/arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fold-bot?scan=scan%20a' }]);
    expect(figures.get('owners')?.items[0]?.detail).toBe('no owner → alice@example.com');
    expect(figures.get('tiers')?.items[0]?.detail).toBe('Tier 2 → Tier 1');
  });

  it('says who created what appeared, when CloudTrail told (as text)', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const created = changeFigures({
      ...diff,
      identities: { ...diff.identities, added: [{ ...role('new-bot'), createdBy: 'alice@example.com', createdAt: '2026-11-30T09:00:00Z' }] },
      aiAgents: { ...diff.aiAgents, added: [{ ...role('new-bot'), createdBy: hostile, createdAt: '2026-11-30T09:00:00Z' }] },
      shadowAi: { added: [{ arn: role('new-bot').arn, name: 'new-bot', createdBy: 'alice@example.com', createdAt: '2026-11-30T09:00:00Z', signals: [] }] },
    });
    const byKey = new Map(created.map((f) => [f.key, f]));
    expect(byKey.get('shadowAi')?.items[0]?.detail).toBe('created by alice@example.com');
    expect(byKey.get('identitiesAdded')?.items[0]?.detail).toBe('created by alice@example.com');
    expect(byKey.get('aiAdded')?.items[0]?.detail).toBe(`created by ${hostile}`);
    // Unknown: no second line.
    expect(figures.get('identitiesAdded')?.items[0]?.detail).toBeUndefined();
  });

  it('has one figure per count of the diff', () => {
    expect(figures.size).toBe(Object.keys(diff.counts).length);
  });
});

describe('what changed goes stale with the analysis', () => {
  it('is invalidated by every change the analysis reads, and by a finished scan', () => {
    for (const change of ['scan-finished', 'registry', 'findings', 'policies', 'settings', 'connections'] as const) {
      expect(INVALIDATES[change], change).toContainEqual(changeKeys.all);
    }
  });
});
