/**
 * "What changed" over the stored analysis: reads both scans' identities and findings (one snapshot)
 * and hands them to the pure scan-diff.ts. The caller has brought both analyses up to date.
 */
import type { AiSignalInfo, ScanDiff } from '@shared/contract';
import type { ReadDb } from '../../db/handles';
import type { ScanRef } from '../../db/repositories/findings';
import { getAgentData, listAgentRows } from '../../db/repositories/agents';
import { accountCreators } from '../../db/repositories/creators';
import { changeFindings } from '../../db/repositories/scan-changes';
import { diffCreations } from './creators';
import { scanDiff, shadowAiAdded, type DiffSide } from './scan-diff';

function side(db: ReadDb, scan: ScanRef): DiffSide {
  const agents = listAgentRows(db, scan.id).map((row) => ({
    arn: row.arn,
    name: row.name,
    kind: row.kind,
    tier: row.tier,
    owner: row.owner,
    status: row.status,
    ai: row.ai,
  }));
  return { scanId: scan.id, at: scan.startedAt, agents, findings: changeFindings(db, scan.id) };
}

/** The change from `from` (null: `to` is its account's first scan) to `to`, both of one account. */
export function readScanDiff(db: ReadDb, from: ScanRef | null, to: ScanRef): ScanDiff {
  return db.snapshot((snap) => {
    const before = from === null ? null : side(snap, from);
    const after = side(snap, to);
    const shadowSignals = new Map<string, AiSignalInfo[]>();
    for (const arn of shadowAiAdded(before, after)) shadowSignals.set(arn, getAgentData(snap, to.id, arn)?.aiSignals ?? []);
    // Who created what: the creator records of every scan of the account up to `to` (a resource is looked up by the scan that first saw it).
    const creators = to.accountId === null ? new Map() : diffCreations(accountCreators(snap, to.accountId, to.startedAt));
    return scanDiff({ accountId: to.accountId, from: before, to: after, shadowSignals, creators });
  });
}
