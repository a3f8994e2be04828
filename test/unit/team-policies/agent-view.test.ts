/** The agent view built from a real analysis: every documented field present, ages at the scan's moment. */
import { describe, expect, it } from 'vitest';
import { AGENT_VIEW_TYPES } from '@shared/policy-language';
import { buildAgentView, daysBetween, isPolicySubject } from '@core/analysis/team-policies/agent-view';
import { allow, analyse, daysAgo, emptyFacts, iam, NOW, registered, reportRow, role, roleArn, trustService, user, userArn } from '../rules/support';

function analysed() {
  const facts = emptyFacts();
  iam(facts).roles.push(
    role('summarizer', {
      trustPolicy: trustService('bedrock.amazonaws.com'),
      tags: { owner: 'ml-team', 'cost-center': 'cc-7' },
      inlinePolicies: [{ name: 'p', document: allow(['bedrock:InvokeModel', 's3:PutObject'], '*') }],
      createdAt: daysAgo(30),
      lastUsed: { date: daysAgo(2), region: 'eu-west-1' },
    }),
    role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', trustPolicy: trustService('support.amazonaws.com') }),
  );
  iam(facts).users.push(user('ci-bot', { groups: ['deployers'] }));
  facts.credentialReport = {
    generatedAt: daysAgo(0),
    rows: [reportRow('ci-bot', { key1: { active: true, lastRotated: daysAgo(200), lastUsedDate: daysAgo(4), lastUsedService: 's3' } })],
  };
  return analyse(facts, { registry: [registered(roleArn('summarizer'), { dataScope: 'public docs', lastReviewAt: daysAgo(10).slice(0, 10) })] });
}

const documented = (typeName: string): string[] => (AGENT_VIEW_TYPES.find((t) => t.name === typeName)?.fields ?? []).map((f) => f.name).sort();

describe('buildAgentView', () => {
  const result = analysed();
  const counts = { critical: 0, high: 2, medium: 1, low: 0, info: 0 };
  const viewOf = (arn: string) => {
    const agent = result.agents.find((a) => a.arn === arn);
    if (agent === undefined) throw new Error(arn);
    return buildAgentView({ agent, findingCounts: counts, registry: arn === roleArn('summarizer') ? registered(arn, { dataScope: 'public docs', lastReviewAt: daysAgo(10) }) : null, now: NOW });
  };

  it('has exactly the documented fields, at every level', () => {
    const role = viewOf(roleArn('summarizer'));
    const bot = viewOf(userArn('ci-bot'));
    expect(Object.keys(role).sort()).toEqual(documented('Agent'));
    expect(Object.keys(role.workloads[0] ?? { kind: 0, name: 0, arn: 0, region: 0 }).sort()).toEqual(documented('Workload'));
    expect(Object.keys(bot.accessKeys[0] ?? {}).sort()).toEqual(documented('AccessKey'));
    expect(Object.keys(role.trust).sort()).toEqual(documented('Trust'));
    expect(Object.keys(role.findingCounts).sort()).toEqual(documented('FindingCounts'));
  });

  it('reads a role: tier, AI signals, owner, registry fields, trust, services and what it may write', () => {
    const view = viewOf(roleArn('summarizer'));
    expect(view).toMatchObject({
      name: 'summarizer',
      kind: 'iam-role',
      ai: true,
      // The registry's owner wins over the owner tag.
      owner: 'team@example.com',
      ownerSource: 'registry',
      dataScope: 'public docs',
      lastReviewDays: 10,
      ageDays: 30,
      lastUsedDays: 2,
      tags: { owner: 'ml-team', 'cost-center': 'cc-7' },
      trust: { services: ['bedrock.amazonaws.com'], aws: [], federated: [], anyPrincipal: false },
      findingCounts: counts,
      accessKeys: [],
      credentialsKnown: true,
    });
    expect(view.aiSignals).toContain('trusted-by-ai-service');
    expect(view.services).toEqual(expect.arrayContaining(['bedrock', 's3']));
    expect(view.writeServices).toContain('s3');
    expect([1, 2, 3]).toContain(view.tier);
    expect(view.tierReasons.length).toBeGreaterThan(0);
  });

  it('reads a machine user: its keys with their ages at the scan’s moment, groups, empty trust', () => {
    const view = viewOf(userArn('ci-bot'));
    expect(view.kind).toBe('iam-user');
    expect(view.groups).toEqual(['deployers']);
    expect(view.accessKeys).toEqual([
      { slot: 1, active: true, ageDays: 200, lastUsedDays: 4, lastUsedService: 's3' },
    ]);
    expect(view.consolePassword).toBe(false);
    expect(view.trust).toEqual({ services: [], aws: [], federated: [], anyPrincipal: false });
    expect(view.owner).toBeNull();
  });

  it('is only built for governed agents', () => {
    const subjects = result.agents.filter(isPolicySubject).map((a) => a.name).sort();
    expect(subjects).toEqual(['ci-bot', 'summarizer']);
  });
});

describe('daysBetween', () => {
  it('counts whole days, never negative, null for nothing or nonsense', () => {
    expect(daysBetween('2026-02-27T12:00:00.000Z', NOW)).toBe(2);
    expect(daysBetween('2026-02-27T12:00:00.001Z', NOW)).toBe(1);
    expect(daysBetween('2027-01-01', NOW)).toBe(0);
    expect(daysBetween(null, NOW)).toBeNull();
    expect(daysBetween('soon', NOW)).toBeNull();
  });
});
