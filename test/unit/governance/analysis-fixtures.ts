/**
 * A real workspace on disk with scans written through the scans repository, and a fake analysis
 * (findings and agents chosen per scan) so the lifecycle, registry and audit can be tested before
 * and independently of the real rules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysedAgent, AnalysisInput, AnalysisResult, Finding, Severity } from '@core/analysis/types';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { insertScan } from '@core/db/repositories/scans';
import { emptyScanFacts } from '@core/discovery/facts';

export const ACCOUNT = '123456789012';

export function tempWorkspace(clock: () => Date): { workspace: Workspace; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'warden-governance-'));
  const workspace = openWorkspace(join(dir, 'w.sqlite'), { clock, create: true, appVersion: '0.1.0-test' });
  return {
    workspace,
    cleanup: () => {
      workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a completed import scan of ACCOUNT collected at `at`. */
export function addScan(workspace: Workspace, id: string, at: string, accountId = ACCOUNT): void {
  insertScan(workspace.write, {
    id,
    source: 'import',
    label: id,
    connectionId: null,
    connectionName: null,
    accountId,
    accountAlias: null,
    scannerArn: null,
    regions: [],
    status: 'completed',
    startedAt: at,
    finishedAt: at,
    error: null,
    appVersion: '0.1.0-test',
    collectors: [],
    apiCalls: {},
    facts: emptyScanFacts({ collectedAt: at, account: { id: accountId, alias: null, partition: 'aws', source: 'import' } }),
  });
}

export function fakeFinding(ruleId: string, resourceArn: string, severity: Severity = 'high'): Finding {
  return {
    fingerprint: `${ruleId}|${resourceArn}`,
    ruleId,
    severity,
    step: 3,
    title: `${ruleId} on ${resourceArn}`,
    principalArn: resourceArn,
    resourceArn,
    resourceId: null,
    accountId: ACCOUNT,
    region: null,
    evidence: { why: 'because' },
    remediation: 'Fix it.',
    fix: { kind: 'aws-cli', text: `aws iam do-something --arn ${resourceArn}` },
    frameworks: ['NHI7'],
    explanation: 'It matters.',
  };
}

export function fakeAgent(arn: string, overrides: Partial<AnalysedAgent> = {}): AnalysedAgent {
  return {
    arn,
    kind: 'iam-role',
    name: arn.split('/').at(-1) ?? arn,
    accountId: ACCOUNT,
    path: '/',
    awsManaged: false,
    managedBy: null,
    createdAt: null,
    lastUsedAt: null,
    owner: null,
    ownerSource: null,
    ownerTag: null,
    status: 'unregistered',
    tags: {},
    groups: [],
    credentials: [],
    credentialsKnown: true,
    trust: null,
    workloads: [],
    access: 'workload',
    aiUse: null,
    ai: false,
    aiSignals: [],
    tier: { tier: 2, computed: 2, reasons: [{ tier: 2, reason: 'can write', source: 'policy' }], override: null },
    escalationPaths: [],
    permissions: [],
    findingCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    ...overrides,
  };
}

/** An analysis whose findings (and agents) are chosen per scan, by the facts' collectedAt. */
export function fakeAnalysis(byScanAt: Record<string, { findings?: Finding[]; agents?: AnalysedAgent[] }>): {
  analyze: (input: AnalysisInput) => AnalysisResult;
  inputs: AnalysisInput[];
} {
  const inputs: AnalysisInput[] = [];
  return {
    inputs,
    analyze: (input) => {
      inputs.push(input);
      const chosen = byScanAt[input.facts.collectedAt] ?? {};
      return { agents: chosen.agents ?? [], findings: chosen.findings ?? [], ruleCounts: {} };
    },
  };
}
