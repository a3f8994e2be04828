/** review_overdue follows the team's cadence (Settings) and the scheduled date a deferral sets. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type ReviewCadence } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { RegistryRecord } from '@core/analysis/types';
import type { ScanFacts } from '@core/discovery/facts';
import { allow, clock, daysAgo, emptyFacts, findingsOf, iam, registered, role, roleArn } from './support';

function overdue(facts: ScanFacts, registry: RegistryRecord[], reviewCadence: ReviewCadence | null): string[] {
  const result = analyzeScan({ facts, registry: new Map(registry.map((r) => [r.arn, r])), settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], reviewCadence }, clock });
  return findingsOf(result, 'review_overdue')
    .map((f) => String(f.resourceId))
    .sort();
}

function daysAhead(days: number): string {
  return new Date(clock().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('review_overdue with a review cadence', () => {
  const facts = emptyFacts();
  iam(facts).roles.push(role('t1', { inlinePolicies: [{ name: 's', document: allow('secretsmanager:GetSecretValue') }] }), role('t3'));

  it('uses the defaults while the cadence is not set, and the team’s days once it is', () => {
    const registry = [registered(roleArn('t1'), { lastReviewAt: daysAgo(20) }), registered(roleArn('t3'), { lastReviewAt: daysAgo(100) })];
    expect(overdue(facts, registry, null)).toEqual([]);
    expect(overdue(facts, registry, { tier1Days: 14, tier2Days: 90, tier3Days: 182 })).toEqual(['t1']);
    expect(overdue(facts, registry, { tier1Days: 30, tier2Days: 60, tier3Days: 60 })).toEqual(['t3']);
  });

  it('a scheduled date (a deferral) decides over the cadence, both ways', () => {
    const deferred = [registered(roleArn('t1'), { lastReviewAt: daysAgo(60), nextReviewAt: daysAhead(5) }), registered(roleArn('t3'), { lastReviewAt: daysAgo(10), nextReviewAt: daysAgo(1).slice(0, 10) })];
    expect(overdue(facts, deferred, null)).toEqual(['t3']);
  });

  it('carries the due date and the cadence in force in the evidence', () => {
    const result = analyzeScan({
      facts,
      registry: new Map([[roleArn('t1'), registered(roleArn('t1'), { lastReviewAt: '2020-01-01' })]]),
      settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [], reviewCadence: { tier1Days: 10, tier2Days: 20, tier3Days: 30 } },
      clock,
    });
    expect(findingsOf(result, 'review_overdue').map((f) => [f.evidence['cadenceDays'], f.evidence['dueDate']])).toEqual([[10, '2020-01-11']]);
  });
});
