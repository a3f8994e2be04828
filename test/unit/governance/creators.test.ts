/** Who created an identity (CloudTrail creator records) in the diff and as a suggested owner (issue 14). */
import { describe, expect, it } from 'vitest';
import { creationsByIdentity, diffCreations, evidenceDate, suggestedOwner } from '@core/governance/changes/creators';
import { scanDiff, type DiffAgentInput } from '@core/governance/changes/scan-diff';
import type { CreatorFacts } from '@core/discovery/facts';

const A = 'arn:aws:iam::111122223333';
const ROLE = `${A}:role/support-bot`;
const OLD_ROLE = `${A}:role/existing-exec`;
const FN = 'arn:aws:lambda:eu-west-1:111122223333:function:summarise';

function record(extra: Partial<CreatorFacts>): CreatorFacts {
  return {
    resourceArn: ROLE,
    resourceType: 'iam-role',
    identityArn: ROLE,
    region: 'us-east-1',
    eventName: 'CreateRole',
    eventId: 'ev-1',
    createdAt: '2025-11-30T09:12:00.000Z',
    createdBy: 'alice@example.com',
    createdByArn: null,
    person: true,
    via: 'AWSReservedSSO_Admin_0123abcd',
    identityType: 'AssumedRole',
    sessionName: 'alice@example.com',
    invokedBy: null,
    ...extra,
  };
}

const fnRecord = record({ resourceArn: FN, resourceType: 'lambda-function', identityArn: OLD_ROLE, region: 'eu-west-1', eventName: 'CreateFunction20150331', eventId: 'ev-2', createdBy: 'bob', via: null, createdAt: '2025-12-01T10:00:00.000Z' });

describe('creationsByIdentity', () => {
  it('prefers the identity’s own creation; else the newest creation of what runs as it', () => {
    const workloadOfNewRole = { ...fnRecord, identityArn: ROLE, createdAt: '2025-12-05T00:00:00.000Z', eventId: 'ev-3', createdBy: 'carol' };
    const byIdentity = creationsByIdentity([workloadOfNewRole, record({}), fnRecord, { ...fnRecord, eventId: 'ev-0', createdAt: '2025-10-01T00:00:00.000Z', createdBy: 'older' }]);
    expect(byIdentity.get(ROLE)?.createdBy).toBe('alice@example.com');
    expect(byIdentity.get(OLD_ROLE)?.createdBy).toBe('bob');
    expect(creationsByIdentity([record({ identityArn: null })]).size).toBe(0);
  });
});

describe('scanDiff with creators', () => {
  const agent = (arn: string, name: string, ai: boolean): DiffAgentInput => ({ arn, name, kind: 'iam-role', tier: 2, owner: null, status: 'unregistered', ai });
  it('fills createdBy/createdAt on added identities, added AI agents and new shadow AI; null where unknown', () => {
    const from = { scanId: 's1', at: '2025-11-01T00:00:00Z', agents: [agent(OLD_ROLE, 'existing-exec', false)], findings: [] };
    const shadowFinding = (arn: string) => ({ fingerprint: arn, ruleId: 'shadow_ai_unregistered', severity: 'high' as const, title: 't', principalArn: arn, resourceArn: arn, scanStatus: 'new' as const, firstSeenAt: '2025-12-06T00:00:00Z' });
    const to = {
      scanId: 's2',
      at: '2025-12-06T00:00:00Z',
      agents: [agent(OLD_ROLE, 'existing-exec', true), agent(ROLE, 'support-bot', true), agent(`${A}:role/unknown`, 'unknown', false)],
      findings: [shadowFinding(ROLE), shadowFinding(OLD_ROLE)],
    };
    const diff = scanDiff({ accountId: '111122223333', from, to, shadowSignals: new Map(), creators: diffCreations([record({}), fnRecord]) });
    expect(diff.identities.added.map((i) => [i.name, i.createdBy, i.createdAt])).toEqual([
      ['support-bot', 'alice@example.com', '2025-11-30T09:12:00.000Z'],
      ['unknown', null, null],
    ]);
    expect(diff.aiAgents.added.map((i) => [i.name, i.createdBy])).toEqual([
      ['existing-exec', 'bob'],
      ['support-bot', 'alice@example.com'],
    ]);
    expect(diff.shadowAi.added.map((s) => [s.name, s.createdBy, s.createdAt])).toEqual([
      ['existing-exec', 'bob', '2025-12-01T10:00:00.000Z'],
      ['support-bot', 'alice@example.com', '2025-11-30T09:12:00.000Z'],
    ]);
  });
});

describe('suggestedOwner', () => {
  it('the person who created it, through which role and when', () => {
    expect(suggestedOwner(ROLE, [record({})], null)).toEqual({
      name: 'alice@example.com',
      evidence: 'Created by alice@example.com through AWSReservedSSO_Admin_0123abcd on 30 Nov 2025 (CloudTrail CreateRole)',
      source: 'cloudtrail',
    });
    expect(suggestedOwner(OLD_ROLE, [fnRecord], null)?.evidence).toBe('Created the Lambda function summarise, which runs as it, by bob on 1 Dec 2025 (CloudTrail CreateFunction20150331)');
  });
  it('a role or a service is no owner: the owner tag then, else none', () => {
    const byPipeline = record({ createdBy: 'deploy', person: false, via: null });
    expect(suggestedOwner(ROLE, [byPipeline], null)).toBeNull();
    expect(suggestedOwner(ROLE, [byPipeline], { owner: 'team-ml', tag: 'owner' })).toEqual({ name: 'team-ml', evidence: 'Its tag owner names this owner', source: 'tag' });
    expect(suggestedOwner(ROLE, [], null)).toBeNull();
  });
  it('keeps hostile names as text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(suggestedOwner(ROLE, [record({ createdBy: hostile, via: '"><script>' })], null)?.evidence).toContain(`by ${hostile} through "><script>`);
  });
  it('dates in UTC', () => {
    expect(evidenceDate('2025-11-30T23:59:59.000Z')).toBe('30 Nov 2025');
  });
});
