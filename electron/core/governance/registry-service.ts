/**
 * The registry, changed: what a patch or a tag owner means for a record (governance/registry.ts, pure),
 * written by the registry repository with its audit entries and the analysis-inputs revision in one
 * transaction, so the next read re-derives tiers and findings from it.
 */
import type { RegistryRecordInfo, ReviewCadence } from '@shared/contract';
import type { RegistryRecord, Tier } from '../analysis/types';
import { bumpAnalysisInputsRevision } from '../analysis-store/analysis-inputs';
import type { ReadDb, WriteDb } from '../db/handles';
import { appendAuditEntry } from '../db/repositories/audit-log';
import { AppError } from '../errors';
import { getRegistryRecord, listRegistryRecords, upsertRegistryRecord } from '../db/repositories/registry';
import { applyRegistryPatch, prefillOwnerFromTag, toAnalysisRecord, type RegistryPatch } from './registry';

/** The registry as the analysis takes it in. */
export function registryForAnalysis(db: ReadDb): Map<string, RegistryRecord> {
  const records = new Map<string, RegistryRecord>();
  for (const record of listRegistryRecords(db).values()) records.set(record.arn, toAnalysisRecord(record));
  return records;
}

/**
 * Whether a change of a record changes what the analysis takes in (`registryForAnalysis`): the fields
 * of `toAnalysisRecord`, not the others (the tier confirmation, who confirmed it and when, the time
 * of the change, the source of an owner the analysis reads from tags itself).
 */
export function changesAnalysisInput(before: RegistryRecordInfo, after: RegistryRecordInfo): boolean {
  const was = toAnalysisRecord(before);
  const is = toAnalysisRecord(after);
  return (Object.keys(is) as (keyof RegistryRecord)[]).some((field) => was[field] !== is[field]);
}

export interface RegistryUpdate {
  arns: readonly string[];
  patch: RegistryPatch;
  actor: string;
  now: Date;
  /** The computed tier of an identity (latest analysis), for the review cadence; 2 when unknown. */
  tierOf: (arn: string) => Tier | null;
  /** Why the patch decommissions (required when it does); null otherwise. */
  reason?: string | null;
  /** The team's review cadence (Settings; null: the defaults), for the review dates a patch schedules. */
  cadence?: ReviewCadence | null;
}

/**
 * Bulk edit: the same patch over many ARNs in one transaction, one audit entry per identity changed
 * (and one more for a tier override, which the catalogue wants visible on its own, and one with the
 * reason for each identity decommissioned).
 */
export function updateRegistry(db: WriteDb, update: RegistryUpdate): RegistryRecordInfo[] {
  const at = update.now.toISOString();
  const reason = update.reason?.trim() ?? '';
  // Retiring an identity is a decision someone must be able to explain later: never without a reason.
  if (update.patch.status === 'decommissioned' && reason === '') throw new AppError('invalid_input', 'Say why the identity is decommissioned.');
  return db.transaction((tx) => {
    const results: RegistryRecordInfo[] = [];
    let analysisInputChanged = false;
    for (const arn of new Set(update.arns)) {
      const current = getRegistryRecord(tx, arn);
      const outcome = applyRegistryPatch(current, update.patch, { actor: update.actor, now: update.now, tier: update.tierOf(arn) ?? 2, cadence: update.cadence ?? null });
      results.push(outcome.record);
      if (Object.keys(outcome.changes).length === 0) continue;
      analysisInputChanged ||= changesAnalysisInput(current, outcome.record);
      upsertRegistryRecord(tx, outcome.record, update.actor, at);
      appendAuditEntry(tx, { at, actor: update.actor, action: 'registry.update', target: arn, details: { changes: outcome.changes } });
      if (outcome.record.status === 'decommissioned' && current.status !== 'decommissioned') {
        appendAuditEntry(tx, { at, actor: update.actor, action: 'registry.decommissioned', target: arn, details: { reason, previousStatus: current.status } });
      }
      if (outcome.tierOverrideChanged) {
        const override = outcome.record.tierOverride;
        appendAuditEntry(tx, {
          at,
          actor: update.actor,
          action: override === null ? 'registry.tier_override_removed' : 'registry.tier_override',
          target: arn,
          details: override === null ? { previousTier: current.tierOverride } : { tier: override, reason: outcome.record.overrideReason, previousOverride: current.tierOverride },
        });
      }
    }
    // Only what the analysis reads re-analyses the scans: a tier confirmation (the plan's week 1, one
    // per Tier 1 agent) is read from the registry where it is shown, and at 10,000 principals a
    // re-analysis takes seconds.
    if (analysisInputChanged) bumpAnalysisInputsRevision(tx, at);
    return results;
  });
}

/**
 * Owners read from owner-like tags, written as `ownerSource: 'tag'` where no person has set one.
 * Not a human change (no audit entry) and not an analysis input (the inventory reads the tags itself).
 */
export function prefillOwners(db: WriteDb, tagOwners: ReadonlyMap<string, string | null>, now: Date): number {
  return db.transaction((tx) => {
    let written = 0;
    for (const [arn, owner] of tagOwners) {
      const current = getRegistryRecord(tx, arn);
      // No row and no tag owner: nothing to record.
      if (current.updatedAt === null && owner === null) continue;
      const next = prefillOwnerFromTag(current, owner, now);
      if (next === null) continue;
      upsertRegistryRecord(tx, next, null, now.toISOString());
      written += 1;
    }
    return written;
  });
}
