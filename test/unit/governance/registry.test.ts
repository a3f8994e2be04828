import { afterEach, describe, expect, it } from 'vitest';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import { listAuditEntries, verifyAuditLog } from '@core/db/repositories/audit-log';
import { getRegistryRecord } from '@core/db/repositories/registry';
import { prefillOwners, updateRegistry } from '@core/governance/registry-service';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { applyRegistryPatch, emptyRegistryRecord, nextReviewDate, prefillOwnerFromTag } from '@core/governance/registry';
import { addScan, fakeAgent, fakeAnalysis, tempWorkspace } from './analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ARNS = Array.from({ length: 5 }, (_, i) => `arn:aws:iam::123456789012:role/agent-${i}`);
const [ARN0 = '', ARN1 = ''] = ARNS;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setUp(): Workspace {
  const made = tempWorkspace(() => NOW);
  cleanup = made.cleanup;
  return made.workspace;
}

describe('registry patches (pure)', () => {
  const context = { actor: 'alice', now: NOW, tier: 2 as const };

  it('records only what changed, and a tier override with who, when and why', () => {
    const outcome = applyRegistryPatch(emptyRegistryRecord(ARN0), { status: 'registered', tierOverride: { tier: 3, reason: 'read-only reporting job' } }, context);
    expect(outcome.record).toMatchObject({ status: 'registered', tierOverride: 3, overrideReason: 'read-only reporting job', overrideBy: 'alice', overrideAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    // Registering also schedules the first review, one cadence (of the tier in force, 3 here) ahead.
    expect(Object.keys(outcome.changes).sort()).toEqual(['nextReviewAt', 'overrideReason', 'status', 'tierOverride']);
    expect(outcome.record.nextReviewAt).toBe('2026-08-30');
    expect(outcome.tierOverrideChanged).toBe(true);
    expect(applyRegistryPatch(outcome.record, { status: 'registered' }, context).changes).toEqual({});
  });

  it('schedules the next review by the tier cadence (T1 30 d, T2 90 d, T3 182 d) unless a date is given', () => {
    expect(nextReviewDate('2026-01-01', 1)).toBe('2026-01-31');
    expect(nextReviewDate('2026-01-01', 2)).toBe('2026-04-01');
    expect(nextReviewDate('2026-01-01', 3)).toBe('2026-07-02');
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { lastReviewAt: '2026-01-01' }, { ...context, tier: 1 }).record.nextReviewAt).toBe('2026-01-31');
    // The override is the tier in force.
    const overridden = applyRegistryPatch(emptyRegistryRecord(ARN0), { tierOverride: { tier: 3, reason: 'sandbox only, no data' }, lastReviewAt: '2026-01-01' }, { ...context, tier: 1 });
    expect(overridden.record.nextReviewAt).toBe('2026-07-02');
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { lastReviewAt: '2026-01-01', nextReviewAt: '2026-01-10' }, context).record.nextReviewAt).toBe('2026-01-10');
  });

  it('registering schedules the first review one cadence after registration; a review date already set is kept', () => {
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { status: 'registered' }, { ...context, tier: 1 }).record.nextReviewAt).toBe('2026-03-31');
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { status: 'registered' }, context).record.nextReviewAt).toBe('2026-05-30');
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { status: 'registered', nextReviewAt: '2026-03-05' }, context).record.nextReviewAt).toBe('2026-03-05');
    const reviewed = applyRegistryPatch(emptyRegistryRecord(ARN0), { lastReviewAt: '2026-02-01' }, context).record;
    expect(applyRegistryPatch(reviewed, { status: 'registered' }, context).record.nextReviewAt).toBe(reviewed.nextReviewAt);
    expect(applyRegistryPatch(emptyRegistryRecord(ARN0), { status: 'decommissioned' }, context).record.nextReviewAt).toBeNull();
  });

  it('prefills the owner from a tag, follows the tag, and never overwrites a person', () => {
    const tagged = prefillOwnerFromTag(emptyRegistryRecord(ARN0), 'team-ml', NOW);
    expect(tagged).toMatchObject({ owner: 'team-ml', ownerSource: 'tag' });
    expect(prefillOwnerFromTag(tagged ?? emptyRegistryRecord(ARN0), 'team-ml', NOW)).toBeNull();
    expect(prefillOwnerFromTag(tagged ?? emptyRegistryRecord(ARN0), null, NOW)).toMatchObject({ owner: null, ownerSource: null });
    const manual = applyRegistryPatch(tagged ?? emptyRegistryRecord(ARN0), { owner: 'dana@example.com' }, context).record;
    expect(manual.ownerSource).toBe('manual');
    expect(prefillOwnerFromTag(manual, 'someone-else', NOW)).toBeNull();
  });
});

describe('the registry repository', () => {
  it('edits many identities in one transaction, one audit entry each, plus one per tier override', () => {
    const workspace = setUp();
    const records = updateRegistry(workspace.write, {
      arns: ARNS,
      patch: { owner: 'platform-team', status: 'registered', tierOverride: { tier: 1, reason: 'handles payment data end to end' } },
      actor: 'alice',
      now: NOW,
      tierOf: () => 2,
    });
    expect(records).toHaveLength(5);
    expect(records.every((r) => r.owner === 'platform-team' && r.ownerSource === 'manual' && r.tierOverride === 1)).toBe(true);
    expect(getRegistryRecord(workspace.read, ARN1)).toMatchObject({ owner: 'platform-team', status: 'registered', overrideBy: 'alice' });
    const entries = listAuditEntries(workspace.read, 100, null);
    expect(entries).toHaveLength(10);
    expect(entries.filter((e) => e.action === 'registry.update').map((e) => e.target).sort()).toEqual([...ARNS].sort());
    expect(entries.find((e) => e.action === 'registry.tier_override' && e.target === ARN0)?.details).toEqual({ tier: 1, reason: 'handles payment data end to end', previousOverride: null });
    expect(entries.find((e) => e.action === 'registry.update' && e.target === ARN0)?.details['changes']).toMatchObject({ owner: { from: null, to: 'platform-team' }, status: { from: 'unregistered', to: 'registered' } });
    expect(workspace.read.value(sql`SELECT revision FROM analysis_inputs`)).toBe(1);
    // The same patch again changes nothing: no entries, no re-analysis.
    updateRegistry(workspace.write, { arns: ARNS, patch: { owner: 'platform-team' }, actor: 'alice', now: NOW, tierOf: () => 2 });
    expect(listAuditEntries(workspace.read, 100, null)).toHaveLength(10);
    expect(workspace.read.value(sql`SELECT revision FROM analysis_inputs`)).toBe(1);
    expect(verifyAuditLog(workspace.read)).toMatchObject({ ok: true, entries: 10 });
  });

  it('writes nothing at all when one identity of a bulk edit fails', () => {
    const workspace = setUp();
    expect(() =>
      updateRegistry(workspace.write, {
        arns: ARNS,
        patch: { status: 'registered' },
        actor: 'alice',
        now: NOW,
        tierOf: (arn) => {
          if (arn === ARNS[3]) throw new Error('boom');
          return 2;
        },
      }),
    ).toThrow('boom');
    expect(workspace.read.value(sql`SELECT count(*) FROM registry`)).toBe(0);
    expect(workspace.read.value(sql`SELECT count(*) FROM audit_log`)).toBe(0);
  });

  it('prefills owners from tags during analysis without overwriting a person, and feeds people’s owners to the analysis', () => {
    const workspace = setUp();
    updateRegistry(workspace.write, { arns: [ARN1], patch: { owner: 'dana' }, actor: 'alice', now: NOW, tierOf: () => 2 });
    const at = '2026-02-01T00:00:00.000Z';
    const fake = fakeAnalysis({
      [at]: {
        agents: [
          fakeAgent(ARN0, { owner: 'team-ml', ownerSource: 'tag', ownerTag: 'team' }),
          fakeAgent(ARN1, { owner: 'dana', ownerSource: 'registry' }),
        ],
      },
    });
    addScan(workspace, 's1', at);
    ensureAnalysed(workspace.write, 's1', { analyze: fake.analyze, clock: () => NOW });
    expect(getRegistryRecord(workspace.read, ARN0)).toMatchObject({ owner: 'team-ml', ownerSource: 'tag', status: 'unregistered' });
    expect(getRegistryRecord(workspace.read, ARN1)).toMatchObject({ owner: 'dana', ownerSource: 'manual' });
    // The analysis sees the person's owner, not the tag prefill (the inventory reads tags itself).
    const registry = fake.inputs[0]?.registry;
    expect(registry?.get(ARN1)?.owner).toBe('dana');
    expect(registry?.get(ARN0)).toBeUndefined();
    // Prefilling is not a human change.
    expect(listAuditEntries(workspace.read, 10, null).map((e) => e.target)).toEqual([ARN1]);
    // A direct prefill over a person's owner is refused.
    prefillOwners(workspace.write, new Map([[ARN1, 'tag-owner']]), NOW);
    expect(getRegistryRecord(workspace.read, ARN1).owner).toBe('dana');
  });

  it('makes the next read analyse again after a registry edit', () => {
    const workspace = setUp();
    const at = '2026-02-01T00:00:00.000Z';
    const fake = fakeAnalysis({ [at]: { agents: [fakeAgent(ARN0)] } });
    addScan(workspace, 's1', at);
    ensureAnalysed(workspace.write, 's1', { analyze: fake.analyze, clock: () => NOW });
    ensureAnalysed(workspace.write, 's1', { analyze: fake.analyze, clock: () => NOW });
    expect(fake.inputs).toHaveLength(1);
    updateRegistry(workspace.write, { arns: [ARN0], patch: { tierOverride: { tier: 3, reason: 'demo account only' } }, actor: 'alice', now: NOW, tierOf: () => 2 });
    ensureAnalysed(workspace.write, 's1', { analyze: fake.analyze, clock: () => NOW });
    expect(fake.inputs).toHaveLength(2);
    expect(fake.inputs[1]?.registry.get(ARN0)).toMatchObject({ tierOverride: 3, overrideReason: 'demo account only', overrideBy: 'alice' });
  });
});
