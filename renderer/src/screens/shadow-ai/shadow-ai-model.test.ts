import { describe, expect, it } from 'vitest';
import type { AgentRow, FindingSummary } from '@shared/contract';
import { leftOut, shadowRows } from './shadow-ai-model';

const SANDBOX = '111100003333';
const PROD = '111100001111';

function agent(name: string, accountId: string, partial: Partial<AgentRow> = {}): AgentRow {
  return {
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    scanId: `scan-${accountId}`,
    name,
    kind: 'iam-user',
    accountId,
    path: '/',
    awsManaged: false,
    access: 'workload',
    aiUse: null,
    ai: true,
    aiSignals: ['ai-credential'],
    owner: null,
    status: 'unregistered',
    tier: 2,
    tierOverridden: false,
    workloadCount: 0,
    activeKeyCount: 1,
    createdAt: null,
    lastUsedAt: null,
    findingCounts: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
    ...partial,
  };
}

function raised(row: AgentRow, partial: Partial<FindingSummary> = {}): FindingSummary {
  return {
    fingerprint: `f-${row.arn}`,
    scanId: row.scanId,
    ruleId: 'shadow_ai_unregistered',
    severity: 'high',
    step: 5,
    title: 'Shadow AI',
    principalArn: row.arn,
    resourceArn: row.arn,
    resourceId: row.name,
    accountId: row.accountId,
    region: null,
    frameworks: [],
    policy: null,
    status: 'open',
    isNew: false,
    firstSeenAt: '2026-01-01',
    lastSeenAt: '2026-01-01',
    acceptance: null,
    ...partial,
  };
}

describe('the Shadow AI list', () => {
  const key = agent('BedrockAPIKey-hk4z', SANDBOX);
  const prodKey = agent('BedrockAPIKey-q7m2', PROD, { tier: 1 });
  const sso = agent('AWSReservedSSO_DataScientist', SANDBOX, { kind: 'iam-role' });
  const terraform = agent('sandbox-terraform', SANDBOX);

  it('lists the identities the rule raised, in every account, and no other AI identity (the rule decides, not the screen)', () => {
    // The SSO role and the Terraform user have AI signals but the rule left them out (human access, manages AI).
    const rows = shadowRows([key, prodKey, sso, terraform], [raised(key), raised(prodKey)]);
    expect(rows.map((row) => row.agent.name)).toEqual(['BedrockAPIKey-q7m2', 'BedrockAPIKey-hk4z']);
    expect(new Set(rows.map((row) => row.agent.accountId))).toEqual(new Set([SANDBOX, PROD]));
  });

  it('puts what appeared since the previous scan first, and drops what the rule resolved', () => {
    const rows = shadowRows([key, prodKey, terraform], [raised(key, { isNew: true }), raised(prodKey), raised(terraform, { status: 'resolved' })]);
    expect(rows.map((row) => [row.agent.name, row.isNew])).toEqual([
      ['BedrockAPIKey-hk4z', true],
      ['BedrockAPIKey-q7m2', false],
    ]);
  });

  it('matches a finding to the row of its own scan', () => {
    const otherScan = { ...key, scanId: 'scan-older' };
    expect(shadowRows([otherScan], [raised(key)])).toEqual([]);
  });

  it('counts the unregistered identities with AI signals the rule left out: human access, and those that only manage AI', () => {
    const sso = agent('AWSReservedSSO_DataScientist', SANDBOX, { kind: 'iam-role', access: 'human', aiUse: null });
    const terraform = agent('sandbox-terraform', SANDBOX, { aiUse: 'manages' });
    const registeredTerraform = agent('prod-terraform', PROD, { aiUse: 'manages', status: 'registered' });
    const quietSso = agent('AWSReservedSSO_ReadOnly', PROD, { kind: 'iam-role', access: 'human', aiUse: null, aiSignals: [] });
    expect(leftOut([sso, terraform, registeredTerraform, quietSso, agent('BedrockAPIKey-hk4z', SANDBOX)])).toEqual({ human: 1, manages: 1 });
  });
});
