/**
 * Golden: the demo company's checklist (resources/demo/expectations.json). Every "must fire" entry
 * fires on the current scan (or, for entries marked resolved, fired on the previous scan and no longer
 * does); no near miss fires; the key identities get the tier the checklist gives them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '@core/analysis/rules/index';
import { analyseDemo, concerns, matchesFire, readExpectations, type AnalysedDemoAccount, type Expectations } from './demo-support';

let demo: Map<string, AnalysedDemoAccount>;
let expectations: Expectations;

beforeAll(async () => {
  expectations = readExpectations();
  demo = await analyseDemo();
}, 60_000);

const SUPPORT_TOOLING = 'arn:aws:iam::111100001111:role/app/support-tooling-lambda';

function account(id: string): AnalysedDemoAccount {
  const found = demo.get(id);
  if (found === undefined) throw new Error(`no demo account ${id}`);
  return found;
}

describe('demo company golden checklist', () => {
  it('lists the same rules as the catalogue', () => {
    expect(expectations.rules).toEqual([...RULE_IDS]);
  });

  it('fires every "must fire" entry', () => {
    const missing: string[] = [];
    for (const entry of expectations.fires) {
      const { current, previous } = account(entry.accountId);
      const label = `${entry.rule} ${entry.account} ${entry.name}${entry.resource !== null ? ` (${entry.resource})` : ''}`;
      if (entry.change === 'resolved') {
        if (!previous.findings.some((f) => matchesFire(f, entry))) missing.push(`${label}: did not fire on the previous scan`);
        if (current.findings.some((f) => matchesFire(f, entry))) missing.push(`${label}: still fires although resolved`);
      } else if (!current.findings.some((f) => matchesFire(f, entry))) {
        missing.push(label);
      }
    }
    expect(missing).toEqual([]);
  });

  it('fires every rule of the catalogue at least once on the demo (governance_policy_violation needs a team policy; the demo ships none)', () => {
    const counts = new Map<string, number>();
    for (const { current } of demo.values()) for (const [rule, n] of Object.entries(current.ruleCounts)) counts.set(rule, (counts.get(rule) ?? 0) + n);
    // The built-in policies are reported by their catalogue rules (one gap, one finding), so only a
    // team's own CEL policy raises governance_policy_violation (test/unit/rules/user-policies.test.ts).
    expect(RULE_IDS.filter((rule) => (counts.get(rule) ?? 0) === 0)).toEqual(['governance_policy_violation']);
  });

  it('keeps every near miss silent', () => {
    const wrong: string[] = [];
    for (const trap of expectations.traps) {
      const { current } = account(trap.accountId);
      // A near miss on a subject that must also fire (another function of the same agent) forbids only the others.
      const allowed = expectations.fires.filter((entry) => entry.rule === trap.rule && entry.subject === trap.subject && entry.change !== 'resolved');
      for (const finding of current.findings) {
        if (finding.ruleId !== trap.rule || !concerns(finding, trap)) continue;
        if (allowed.some((entry) => matchesFire(finding, entry))) continue;
        wrong.push(`${trap.rule} ${trap.account} ${trap.name}: ${finding.resourceId ?? finding.resourceArn}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the key identities their tiers', () => {
    const wrong: string[] = [];
    for (const entry of expectations.tiers) {
      const agent = account(entry.accountId).current.agents.find((candidate) => candidate.arn === entry.subject);
      if (agent === undefined) {
        wrong.push(`${entry.name}: not in the inventory`);
        continue;
      }
      if (agent.tier.tier !== entry.tier) wrong.push(`${entry.account} ${entry.name}: Tier ${agent.tier.tier} (${agent.tier.reasons.map((r) => r.reason).join('; ')}), expected ${entry.tier}: ${entry.why}`);
      if (entry.ai === true && !agent.ai) wrong.push(`${entry.name}: not marked AI`);
    }
    expect(wrong).toEqual([]);
  });

  it('honours the Deny on iam:PassRole of support-tooling-lambda: it holds the rest of the combination, and no escalation is reported', () => {
    const { current, currentFacts } = account('111100001111');
    const role = currentFacts.iam?.roles.find((candidate) => candidate.arn === SUPPORT_TOOLING);
    const documents = JSON.stringify(role?.inlinePolicies.map((policy) => policy.document) ?? []);
    for (const action of ['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole']) expect(documents).toContain(action);
    expect(current.findings.filter((f) => f.principalArn === SUPPORT_TOOLING && f.ruleId === 'privilege_escalation')).toEqual([]);
    expect(current.agents.find((agent) => agent.arn === SUPPORT_TOOLING)?.tier.tier).toBe(2);
  });

  it('lists the Identity Center roles of every account as human access (never AI agents), and the ML deploy role as managing AI', () => {
    let sso = 0;
    for (const { current } of demo.values()) {
      for (const agent of current.agents.filter((candidate) => candidate.path.startsWith('/aws-reserved/sso.amazonaws.com/'))) {
        sso += 1;
        expect([agent.name, agent.access, agent.ai]).toEqual([agent.name, 'human', false]);
        expect(current.findings.filter((f) => f.principalArn === agent.arn && f.ruleId === 'shadow_ai_unregistered')).toEqual([]);
      }
    }
    expect(sso).toBeGreaterThan(0);
    const deploy = account('111100001111').current.agents.find((agent) => agent.name === 'github-actions-ml-deploy');
    expect([deploy?.access, deploy?.aiUse, deploy?.ai]).toEqual(['workload', 'manages', false]);
  });

  it('is deterministic and counts every rule', () => {
    for (const { current } of demo.values()) {
      expect(Object.keys(current.ruleCounts)).toEqual([...RULE_IDS]);
      expect(new Set(current.findings.map((f) => f.fingerprint)).size).toBe(current.findings.length);
    }
  });
});
