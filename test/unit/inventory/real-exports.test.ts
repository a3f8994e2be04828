import { describe, expect, it } from 'vitest';
import { deriveInventory } from '@core/analysis/inventory/derive-inventory';
import type { InventoryAgent } from '@core/analysis/inventory/types';
import { emptyScanFacts, type ScanFacts } from '@core/discovery/facts';
import { parseAuthorizationDetailsFile } from '@core/discovery/import/authorization-details';
import { importOfflineFiles } from '@core/discovery/import/import-files';
import { CLOUDMAPPER_REPORT_CSV, REAL_EXPORTS } from '../discovery/fixture-paths';
import { clock } from './facts-builder';

async function factsOf(path: string): Promise<ScanFacts> {
  const parsed = await parseAuthorizationDetailsFile(path);
  const facts = emptyScanFacts({ collectedAt: clock().toISOString(), account: { id: parsed.accountId, alias: null, partition: parsed.partition, source: 'import' } });
  facts.iam = parsed.iam;
  return facts;
}

function expectEachPrincipalOnce(facts: ScanFacts, agents: InventoryAgent[], extraUserArns: string[] = []): void {
  const expected = [...(facts.iam?.users ?? []).map((u) => u.arn), ...extraUserArns, ...(facts.iam?.roles ?? []).map((r) => r.arn)].sort();
  const listed = agents.filter((a) => a.kind === 'iam-user' || a.kind === 'iam-role').map((a) => a.arn);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(expected);
}

describe('the iam-vulnerable export (Cloudsplaining, 2023)', () => {
  it('lists every user and role exactly once, service-linked roles marked', async () => {
    const facts = await factsOf(REAL_EXPORTS.iamVulnerable2023);
    const agents = deriveInventory(facts, new Map(), clock);
    expect(facts.iam?.users).toHaveLength(41);
    expect(facts.iam?.roles).toHaveLength(75);
    expectEachPrincipalOnce(facts, agents);
    const serviceLinked = (facts.iam?.roles ?? []).filter((r) => r.path.startsWith('/aws-service-role/')).map((r) => r.arn).sort();
    expect(serviceLinked.length).toBeGreaterThan(0);
    expect(agents.filter((a) => a.awsManaged).map((a) => a.arn).sort()).toEqual(serviceLinked);
  });

  it('marks as AI exactly the SageMaker principals and the role SageMaker may assume; not admins nor read-only catalogues', async () => {
    const facts = await factsOf(REAL_EXPORTS.iamVulnerable2023);
    const agents = deriveInventory(facts, new Map(), clock);
    expect(agents.filter((a) => a.ai).map((a) => a.name)).toEqual([
      'privesc-sageMakerCreateNotebookPassRole-user',
      'privesc-sageMakerCreatePresignedNotebookURL-user',
      'privesc-sageMakerCreateProcessingJobPassRole-user',
      'privesc-sageMakerCreateTrainingJobPassRole-user',
      'privesc-high-priv-service-role',
      'privesc-sageMakerCreateNotebookPassRole-role',
      'privesc-sageMakerCreatePresignedNotebookURL-role',
      'privesc-sageMakerCreateProcessingJobPassRole-role',
      'privesc-sageMakerCreateTrainingJobPassRole-role',
    ]);
    const admins = (facts.iam?.roles ?? []).filter((r) => r.attachedPolicies.some((p) => p.name === 'AdministratorAccess'));
    expect(admins.length).toBeGreaterThan(0);
    for (const admin of admins) expect(agents.find((a) => a.arn === admin.arn)?.ai, admin.name).toBe(false);
    const viewOnly = agents.find((a) => a.name.startsWith('AWSReservedSSO_ViewOnlyAccess'));
    expect(viewOnly?.ai).toBe(false);
    expect(viewOnly?.access).toBe('human');
  });
});

describe("CloudMapper's demo account with its credential report", () => {
  it('lists every user and role once, including users only the report names, with their keys', async () => {
    const facts = await importOfflineFiles({ authorizationDetailsPath: REAL_EXPORTS.cloudmapperDemo, credentialReportPath: CLOUDMAPPER_REPORT_CSV, clock });
    const agents = deriveInventory(facts, new Map(), clock);
    const iamUserArns = new Set((facts.iam?.users ?? []).map((u) => u.arn));
    const reportOnly = (facts.credentialReport?.rows ?? []).filter((r) => !r.isRoot && !iamUserArns.has(r.arn)).map((r) => r.arn);
    expect(reportOnly).toEqual(['arn:aws:iam::123456789012:user/auditor_tmp', 'arn:aws:iam::123456789012:user/user']);
    expectEachPrincipalOnce(facts, agents, reportOnly);
    expect(agents.some((a) => a.arn.endsWith(':root'))).toBe(false);

    const twoKeys = agents.find((a) => a.arn === 'arn:aws:iam::123456789012:user/user');
    expect(twoKeys?.credentials.filter((c) => c.type === 'access-key').map((c) => (c.type === 'access-key' ? [c.slot, c.active, c.lastUsedService] : null))).toEqual([
      [1, true, null],
      [2, true, 's3'],
    ]);
    expect(twoKeys?.lastUsedAt).toBe('2018-05-07T15:35:54.000Z');
    // bad_role is the demo's admin: broad, not AI.
    expect(agents.find((a) => a.name === 'bad_role')?.ai).toBe(false);
  });
});
