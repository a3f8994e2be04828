import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanFacts } from '@core/discovery/facts';
import type { DemoExpectations } from '../../../tools/demo/demo-company';
import { REQUIRED_RULE_IDS } from '../../../tools/demo/demo-model';
import { compareDemoFolder, listFiles, renderDemoFiles } from '../../../tools/demo/generate-demo-files';
import { loadDemoScans, type DemoScan } from '@core/demo/load-demo';

const DEMO_DIR = resolve(process.cwd(), 'resources/demo');
const FINDINGS_MD = resolve(process.cwd(), '../shared/FINDINGS.md');

const expectations = JSON.parse(readFileSync(join(DEMO_DIR, 'expectations.json'), 'utf8')) as DemoExpectations & { rules: string[] };
const readme = readFileSync(join(DEMO_DIR, 'README.md'), 'utf8');

let scans: DemoScan[];
beforeAll(async () => {
  scans = await loadDemoScans(() => new Date('2026-03-01T12:00:00Z'), { demoDir: DEMO_DIR });
});

/** Everything a finding may name in one scan: ARNs and names of identities, workloads, regions, the account. */
function subjectsOf(facts: ScanFacts): { arns: Set<string>; names: Set<string> } {
  const arns = new Set<string>([`account:${facts.account.id}`, `arn:aws:iam::${facts.account.id}:root`]);
  const names = new Set<string>(['<root_account>', facts.account.alias ?? '']);
  const add = (item: { arn: string; name: string }): void => {
    arns.add(item.arn);
    names.add(item.name);
  };
  facts.iam?.users.forEach(add);
  facts.iam?.roles.forEach(add);
  facts.lambda?.functions.forEach(add);
  facts.sageMaker?.endpoints.forEach(add);
  facts.sageMaker?.notebookInstances.forEach(add);
  facts.bedrock?.guardrails.forEach(add);
  facts.bedrockAgents?.agents.forEach(add);
  facts.bedrockAgents?.knowledgeBases.forEach(add);
  for (const logging of facts.bedrock?.invocationLogging ?? []) {
    arns.add(`region:${facts.account.id}/${logging.region}`);
    names.add(`Bedrock invocation logging, ${logging.region}`);
  }
  return { arns, names };
}

/** Secret-looking content in a demo file. */
function secretProblems(text: string): string[] {
  const problems: string[] = [];
  const patterns: [string, RegExp][] = [
    ['access key ID', /\b(?:AKIA|ASIA|ABIA)[A-Z0-9]{16}\b/],
    ['Bedrock API key', /\bABSK[A-Za-z0-9+/=]{20,}/],
    ['OpenAI or Anthropic key', /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}/],
    ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{20,}/],
    ['Slack token', /\bxox[abpr]-[A-Za-z0-9-]{10,}/],
    ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ];
  for (const [label, pattern] of patterns) if (pattern.test(text)) problems.push(label);
  // A secret access key is a whole value of 40 base64 characters; hex strings (certificate thumbprints)
  // and ARN segments (after a colon) are not.
  for (const match of text.matchAll(/(?<=["',\s]|^)[A-Za-z0-9/+=]{40}(?=["',\s]|$)/gm)) {
    const candidate = match[0];
    if (!/^[0-9a-f]{40}$/.test(candidate) && /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9/+]/.test(candidate)) {
      problems.push(`secret-access-key-shaped ${candidate.slice(0, 6)}…`);
    }
  }
  // Lambda's own shape of environment values (`Environment: { Variables: {…} }`) must never appear.
  if (/"Variables"\s*:|"Environment"\s*:\s*\{/.test(text)) problems.push('environment values');
  return problems;
}

describe('the committed demo folder', () => {
  it('is exactly what the generator writes (run npx tsx tools/demo/generate-demo-files.ts)', () => {
    expect(compareDemoFolder(DEMO_DIR)).toEqual([]);
  });

  it('is generated deterministically', () => {
    expect(renderDemoFiles()).toEqual(renderDemoFiles());
  });

  it('holds no secret values, no access key IDs and no environment variable values', () => {
    const problems = listFiles(DEMO_DIR).flatMap((path) => secretProblems(readFileSync(join(DEMO_DIR, path), 'utf8')).map((problem) => `${path}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it('would notice a secret (the check itself works)', () => {
    // Built from pieces so that this file does not itself hold secret-shaped text.
    const secretKey = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');
    expect(secretProblems(`user,${secretKey},x`)).toEqual(['secret-access-key-shaped wJalrX…']);
    expect(secretProblems(`"${['AKIA', 'IOSFODNN7EXAMPLE'].join('')}"`)).toEqual(['access key ID']);
    expect(secretProblems(`{"Environment": {"Variables": {"A": "b"}}}`)).toEqual(['environment values']);
    expect(secretProblems('"thumbprints": ["6938fd4d98bab03faadb97b34396831e3780aea1"]')).toEqual([]);
    expect(secretProblems('"arn:aws:iam::111100001111:role/service-role/AmazonBedrockExecutionRoleForAgents_X"')).toEqual([]);
  });

  it('stores only relative dates', () => {
    for (const path of listFiles(DEMO_DIR).filter((file) => !file.endsWith('.md'))) {
      const text = readFileSync(join(DEMO_DIR, path), 'utf8');
      expect(text, path).not.toMatch(/\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d/);
    }
  });
});

describe('the golden checklist', () => {
  it('covers exactly the rules of FINDINGS.md\'s "Required" table', () => {
    expect(expectations.rules).toEqual([...REQUIRED_RULE_IDS]);
    if (!existsSync(FINDINGS_MD)) return;
    const findings = readFileSync(FINDINGS_MD, 'utf8');
    const required = findings.slice(findings.indexOf('## Required'), findings.indexOf('## Later'));
    const ids = [...required.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(ids).toEqual([...REQUIRED_RULE_IDS]);
  });

  it('makes every required rule fire at least once on the current scan (but the one only a team policy raises)', () => {
    const firing = new Set(expectations.fires.filter((fire) => fire.change !== 'resolved').map((fire) => fire.rule));
    // Built-in policies are reported by their catalogue rules; governance_policy_violation needs a team policy.
    expect(REQUIRED_RULE_IDS.filter((rule) => !firing.has(rule))).toEqual(['governance_policy_violation']);
  });

  it('has the promised near misses', () => {
    const traps = (rule: string): string => expectations.traps.filter((trap) => trap.rule === rule).map((trap) => `${trap.name}: ${trap.why}`).join('\n');
    expect(traps('privilege_escalation')).toMatch(/explicit Deny/);
    expect(traps('privilege_escalation')).toMatch(/aws:username/);
    expect(traps('policy_full_admin')).toMatch(/NotAction/);
    expect(traps('identity_unused')).toMatch(/service-linked/);
    expect(traps('access_key_not_rotated')).toMatch(/rotated yesterday/);
    expect(traps('access_key_unused')).toMatch(/grace period/);
    expect(traps('oidc_trust_without_sub')).toMatch(/pinned/);
    expect(traps('trust_cross_account_no_external_id')).toMatch(/ExternalId/);
    expect(traps('trust_any_principal')).toMatch(/PrincipalOrgID/);
    expect(traps('bedrock_guardrail_no_prompt_attack_filter')).toMatch(/PROMPT_ATTACK filter at HIGH/);
    expect(traps('third_party_ai_key_in_env')).toMatch(/SENDGRID_API_KEY/);
    expect(traps('policy_service_wildcard')).toMatch(/pricing:\*/);
  });

  it('has all three tiers, each with AI and non-AI identities', () => {
    for (const tier of [1, 2, 3] as const) {
      const ofTier = expectations.tiers.filter((entry) => entry.tier === tier);
      expect(ofTier.some((entry) => entry.ai === true), `tier ${tier} AI`).toBe(true);
      expect(ofTier.some((entry) => entry.ai !== true), `tier ${tier} non-AI`).toBe(true);
    }
  });

  it('names only identities and workloads that exist in the scans', () => {
    const missing: string[] = [];
    for (const scan of scans) {
      const current = subjectsOf(scan.current);
      const previous = subjectsOf(scan.previous);
      const inAccount = <T extends { accountId: string }>(items: T[]): T[] => items.filter((item) => item.accountId === scan.accountId);
      for (const fire of inAccount(expectations.fires)) {
        const where = fire.change === 'resolved' ? previous : current;
        if (!where.arns.has(fire.subject)) missing.push(`${fire.rule}: ${fire.subject}`);
      }
      for (const item of [...inAccount(expectations.traps), ...inAccount(expectations.tiers)]) {
        if (!current.arns.has(item.subject)) missing.push(item.subject);
      }
      for (const change of inAccount(expectations.changes)) {
        const inCurrent = current.arns.has(change.subject);
        const inPrevious = previous.arns.has(change.subject);
        if (change.kind === 'appeared' && (!inCurrent || inPrevious)) missing.push(`appeared ${change.subject}`);
        if (change.kind === 'removed' && (inCurrent || !inPrevious)) missing.push(`removed ${change.subject}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists in the README tables only principals and resources that exist', () => {
    const names = new Set<string>();
    for (const scan of scans) {
      for (const facts of [scan.current, scan.previous]) for (const name of subjectsOf(facts).names) names.add(name);
    }
    const tables = ['### Findings that must fire', '### Near misses that must NOT fire', '### Tiers of key identities', '### Changes since the previous scan'];
    let rows = 0;
    const unknown: string[] = [];
    for (const heading of tables) {
      const start = readme.indexOf(heading);
      expect(start, heading).toBeGreaterThan(0);
      const section = readme.slice(start, readme.indexOf('\n### ', start + heading.length) === -1 ? readme.indexOf('\n## ', start) : readme.indexOf('\n### ', start + heading.length));
      for (const line of section.split('\n').filter((candidate) => candidate.startsWith('| ') && !candidate.startsWith('| Rule') && !candidate.startsWith('| Account'))) {
        const cells = line.split(' | ');
        // The identity column is the third (findings, near misses) or the second (tiers, changes).
        const cellText = heading.includes('Findings') || heading.includes('Near misses') ? cells[2] : cells[1];
        const name = /`([^`]+)`/.exec(cellText ?? '')?.[1];
        rows++;
        if (name === undefined || !names.has(name)) unknown.push(line.slice(0, 120));
      }
    }
    expect(rows).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
  });
});
