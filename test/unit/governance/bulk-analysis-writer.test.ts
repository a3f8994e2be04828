/**
 * The bulk writer of the analysis store (analysis-store/bulk-analysis-writer.ts) stores exactly what
 * the row-by-row writers (`insertScanAgents`, `writeScanFindings`, `updateFindingStates`) store: the same
 * agents, workloads, findings and finding states (their lifecycle across two scans) and texts, compared table by table.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysedAgent, AnalysisResult, Finding } from '@core/analysis/types';
import { toAgentRow } from '@core/analysis/agent-shape';
import { bulkTextHash, TextBatch, updateFindingStatesInBulk, withStoreCache, writeAgentsInBulk, writeFindingsInBulk } from '@core/analysis-store/bulk-analysis-writer';
import { encodePermissionsJson, insertScanAgents, type AgentStorageParts } from '@core/db/repositories/agents';
import { textHash } from '@core/db/repositories/analysis-texts';
import type { ScanRef } from '@core/db/repositories/findings';
import type { Workspace } from '@core/db/open-workspace';
import { sql } from '@core/db/sql';
import { updateFindingStates, writeScanFindings } from '@core/governance/finding-lifecycle-service';
import { analyseDemo } from '../rules/demo-support';
import { addScan, fakeAgent, fakeFinding, tempWorkspace } from './analysis-fixtures';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const NOW = '2026-02-02T00:00:00.000Z';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function workspaceWithScans(): Workspace {
  const made = tempWorkspace(() => new Date(T2));
  cleanups.push(made.cleanup);
  addScan(made.workspace, 's1', T1);
  addScan(made.workspace, 's2', T2);
  return made.workspace;
}

const partsOf = (agent: AnalysedAgent): AgentStorageParts => ({ row: toAgentRow(agent), permissionsJson: encodePermissionsJson(agent.permissions) });

type Writer = (db: Workspace['write'], scan: ScanRef, previous: ScanRef | null, result: AnalysisResult) => void;

const rowByRow: Writer = (db, scan, previous, result) => {
  insertScanAgents(db, scan.id, result.agents, partsOf);
  writeScanFindings(db, scan, previous, result.findings);
  updateFindingStates(db, scan, previous, NOW);
};

const inBulk: Writer = (db, scan, previous, result) => {
  const texts = new TextBatch(db);
  writeAgentsInBulk(db, texts, scan.id, result.agents, partsOf);
  writeFindingsInBulk(db, texts, scan, previous, result.findings);
  texts.flush();
  updateFindingStatesInBulk(db, scan, previous, NOW);
};

/** Two scans of one account stored by `writer` (the second with the first as its previous), every table's rows in a fixed order. */
function stored(writer: Writer, first: AnalysisResult, second: AnalysisResult): Record<string, unknown[]> {
  const workspace = workspaceWithScans();
  const s1: ScanRef = { id: 's1', accountId: '123456789012', startedAt: T1 };
  const s2: ScanRef = { id: 's2', accountId: '123456789012', startedAt: T2 };
  workspace.write.transaction((tx) => writer(tx, s1, null, first));
  workspace.write.transaction((tx) => writer(tx, s2, s1, second));
  const read = workspace.read;
  return {
    // rowid too: the listing orders ties by it, so rows must go in in the same order.
    agents: read.all(sql`SELECT rowid AS rid, * FROM agents ORDER BY scan_id, arn`),
    workloads: read.all(sql`SELECT rowid AS rid, * FROM workloads ORDER BY scan_id, arn`),
    findings: read.all(sql`SELECT rowid AS rid, * FROM findings ORDER BY scan_id, fingerprint`),
    texts: read.all(sql`SELECT hash, body FROM analysis_texts ORDER BY hash`),
    // The second scan updates the first one's rows, adds its new fingerprints and resolves what it lacks.
    states: read.all(sql`SELECT rowid AS rid, * FROM finding_states ORDER BY fingerprint`),
  };
}

function expectSameStorage(first: AnalysisResult, second: AnalysisResult): void {
  const before = stored(rowByRow, first, second);
  const after = stored(inBulk, first, second);
  for (const table of Object.keys(before)) {
    expect(after[table]?.length, table).toBe(before[table]?.length);
    expect(after[table], table).toEqual(before[table]);
  }
}

describe('bulk analysis writer', () => {
  let demo: Awaited<ReturnType<typeof analyseDemo>>;
  beforeAll(async () => {
    demo = await analyseDemo();
  }, 60_000);

  it('hashes a text as the texts table does', () => {
    for (const text of ['{}', '{"a":"é — ✓"}', JSON.stringify({ long: 'x'.repeat(100_000) })]) expect(bulkTextHash(text)).toBe(textHash(text));
  });

  it('stores the demo company’s two scans of each account exactly as the row-by-row writers do', () => {
    expect(demo.size).toBeGreaterThan(0);
    for (const account of demo.values()) {
      expect(account.current.findings.length).toBeGreaterThan(0);
      expectSameStorage(account.previous, account.current);
    }
  });

  it('stores thousands of findings (several batches), repeated fingerprints and texts alike', () => {
    const arns = Array.from({ length: 2_500 }, (_, i) => `arn:aws:iam::123456789012:role/agent-${String(i).padStart(4, '0')}`);
    const severities = ['low', 'critical', 'medium', 'info', 'high'] as const;
    const findings = (offset: number): Finding[] => [
      ...arns.map((arn, i) => fakeFinding(i % 3 === 0 ? 'identity_unused' : 'static_access_key', arn, severities[(i + offset) % severities.length])),
      // A fingerprint twice in one analysis (the first is kept) and one text shared by many rows.
      { ...fakeFinding('identity_unused', arns[0] ?? '', 'critical'), title: 'the second of a repeated fingerprint' },
    ];
    const agents = arns.slice(0, 300).map((arn) => fakeAgent(arn));
    expectSameStorage({ agents, findings: findings(0), ruleCounts: {} }, {
      agents: agents.slice(100),
      // Gone (resolved by the second scan), seen again (state rows updated) and new (state rows added).
      findings: [...findings(1).slice(500), ...arns.slice(0, 200).map((arn) => fakeFinding('agent_missing_owner', arn, 'medium'))],
      ruleCounts: {},
    });
  });

  it('gives the connection its page cache size back after the store, also when the store fails', () => {
    const workspace = workspaceWithScans();
    const before = workspace.write.value(sql`PRAGMA cache_size`);
    const inside = withStoreCache(workspace.write, () => workspace.write.value(sql`PRAGMA cache_size`));
    expect(inside).toBe(-65_536);
    expect(workspace.write.value(sql`PRAGMA cache_size`)).toBe(before);
    expect(() =>
      withStoreCache(workspace.write, () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(workspace.write.value(sql`PRAGMA cache_size`)).toBe(before);
  });
});
