/**
 * Known accounts declared in Settings: trust_cross_account_no_external_id stays silent for a declared
 * account and fires for any other; a change of the list reaches the stored findings of the scans
 * already taken on their next read (no new scan), as a threshold change does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeScan } from '@core/analysis/analyze-scan';
import { knownAccounts } from '@core/analysis-store/analysis-inputs';
import { ensureAnalysed } from '@core/analysis-store/analysis-store';
import type { AnalysisInput } from '@core/analysis/types';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { listScanFindings } from '@core/governance/finding-lifecycle-service';
import { insertScan } from '@core/db/repositories/scans';
import { updateSettings } from '@core/db/repositories/settings';
import type { JsonObject, PolicyDocument, ScanFacts } from '@core/discovery/facts';
import { ACCOUNT, analyse, emptyFacts, findingsOf, iam, NOW, role } from './support';

const VENDOR = '999900001234';
const OTHER_VENDOR = '999900005678';
const RULE = 'trust_cross_account_no_external_id';

function trust(statement: JsonObject): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] };
}

function vendorFacts(): ScanFacts {
  const facts = emptyFacts();
  iam(facts).roles.push(
    role('helpdesk-vendor', { trustPolicy: trust({ Principal: { AWS: `arn:aws:iam::${VENDOR}:root` } }) }),
    role('billing-vendor', { trustPolicy: trust({ Principal: { AWS: OTHER_VENDOR } }) }),
  );
  return facts;
}

describe('trust_cross_account_no_external_id and the known accounts', () => {
  it('fires for an undeclared account, saying it is not known and how to declare it', () => {
    const found = findingsOf(analyse(vendorFacts()), RULE);
    expect(found.map((f) => f.evidence['trustedAccount']).sort()).toEqual([VENDOR, OTHER_VENDOR]);
    const helpdesk = found.find((f) => f.resourceId === 'helpdesk-vendor');
    expect(helpdesk?.evidence['knownAccount']).toMatch(/^no: 999900001234 is not one of this workspace's known accounts/);
    expect(helpdesk?.remediation).toContain('sts:ExternalId');
    expect(helpdesk?.remediation).toContain('Settings → Known accounts');
  });

  it('stays silent for a declared account and still fires for the others', () => {
    const found = findingsOf(analyse(vendorFacts(), { knownAccounts: [VENDOR] }), RULE);
    expect(found.map((f) => f.resourceId)).toEqual(['billing-vendor']);
  });
});

describe('declaring a known account in a workspace', () => {
  let workspace: Workspace;
  let dir: string;

  afterEach(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-analyses the stored scan on its next read: the finding goes, and comes back when the account is removed', () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-known-accounts-'));
    workspace = openWorkspace(join(dir, 'w.sqlite'), { clock: () => NOW, create: true, appVersion: '0.1.0-test' });
    const facts = vendorFacts();
    insertScan(workspace.write, {
      id: 's1',
      source: 'import',
      label: 's1',
      connectionId: null,
      connectionName: null,
      accountId: ACCOUNT,
      accountAlias: null,
      scannerArn: null,
      regions: [],
      status: 'completed',
      startedAt: NOW.toISOString(),
      finishedAt: NOW.toISOString(),
      error: null,
      appVersion: '0.1.0-test',
      collectors: [],
      apiCalls: {},
      facts,
    });
    const inputs: AnalysisInput[] = [];
    const analyze = (input: AnalysisInput): ReturnType<typeof analyzeScan> => {
      inputs.push(input);
      return analyzeScan(input);
    };
    const vendorsFlagged = (): string[] => {
      const scan = ensureAnalysed(workspace.write, 's1', { analyze, clock: () => NOW });
      const filter = { severity: null, ruleId: RULE, status: null };
      return listScanFindings(workspace.read, scan, filter, NOW)
        .map((f) => f.resourceId ?? '')
        .sort();
    };

    expect(vendorsFlagged()).toEqual(['billing-vendor', 'helpdesk-vendor']);
    expect(knownAccounts(workspace.read)).toEqual([ACCOUNT]);

    updateSettings(workspace.write, { knownAccounts: [{ accountId: VENDOR, label: 'Vendor: Helpdeskly' }] });
    expect(knownAccounts(workspace.read)).toEqual([ACCOUNT, VENDOR]);
    expect(vendorsFlagged()).toEqual(['billing-vendor']);
    expect(inputs).toHaveLength(2);
    expect(inputs[1]?.settings.knownAccounts).toContain(VENDOR);

    // A new label is not a new input: nothing is analysed again.
    updateSettings(workspace.write, { knownAccounts: [{ accountId: VENDOR, label: 'Helpdeskly (support tooling)' }] });
    expect(vendorsFlagged()).toEqual(['billing-vendor']);
    expect(inputs).toHaveLength(2);

    updateSettings(workspace.write, { knownAccounts: [] });
    expect(vendorsFlagged()).toEqual(['billing-vendor', 'helpdesk-vendor']);
    expect(inputs).toHaveLength(3);
  });
});
