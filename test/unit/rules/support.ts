/** Running the analysis on small hand-built facts (the inventory tests' builders) with the real evaluator. */
import { DEFAULT_THRESHOLDS } from '@shared/contract';
import { analyzeScan, type AnalyzeScanDeps } from '@core/analysis/analyze-scan';
import type { AnalysisResult, Finding, RegistryRecord } from '@core/analysis/types';
import type { ScanFacts } from '@core/discovery/facts';
import { clock } from '../inventory/facts-builder';

export * from '../inventory/facts-builder';

export interface AnalyseOptions {
  registry?: RegistryRecord[];
  knownAccounts?: string[];
  deps?: AnalyzeScanDeps;
}

export function analyse(facts: ScanFacts, options: AnalyseOptions = {}): AnalysisResult {
  const registry = new Map((options.registry ?? []).map((record) => [record.arn, record]));
  return analyzeScan({ facts, registry, settings: { thresholds: DEFAULT_THRESHOLDS, knownAccounts: options.knownAccounts ?? [] }, clock }, options.deps);
}

export function findingsOf(result: AnalysisResult, ruleId: string): Finding[] {
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

export function registered(arn: string, overrides: Partial<RegistryRecord> = {}): RegistryRecord {
  return {
    arn,
    owner: 'team@example.com',
    purpose: 'test',
    dataScope: null,
    status: 'registered',
    tierOverride: null,
    overrideReason: null,
    overrideBy: null,
    overrideAt: null,
    lastReviewAt: null,
    nextReviewAt: null,
    ...overrides,
  };
}

export function tierOf(result: AnalysisResult, arn: string): number | undefined {
  return result.agents.find((agent) => agent.arn === arn)?.tier.tier;
}
