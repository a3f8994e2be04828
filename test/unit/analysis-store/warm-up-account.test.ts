/**
 * The account the analysis worker warms up on (analysis-store/warm-up-account.ts): small, but with
 * the variety that makes the analysis run its code paths — every kind of role trust, users in groups,
 * customer and AWS managed policies, findings of many rules, AI agents among them.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import { warmUpFacts, WARM_UP_PRINCIPALS } from '@core/analysis-store/warm-up-account';

describe('the warm-up account', () => {
  it('has the supported shape and the variety of a real account', () => {
    const facts = warmUpFacts(60);
    const iam = facts.iam;
    if (iam === null) throw new Error('no IAM facts');
    expect(iam.users.length + iam.roles.length).toBe(60);
    expect(iam.groups.length).toBeGreaterThan(1);
    expect(iam.policies.filter((policy) => !policy.awsManaged).every((policy) => policy.document !== null)).toBe(true);
    expect(iam.policies.some((policy) => policy.awsManaged)).toBe(true);
    const trusts = JSON.stringify(iam.roles.map((role) => role.trustPolicy));
    for (const principal of ['lambda.amazonaws.com', 'ecs-tasks', 'ec2.amazonaws.com', 'sagemaker', 'bedrock', 'githubusercontent', 'oidc.eks', ':root', 'saml-provider']) {
      expect(trusts, principal).toContain(principal);
    }
    const result = analyzeScan({
      facts,
      registry: new Map(),
      settings: { thresholds: DEFAULT_THRESHOLDS, reviewCadence: null, knownAccounts: [facts.account.id] },
      clock: () => new Date('2026-06-01T00:00:00.000Z'),
      policies: [],
    });
    expect(new Set(result.findings.map((finding) => finding.ruleId)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(result.agents.map((agent) => agent.tier.tier)).size).toBeGreaterThanOrEqual(2);
    expect(result.agents.some((agent) => agent.ai)).toBe(true);
  });

  it('is the same on every call (deterministic) at its full size', () => {
    expect(JSON.stringify(warmUpFacts())).toBe(JSON.stringify(warmUpFacts()));
    const iam = warmUpFacts().iam;
    expect((iam?.users.length ?? 0) + (iam?.roles.length ?? 0)).toBe(WARM_UP_PRINCIPALS);
  });
});
