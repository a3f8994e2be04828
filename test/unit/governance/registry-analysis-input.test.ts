import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type RegistryRecordInfo } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { RegistryRecord } from '@core/analysis/types';
import type { UserPolicy } from '@core/analysis/team-policies/team-policy';
import { analysisInputsRevision } from '@core/analysis-store/analysis-inputs';
import { warmUpFacts } from '@core/analysis-store/warm-up-account';
import { emptyRegistryRecord, toAnalysisRecord } from '@core/governance/registry';
import { changesAnalysisInput, updateRegistry } from '@core/governance/registry-service';
import { tempWorkspace } from './analysis-fixtures';

// A registry change re-analyses every scan (the analysis-inputs revision), which takes seconds at
// 10,000 principals. Only a change of what the analysis reads of a record may cause it: a tier
// confirmation (the plan's week 1, one per Tier 1 agent) is read from the registry where it is shown.

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ARN = 'arn:aws:iam::123456789012:role/agent-0';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ANALYSIS_FIELDS: Partial<RegistryRecordInfo>[] = [
  { owner: 'alice@example.com', ownerSource: 'manual' },
  { purpose: 'Answers support tickets' },
  { dataScope: 'Customer tickets' },
  { status: 'registered' },
  { status: 'decommissioned' },
  { tierOverride: 1, overrideReason: 'Touches payments data', overrideBy: 'alice', overrideAt: NOW.toISOString() },
  { lastReviewAt: '2026-02-01' },
  { nextReviewAt: '2026-04-01' },
];

describe('which registry changes the analysis takes in', () => {
  it.each(ANALYSIS_FIELDS)('a change of %o does', (change) => {
    const before = emptyRegistryRecord(ARN);
    expect(changesAnalysisInput(before, { ...before, ...change })).toBe(true);
    expect(changesAnalysisInput({ ...before, ...change }, before)).toBe(true);
  });

  it('a tier confirmation, its who and when, the change time and an owner read from tags do not', () => {
    const before = emptyRegistryRecord(ARN);
    expect(changesAnalysisInput(before, { ...before, tierConfirmed: 1, tierConfirmedBy: 'alice', tierConfirmedAt: NOW.toISOString(), updatedAt: NOW.toISOString() })).toBe(false);
    // The analysis reads tag owners from the tags themselves (toAnalysisRecord keeps manual owners only).
    expect(changesAnalysisInput(before, { ...before, owner: 'team-a', ownerSource: 'tag' })).toBe(false);
  });

  it('registry:update bumps the revision for an owner, not for a tier confirmation', () => {
    const made = tempWorkspace(() => NOW);
    cleanup = made.cleanup;
    const db = made.workspace.write;
    const start = analysisInputsRevision(db);
    updateRegistry(db, { arns: [ARN], patch: { tierConfirmed: 1 }, actor: 'alice', now: NOW, tierOf: () => 1 });
    expect(analysisInputsRevision(db)).toBe(start);
    updateRegistry(db, { arns: [ARN], patch: { tierConfirmed: null }, actor: 'alice', now: NOW, tierOf: () => 1 });
    expect(analysisInputsRevision(db)).toBe(start);
    updateRegistry(db, { arns: [ARN], patch: { owner: 'alice@example.com' }, actor: 'alice', now: NOW, tierOf: () => 1 });
    expect(analysisInputsRevision(db)).toBe(start + 1);
    // A bulk update with one analysis change among confirmations bumps it once.
    updateRegistry(db, { arns: [ARN, `${ARN}-b`], patch: { tierConfirmed: 2, lastReviewAt: '2026-02-20' }, actor: 'alice', now: NOW, tierOf: () => 2 });
    expect(analysisInputsRevision(db)).toBe(start + 2);
  });

  it('an identity without a registry row is analysed as one with an empty row (so a confirmation that creates the row changes nothing)', () => {
    const facts = warmUpFacts(80);
    const policies: UserPolicy[] = [
      { id: 'p1', name: 'Purpose recorded', description: '', condition: 'agent.purpose != null && agent.lastReviewDays != null', appliesTo: null, severity: 'medium', remediation: 'Record it.', enabled: true },
    ];
    const analyse = (registry: Map<string, RegistryRecord>): string =>
      JSON.stringify(analyzeScan({ facts, registry, settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [facts.account.id] }, clock: () => NOW, policies }));
    const arns = [...(facts.iam?.users ?? []), ...(facts.iam?.roles ?? [])].map((principal) => principal.arn);
    expect(arns.length).toBeGreaterThan(50);
    const empty = new Map(arns.map((arn) => [arn, toAnalysisRecord(emptyRegistryRecord(arn))]));
    const without = analyse(new Map());
    expect(analyse(empty)).toBe(without);
    // The comparison can see a registry change: an owner recorded for every identity changes the result.
    const owned = new Map(arns.map((arn) => [arn, toAnalysisRecord({ ...emptyRegistryRecord(arn), owner: 'alice', ownerSource: 'manual' })]));
    expect(analyse(owned)).not.toBe(without);
  });
});
