/**
 * User-written policies in the analysis: evaluated after the other rules over the governed agents,
 * one governance_policy_violation per agent and failing policy, named after the policy, with its
 * severity, and a fingerprint that carries the policy's ID.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisResult, RegistryRecord } from '@core/analysis/types';
import type { ScanFacts } from '@core/discovery/facts';
import type { UserPolicy } from '@core/analysis/team-policies/team-policy';
import {
  allow,
  clock,
  daysAgo,
  emptyFacts,
  findingsOf,
  iam,
  registered,
  reportRow,
  role,
  roleArn,
  trustService,
  user,
  userArn,
} from './support';

function policy(overrides: Partial<UserPolicy> = {}): UserPolicy {
  return {
    id: 'policy-1',
    name: 'AI agents have a cost center',
    description: 'Every AI agent carries a cost-center tag.',
    condition: "agent.tags.exists(k, k == 'cost-center')",
    appliesTo: 'agent.ai',
    severity: 'high',
    remediation: 'Tag the role with cost-center.',
    enabled: true,
    ...overrides,
  };
}

function analyseWith(facts: ScanFacts, policies: UserPolicy[], registry: RegistryRecord[] = []): AnalysisResult {
  return analyzeScan({
    facts,
    registry: new Map(registry.map((record) => [record.arn, record])),
    settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: [] },
    clock,
    policies,
  });
}

/** Two AI roles (one tagged), a plain role, a service-linked role, a machine user and a person's user. */
function company(): ScanFacts {
  const facts = emptyFacts();
  iam(facts).roles.push(
    role('summarizer', { trustPolicy: trustService('bedrock.amazonaws.com'), tags: { 'cost-center': 'cc-1', owner: 'ml-team' } }),
    role('chat-bot', { inlinePolicies: [{ name: 'b', document: allow('bedrock:InvokeModel') }] }),
    role('reports', { inlinePolicies: [{ name: 's', document: allow('s3:GetObject', 'arn:aws:s3:::reports/*') }] }),
    role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', trustPolicy: trustService('support.amazonaws.com') }),
  );
  iam(facts).users.push(user('ci-bot'), user('alice'));
  facts.credentialReport = {
    generatedAt: daysAgo(0),
    rows: [
      reportRow('ci-bot', { key1: { active: true, lastRotated: daysAgo(200), lastUsedDate: daysAgo(1) } }),
      reportRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    ],
  };
  return facts;
}

const userPolicyFindings = (result: AnalysisResult): AnalysisResult['findings'] =>
  findingsOf(result, 'governance_policy_violation').filter((finding) => finding.evidence['builtIn'] === false);

describe('user-written governance policies in the analysis', () => {
  it('finds the agents a policy fails for, with the policy name, its severity and its remediation', () => {
    const result = analyseWith(company(), [policy()]);
    const found = userPolicyFindings(result);
    expect(found.map((f) => f.resourceId)).toEqual(['chat-bot']);
    const [finding] = found;
    expect(finding?.title).toBe('Governance policy "AI agents have a cost center" fails');
    expect(finding?.severity).toBe('high');
    expect(finding?.step).toBe(10);
    expect(finding?.principalArn).toBe(roleArn('chat-bot'));
    expect(finding?.evidence).toMatchObject({ policy: 'policy-1', policyName: 'AI agents have a cost center', builtIn: false, appliesTo: 'agent.ai' });
    expect(finding?.remediation).toContain('Tag the role with cost-center.');
    expect(finding?.fix.text).toBe('aws iam get-role --role-name chat-bot');
    expect(result.policyEvaluations).toEqual([
      { policyId: 'policy-1', evaluated: 2, failing: 1, errors: 0, notApplicable: 2, firstError: null, compileError: null },
    ]);
  });

  it('counts its findings in the rule counts and in the agent’s own finding counts', () => {
    const without = analyseWith(company(), []);
    const withPolicy = analyseWith(company(), [policy()]);
    expect(withPolicy.ruleCounts['governance_policy_violation']).toBe((without.ruleCounts['governance_policy_violation'] ?? 0) + 1);
    const before = without.agents.find((a) => a.name === 'chat-bot')?.findingCounts.high ?? 0;
    expect(withPolicy.agents.find((a) => a.name === 'chat-bot')?.findingCounts.high).toBe(before + 1);
    expect(withPolicy.findings.length).toBe(without.findings.length + 1);
  });

  it('looks only at governed agents: never a service-linked role or a person’s IAM user', () => {
    const result = analyseWith(company(), [policy({ condition: 'false', appliesTo: null })]);
    expect(userPolicyFindings(result).map((f) => f.resourceId).sort()).toEqual(['chat-bot', 'ci-bot', 'reports', 'summarizer']);
  });

  it('gives each policy its own fingerprint, stable across runs and renames, carrying the policy ID', () => {
    const first = userPolicyFindings(analyseWith(company(), [policy(), policy({ id: 'policy-2', name: 'Same rule, other policy' })]));
    expect(first).toHaveLength(2);
    expect(new Set(first.map((f) => f.fingerprint)).size).toBe(2);
    const renamed = userPolicyFindings(analyseWith(company(), [policy({ name: 'Renamed', severity: 'low' })]));
    expect(renamed[0]?.fingerprint).toBe(first.find((f) => f.evidence['policy'] === 'policy-1')?.fingerprint);
    expect(renamed[0]?.title).toContain('Renamed');
  });

  it('disabled: no finding, no evaluation', () => {
    const result = analyseWith(company(), [policy({ enabled: false })]);
    expect(userPolicyFindings(result)).toEqual([]);
    expect(result.policyEvaluations).toEqual([]);
  });

  it('sees the other rules’ findings in agent.findingCounts, never governance violations', () => {
    // ci-bot has a static key (medium), an unrotated key (medium) … and built-in governance violations, which must not count.
    const result = analyseWith(company(), [policy({ condition: 'agent.findingCounts.medium + agent.findingCounts.high == 0', appliesTo: "agent.name == 'ci-bot'" })]);
    const ciBot = result.agents.find((a) => a.name === 'ci-bot');
    const otherRules = result.findings.filter((f) => f.principalArn === userArn('ci-bot') && f.ruleId !== 'governance_policy_violation');
    expect(otherRules.length).toBeGreaterThan(0);
    expect(userPolicyFindings(result).map((f) => f.resourceId)).toEqual(['ci-bot']);
    const exact = analyseWith(company(), [
      policy({
        condition: `agent.findingCounts.critical + agent.findingCounts.high + agent.findingCounts.medium + agent.findingCounts.low + agent.findingCounts.info == ${otherRules.length}`,
        appliesTo: "agent.name == 'ci-bot'",
      }),
    ]);
    expect(userPolicyFindings(exact)).toEqual([]);
    expect(ciBot).toBeDefined();
  });

  it('reports runtime errors per agent and invents no violation for them', () => {
    const result = analyseWith(company(), [policy({ condition: "agent.owner.startsWith('ml')", appliesTo: null })]);
    expect(userPolicyFindings(result)).toEqual([]);
    expect(result.policyEvaluations?.[0]).toMatchObject({ evaluated: 1, failing: 0, errors: 3 });
    expect(result.policyEvaluations?.[0]?.firstError).toMatch(/startsWith/);
  });

  it('survives a stored policy that no longer compiles: reported, nothing found, the rest of the analysis intact', () => {
    const without = analyseWith(company(), []);
    const result = analyseWith(company(), [policy({ condition: 'agent.nope ==' }), policy({ id: 'policy-2', name: 'Other' })]);
    expect(result.policyEvaluations?.[0]?.compileError).toBe('Condition, line 1, column 14: Unexpected token: EOF');
    expect(result.policyEvaluations?.[1]).toMatchObject({ failing: 1, compileError: null });
    expect(result.findings.length).toBe(without.findings.length + 1);
  });

  it('reads the registry through the view: purpose, data scope, review age', () => {
    const registry = [registered(roleArn('chat-bot'), { dataScope: 'public docs', lastReviewAt: daysAgo(40) })];
    const result = analyseWith(company(), [policy({ condition: 'agent.dataScope != null && agent.lastReviewDays <= 30', appliesTo: 'agent.ai' })], registry);
    expect(userPolicyFindings(result).map((f) => f.resourceId).sort()).toEqual(['chat-bot', 'summarizer']);
  });

  it('is deterministic', () => {
    const policies = [policy(), policy({ id: 'p3', name: 'Keys are young', condition: 'agent.accessKeys.all(k, !k.active || k.ageDays <= 90)', appliesTo: null })];
    expect(analyseWith(company(), policies)).toEqual(analyseWith(company(), policies));
    expect(userPolicyFindings(analyseWith(company(), policies)).map((f) => f.resourceId).sort()).toEqual(['chat-bot', 'ci-bot']);
  });
});
