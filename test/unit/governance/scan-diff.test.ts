/** The pure "What changed" diff (issue 14) on constructed scans of one account. */
import { describe, expect, it } from 'vitest';
import type { AiSignalInfo } from '@shared/contract';
import { isFailOnKind, matchedKinds, scanDiff, shadowAiAdded, type DiffAgentInput, type DiffFindingInput, type DiffSide } from '@core/governance/changes/scan-diff';

const A = 'arn:aws:iam::111122223333';

function agent(name: string, extra: Partial<DiffAgentInput> = {}): DiffAgentInput {
  return { arn: `${A}:role/${name}`, name, kind: 'iam-role', tier: 3, owner: null, status: 'unregistered', ai: false, ...extra };
}

function finding(fingerprint: string, extra: Partial<DiffFindingInput> = {}): DiffFindingInput {
  return {
    fingerprint,
    ruleId: 'identity_unused',
    severity: 'medium',
    title: `title ${fingerprint}`,
    principalArn: null,
    resourceArn: `${A}:role/${fingerprint}`,
    scanStatus: 'open',
    firstSeenAt: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

function side(scanId: string, at: string, agents: DiffAgentInput[], findings: DiffFindingInput[]): DiffSide {
  return { scanId, at, agents, findings };
}

const FROM_AT = '2026-11-10T00:00:00Z';
const TO_AT = '2026-11-17T00:00:00Z';
const signals: AiSignalInfo[] = [{ signal: 'trusted-by-ai-service', source: 'trust policy', detail: 'bedrock.amazonaws.com' }];

describe('scanDiff', () => {
  const from = side(
    'scan-1',
    FROM_AT,
    [agent('kept', { owner: 'alice', tier: 2 }), agent('gone'), agent('ai-gone', { ai: true }), agent('was-ai', { ai: true }), agent('becomes-ai')],
    [
      finding('still'),
      finding('fixed', { severity: 'low' }),
      finding('fixed-critical', { severity: 'critical' }),
      finding('shadow-was', { ruleId: 'shadow_ai_unregistered', resourceArn: `${A}:role/was-ai`, severity: 'high' }),
      finding('hand-resolved', { severity: 'high' }),
    ],
  );
  const to = side(
    'scan-2',
    TO_AT,
    [
      agent('kept', { owner: 'bob', tier: 1 }),
      agent('was-ai', { ai: true }),
      agent('becomes-ai', { ai: true }),
      agent('fresh-ai', { ai: true, tier: 1 }),
      agent('fresh'),
    ],
    [
      finding('still'),
      finding('brand-new-critical', { severity: 'critical', firstSeenAt: TO_AT, scanStatus: 'new' }),
      finding('brand-new-low', { severity: 'low', firstSeenAt: TO_AT, scanStatus: 'new' }),
      finding('came-back', { severity: 'high', firstSeenAt: '2026-10-01T00:00:00Z', scanStatus: 'regressed' }),
      finding('came-back-low', { severity: 'low', firstSeenAt: '2026-10-01T00:00:00Z', scanStatus: 'regressed' }),
      finding('hand-resolved', { severity: 'high', scanStatus: 'regressed' }),
      finding('shadow-was', { ruleId: 'shadow_ai_unregistered', resourceArn: `${A}:role/was-ai`, severity: 'high' }),
      finding('shadow-fresh', { ruleId: 'shadow_ai_unregistered', resourceArn: `${A}:role/fresh-ai`, severity: 'high', firstSeenAt: TO_AT, scanStatus: 'new' }),
    ],
  );
  const diff = scanDiff({ accountId: '111122223333', from, to, shadowSignals: new Map([[`${A}:role/fresh-ai`, signals]]) });

  it('names both scans', () => {
    expect(diff.from).toEqual({ scanId: 'scan-1', at: FROM_AT });
    expect(diff.to).toEqual({ scanId: 'scan-2', at: TO_AT });
    expect(diff.accountId).toBe('111122223333');
  });

  it('lists identities added and removed, by name', () => {
    expect(diff.identities.added.map((i) => i.name)).toEqual(['fresh', 'fresh-ai']);
    expect(diff.identities.removed.map((i) => i.name)).toEqual(['ai-gone', 'gone']);
    // No creator records given: who created it is unknown (null), not absent.
    expect(diff.identities.added[1]).toEqual({ arn: `${A}:role/fresh-ai`, name: 'fresh-ai', kind: 'iam-role', tier: 1, owner: null, status: 'unregistered', createdBy: null, createdAt: null });
  });

  it('counts an identity that gained AI signals as an AI agent added, and one that went as removed', () => {
    expect(diff.aiAgents.added.map((i) => i.name)).toEqual(['becomes-ai', 'fresh-ai']);
    expect(diff.aiAgents.removed.map((i) => i.name)).toEqual(['ai-gone']);
  });

  it('lists shadow AI the rule raised since, with its signals and no creator yet', () => {
    expect(diff.shadowAi.added).toEqual([{ arn: `${A}:role/fresh-ai`, name: 'fresh-ai', createdBy: null, createdAt: null, signals }]);
    expect(shadowAiAdded(from, to)).toEqual([`${A}:role/fresh-ai`]);
  });

  it('splits findings into new, regressed and resolved; lists critical and high, counts all', () => {
    expect(diff.findings.new.map((f) => f.fingerprint)).toEqual(['brand-new-critical', 'shadow-fresh']);
    expect(diff.findings.counts.new).toEqual({ critical: 1, high: 1, medium: 0, low: 1, info: 0 });
    // Seen before `from`, gone in `from`, back: regressed; in both but resolved by hand in between: regressed too.
    expect(diff.findings.regressed.map((f) => f.fingerprint)).toEqual(['came-back', 'hand-resolved']);
    expect(diff.findings.counts.regressed).toEqual({ critical: 0, high: 2, medium: 0, low: 1, info: 0 });
    expect(diff.findings.resolved.map((f) => f.fingerprint)).toEqual(['fixed-critical', 'fixed']);
    expect(diff.findings.counts.resolved).toEqual({ critical: 1, high: 0, medium: 0, low: 1, info: 0 });
    expect(diff.findings.new[0]).toEqual({
      fingerprint: 'brand-new-critical',
      ruleId: 'identity_unused',
      severity: 'critical',
      title: 'title brand-new-critical',
      principalArn: null,
      resourceArn: `${A}:role/brand-new-critical`,
    });
  });

  it('reports owner and tier changes of identities in both scans', () => {
    expect(diff.owners.changed).toEqual([{ arn: `${A}:role/kept`, name: 'kept', from: 'alice', to: 'bob' }]);
    expect(diff.tiers.changed).toEqual([{ arn: `${A}:role/kept`, name: 'kept', from: 2, to: 1 }]);
  });

  it('counts everything', () => {
    expect(diff.counts).toEqual({
      identitiesAdded: 2,
      identitiesRemoved: 2,
      aiAgentsAdded: 2,
      aiAgentsRemoved: 1,
      shadowAiAdded: 1,
      findingsNew: 3,
      findingsRegressed: 3,
      findingsResolved: 2,
      ownerChanges: 1,
      tierChanges: 1,
    });
  });

  it('calls a finding first seen between `from` and `to` new, not regressed', () => {
    const between = scanDiff({
      accountId: null,
      from: side('s1', FROM_AT, [], []),
      to: side('s3', TO_AT, [], [finding('mid', { severity: 'high', firstSeenAt: '2026-11-12T00:00:00Z' })]),
      shadowSignals: new Map(),
    });
    expect(between.findings.new.map((f) => f.fingerprint)).toEqual(['mid']);
    expect(between.findings.regressed).toEqual([]);
  });

  it('with no earlier scan, counts everything in `to` as added or new and nothing as removed', () => {
    const first = scanDiff({ accountId: '111122223333', from: null, to, shadowSignals: new Map() });
    expect(first.from).toBeNull();
    expect(first.identities.added).toHaveLength(to.agents.length);
    expect(first.aiAgents.added.map((i) => i.name)).toEqual(['becomes-ai', 'fresh-ai', 'was-ai']);
    expect(first.shadowAi.added.map((s) => s.name)).toEqual(['fresh-ai', 'was-ai']);
    expect(first.shadowAi.added[0]?.signals).toEqual([]);
    expect(first.counts.findingsNew).toBe(to.findings.length);
    expect(first.counts.findingsRegressed + first.counts.findingsResolved + first.counts.identitiesRemoved + first.counts.ownerChanges).toBe(0);
  });

  it('an unchanged scan has no change', () => {
    const same = scanDiff({ accountId: null, from, to: { ...from, scanId: 'scan-1b', at: TO_AT }, shadowSignals: new Map() });
    expect(Object.values(same.counts).every((n) => n === 0)).toBe(true);
  });
});

describe('--fail-on kinds', () => {
  const base = scanDiff({ accountId: null, from: side('a', FROM_AT, [], []), to: side('b', TO_AT, [], []), shadowSignals: new Map() });
  it('knows its kinds and refuses others', () => {
    expect(['new-shadow-ai', 'new-critical', 'new-high', 'regressed'].every(isFailOnKind)).toBe(true);
    expect(isFailOnKind('new-medium')).toBe(false);
    expect(isFailOnKind('__proto__')).toBe(false);
  });
  it('matches the kinds a diff shows', () => {
    const high = scanDiff({
      accountId: null,
      from: side('a', FROM_AT, [], []),
      to: side('b', TO_AT, [], [finding('x', { severity: 'high', firstSeenAt: TO_AT })]),
      shadowSignals: new Map(),
    });
    expect(matchedKinds(['new-shadow-ai', 'new-critical', 'new-high', 'regressed'], [base])).toEqual([]);
    expect(matchedKinds(['new-shadow-ai', 'new-critical', 'new-high', 'regressed'], [base, high])).toEqual(['new-high']);
    const lowBack = scanDiff({
      accountId: null,
      from: side('a', FROM_AT, [], []),
      to: side('b', TO_AT, [], [finding('y', { severity: 'low', firstSeenAt: '2026-01-01T00:00:00Z' })]),
      shadowSignals: new Map(),
    });
    // A low finding coming back is counted, not listed, and does not fail a build on `regressed`.
    expect(lowBack.counts.findingsRegressed).toBe(1);
    expect(matchedKinds(['regressed'], [lowBack])).toEqual([]);
  });
});
