/** The demo company analysed, and the golden checklist's entries matched against findings. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan } from '@core/analysis/analyze-scan';
import type { AnalysisResult, Finding, RegistryRecord } from '@core/analysis/types';
import type { ScanFacts } from '@core/discovery/facts';
import { loadDemoScans, type DemoRegistryEntry } from '@core/demo/load-demo';

export const DEMO_DIR = resolve(process.cwd(), 'resources/demo');
export const DEMO_NOW = new Date('2026-03-01T12:00:00Z');

export interface FireEntry {
  rule: string;
  accountId: string;
  account: string;
  kind: string;
  subject: string;
  name: string;
  resource: string | null;
  why: string;
  change: string | null;
}
export type TrapEntry = Omit<FireEntry, 'resource' | 'change'>;
export interface TierEntry {
  accountId: string;
  account: string;
  kind: string;
  subject: string;
  name: string;
  tier: 1 | 2 | 3;
  ai: boolean | null;
  why: string;
}
export interface Expectations {
  rules: string[];
  fires: FireEntry[];
  traps: TrapEntry[];
  tiers: TierEntry[];
}

export function readExpectations(): Expectations {
  return JSON.parse(readFileSync(resolve(DEMO_DIR, 'expectations.json'), 'utf8')) as Expectations;
}

export function registryOf(entries: readonly DemoRegistryEntry[]): Map<string, RegistryRecord> {
  return new Map(
    entries.map((entry) => [
      entry.principalArn,
      {
        arn: entry.principalArn,
        owner: entry.owner,
        purpose: entry.purpose,
        dataScope: entry.dataScope,
        status: entry.status,
        tierOverride: null,
        overrideReason: null,
        overrideBy: null,
        overrideAt: null,
        lastReviewAt: entry.lastReviewedAt,
        nextReviewAt: null,
      },
    ]),
  );
}

export interface AnalysedDemoAccount {
  accountId: string;
  current: AnalysisResult;
  previous: AnalysisResult;
  currentFacts: ScanFacts;
}

export async function analyseDemo(): Promise<Map<string, AnalysedDemoAccount>> {
  const clock = (): Date => DEMO_NOW;
  const scans = await loadDemoScans(clock, { demoDir: DEMO_DIR });
  const knownAccounts = scans.map((scan) => scan.accountId);
  const result = new Map<string, AnalysedDemoAccount>();
  for (const scan of scans) {
    const registry = registryOf(scan.registry);
    const settings = { thresholds: DEFAULT_THRESHOLDS, knownAccounts };
    const current = analyzeScan({ facts: scan.current, registry, settings, clock });
    const previousAt = new Date(scan.previous.collectedAt);
    const previous = analyzeScan({ facts: scan.previous, registry, settings, clock: () => previousAt });
    result.set(scan.accountId, { accountId: scan.accountId, current, previous, currentFacts: scan.current });
  }
  return result;
}

/** Whether a finding is about a checklist subject (an identity, a workload, a region or the account). */
export function concerns(finding: Finding, entry: { kind: string; subject: string; accountId: string }): boolean {
  if (finding.accountId !== entry.accountId) return false;
  if (entry.kind === 'account') return true;
  if (entry.kind === 'invocation-logging') return finding.region === entry.subject.slice(entry.subject.indexOf('/') + 1);
  return finding.principalArn === entry.subject || finding.resourceArn === entry.subject;
}

/** Whether a finding is the one a "fires" entry names (the key slot or the action for sub-resources). */
export function matchesFire(finding: Finding, entry: FireEntry): boolean {
  if (finding.ruleId !== entry.rule || !concerns(finding, entry)) return false;
  if (entry.resource === null || entry.kind === 'invocation-logging') return true;
  const slot = /^access key (\d)$/.exec(entry.resource);
  if (slot !== null) return finding.resourceArn.endsWith(`/access-key/${slot[1]}`);
  return finding.resourceId === entry.resource;
}
