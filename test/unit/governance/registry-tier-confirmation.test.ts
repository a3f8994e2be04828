import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRow, RegistryRecordInfo } from '@shared/contract';
import { registryUpdateSchema } from '@shared/contract';
import { getRegistryRecord } from '@core/db/repositories/registry';
import { listAuditEntries } from '@core/db/repositories/audit-log';
import { applyRegistryPatch, emptyRegistryRecord } from '@core/governance/registry';
import { updateRegistry } from '@core/governance/registry-service';
import { buildPlanState } from '@core/governance/plan/plan-state';
import { tempWorkspace } from './analysis-fixtures';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const ARN = 'arn:aws:iam::123456789012:role/agent-0';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function row(tier: 1 | 2 | 3): AgentRow {
  return {
    arn: ARN, scanId: 's1', name: 'agent-0', kind: 'iam-role', accountId: '123456789012', path: '/', awsManaged: false, access: 'workload', aiUse: 'runs', ai: true,
    aiSignals: [], owner: null, status: 'registered', tier, tierOverridden: false, workloadCount: 0, activeKeyCount: 0, createdAt: null, lastUsedAt: null,
    findingCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
  };
}

function planAgent(tier: 1 | 2 | 3, record: RegistryRecordInfo): boolean | undefined {
  const state = buildPlanState({ now: NOW, currentScans: [], allScans: [], agents: [row(tier)], findings: [], registry: new Map([[ARN, record]]), connectedAccounts: [], enabledTeamPolicies: 0, reviewCadenceSet: false, bedrockActionGroups: 0, tier1ReviewDecisions: 0 });
  return state.agents[0]?.tierConfirmed;
}

describe('a person confirms an identity’s tier (the plan’s “Tier 1 confirmed”)', () => {
  it('records the tier confirmed with who and when; withdrawing clears them; the same confirmation again changes nothing', () => {
    const confirmed = applyRegistryPatch(emptyRegistryRecord(ARN), { tierConfirmed: 1 }, { actor: 'alice', now: NOW, tier: 1 });
    expect(confirmed.record).toMatchObject({ tierConfirmed: 1, tierConfirmedBy: 'alice', tierConfirmedAt: NOW.toISOString() });
    expect(confirmed.changes).toEqual({ tierConfirmed: { from: null, to: 1 } });
    expect(applyRegistryPatch(confirmed.record, { tierConfirmed: 1 }, { actor: 'bob', now: NOW, tier: 1 }).changes).toEqual({});
    const withdrawn = applyRegistryPatch(confirmed.record, { tierConfirmed: null }, { actor: 'bob', now: NOW, tier: 1 });
    expect(withdrawn.record).toMatchObject({ tierConfirmed: null, tierConfirmedBy: null, tierConfirmedAt: null });
    expect(registryUpdateSchema.safeParse({ arns: [ARN], patch: { tierConfirmed: 4 } }).success).toBe(false);
  });

  it('holds for the tier it named only: a re-tiered identity needs a new confirmation', () => {
    const record = applyRegistryPatch(emptyRegistryRecord(ARN), { tierConfirmed: 1 }, { actor: 'alice', now: NOW, tier: 1 }).record;
    expect(planAgent(1, record)).toBe(true);
    expect(planAgent(2, record)).toBe(false);
    expect(planAgent(1, emptyRegistryRecord(ARN))).toBe(false);
  });

  it('is stored and audited through registry:update’s service', () => {
    const made = tempWorkspace(() => NOW);
    cleanup = made.cleanup;
    updateRegistry(made.workspace.write, { arns: [ARN], patch: { tierConfirmed: 1 }, actor: 'alice', now: NOW, tierOf: () => 1 });
    expect(getRegistryRecord(made.workspace.read, ARN)).toMatchObject({ tierConfirmed: 1, tierConfirmedBy: 'alice', tierConfirmedAt: NOW.toISOString() });
    const entry = listAuditEntries(made.workspace.read, 50, null).find((e) => e.action === 'registry.update');
    expect(entry?.details).toEqual({ changes: { tierConfirmed: { from: null, to: 1 } } });
  });
});

describe('review dates a registry patch schedules follow the team’s cadence (Settings)', () => {
  it('registration and a recorded review use the cadence in force, the defaults when none is set', () => {
    const cadence = { tier1Days: 14, tier2Days: 60, tier3Days: 120 };
    const registered = applyRegistryPatch(emptyRegistryRecord(ARN), { status: 'registered' }, { actor: 'alice', now: NOW, tier: 1, cadence });
    expect(registered.record.nextReviewAt).toBe('2026-03-15');
    expect(applyRegistryPatch(emptyRegistryRecord(ARN), { status: 'registered' }, { actor: 'alice', now: NOW, tier: 1 }).record.nextReviewAt).toBe('2026-03-31');
    const reviewed = applyRegistryPatch(emptyRegistryRecord(ARN), { lastReviewAt: '2026-03-01' }, { actor: 'alice', now: NOW, tier: 2, cadence });
    expect(reviewed.record.nextReviewAt).toBe('2026-04-30');
  });
});
