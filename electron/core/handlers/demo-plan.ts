/**
 * The demo company's 30-day plan, written when the demo is built (issue 11): started 12 days ago by
 * its platform lead, evaluated on the previous scans (a week ago) and then on the current ones, so
 * some tasks are verified by scans, those the current scans undid show as regressed (with their audit
 * entries), one manual task is claimed, and a few tasks have owners. Every evaluation is computed from
 * the demo's own scans by the same criteria as a real plan; no task's status is asserted by hand.
 */
import type { ScanSummary } from '@shared/contract';
import { appendAuditEntry } from '../db/repositories/audit-log';
import type { ScanRef } from '../db/repositories/findings';
import { appendPlanEvaluation, upsertPlanTask, writePlan, type PlanTaskRow } from '../db/repositories/plan';
import { listScans } from '../db/repositories/scans';
import type { Workspace } from '../db/open-workspace';
import { recordPlanEvaluation } from '../governance/plan/plan-service';
import { resultsOf } from '../governance/plan/plan-view';
import type { ServiceDeps } from './handler-deps';
import { planStateOf } from './plan-handlers';

export const DEMO_PLAN_LEAD = 'Priya Raman (platform lead)';
export const DEMO_PLAN_CLAIMER = 'Tom Okafor (security)';
export const DEMO_PLAN_CLAIM = 'Posted the agent onboarding form in #platform-announce: https://wiki.quillmere.example/agents/onboarding';
const DAY_MS = 86_400_000;

export async function seedDemoPlan(deps: Pick<ServiceDeps, 'analysis' | 'clock'>, workspace: Workspace): Promise<void> {
  const now = deps.clock();
  const iso = (daysAgo: number): string => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  // Newest first (listScans' order): each account's current scan, and the one before it.
  const byAccount = new Map<string | null, ScanSummary[]>();
  for (const scan of listScans(workspace.read)) {
    if (scan.status === 'completed') byAccount.set(scan.accountId, [...(byAccount.get(scan.accountId) ?? []), scan]);
  }
  // By account, as the current state lists them (repositories/scans.ts currentScanIds).
  const byAccountId = (a: ScanSummary, b: ScanSummary): number => (a.accountId ?? '').localeCompare(b.accountId ?? '');
  const current = [...byAccount.values()].flatMap((scans) => scans.slice(0, 1)).sort(byAccountId);
  const previous = [...byAccount.values()].flatMap((scans) => scans.slice(1, 2)).sort(byAccountId);
  if (current.length === 0 || previous.length === 0) return;
  const analyse = async (scans: readonly ScanSummary[]): Promise<ScanRef[]> => {
    const refs: ScanRef[] = [];
    for (const scan of scans) refs.push(await deps.analysis.ensure(workspace, scan.id));
    return refs;
  };
  const previousAt = new Date(Math.max(...previous.map((scan) => Date.parse(scan.startedAt))));
  const before = planStateOf(workspace, await analyse(previous), previous, new Map(), previousAt);
  const after = planStateOf(workspace, await analyse(current), current, new Map(), now);

  const start = iso(12).slice(0, 10);
  const task = (id: string, owner: string, claim: { at: string; evidence: string } | null = null): PlanTaskRow => ({
    id, builtIn: true, week: null, step: null, title: null, owner, dueDate: null, notes: '',
    claimedBy: claim === null ? null : DEMO_PLAN_CLAIMER, claimedAt: claim?.at ?? null, claimEvidence: claim?.evidence ?? null,
    skipReason: null, skippedBy: null, skippedAt: null, createdAt: iso(12), updatedAt: claim?.at ?? iso(12),
  });
  // In the order it happened, so the audit log reads as the team's story.
  workspace.write.transaction((tx) => {
    writePlan(tx, { startDate: start, startedBy: DEMO_PLAN_LEAD, startedAt: iso(12), restarts: 0 });
    appendAuditEntry(tx, { at: iso(12), actor: DEMO_PLAN_LEAD, action: 'plan.started', target: 'plan', details: { startDate: start } });
    for (const [id, owner] of [['w1-ai-owner', DEMO_PLAN_LEAD], ['w2-tier1-no-long-lived-keys', 'ml-platform@quillmere.example'], ['w3-no-unregistered-ai', DEMO_PLAN_CLAIMER]] as const) {
      upsertPlanTask(tx, task(id, owner));
      appendAuditEntry(tx, { at: iso(12), actor: DEMO_PLAN_LEAD, action: 'plan.task_updated', target: id, details: { changes: { owner: { from: null, to: owner } } } });
    }
    const results = resultsOf(before.live);
    const scanIds = previous.map((scan) => scan.id);
    appendPlanEvaluation(tx, { at: previousAt.toISOString(), scanIds, results });
    for (const [id, result] of Object.entries(results)) {
      if (result.status === 'done') appendAuditEntry(tx, { at: previousAt.toISOString(), actor: DEMO_PLAN_LEAD, action: 'plan.task_verified', target: id, details: { scanIds, progress: result } });
    }
    upsertPlanTask(tx, task('w3-onboarding-path', DEMO_PLAN_CLAIMER, { at: iso(3), evidence: DEMO_PLAN_CLAIM }));
    appendAuditEntry(tx, { at: iso(3), actor: DEMO_PLAN_CLAIMER, action: 'plan.task_claimed', target: 'w3-onboarding-path', details: { evidence: DEMO_PLAN_CLAIM } });
  });
  // Today's evaluation: what the current scans verified or undid.
  recordPlanEvaluation(workspace.write, { scanIds: current.map((scan) => scan.id), results: resultsOf(after.live) }, { actor: DEMO_PLAN_LEAD, now });
}
