/**
 * The registry table: what humans record about an identity, by ARN, surviving across scans. Every
 * human change is written with its audit entry in the same transaction, and bumps the analysis-inputs
 * revision so the next read re-derives tiers and findings from it.
 */
import type { RegistryRecordInfo } from '@shared/contract';
import { REGISTRY_STATUSES, type RegistryStatus } from '../../analysis/inventory/types';
import type { RegistryRecord, Tier } from '../../analysis/types';
import {
  applyRegistryPatch,
  emptyRegistryRecord,
  prefillOwnerFromTag,
  toAnalysisRecord,
  type RegistryPatch,
} from '../../governance/registry';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';
import { bumpAnalysisInputsRevision } from '../../analysis-store/analysis-inputs';
import { appendAuditEntry } from './audit-log';

const STATUSES: ReadonlySet<string> = new Set(REGISTRY_STATUSES);

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function tierOf(value: unknown): Tier | null {
  return value === 1 || value === 2 || value === 3 ? value : null;
}

function toRecord(row: Row): RegistryRecordInfo {
  const ownerSource = row['owner_source'];
  const status = row['status'];
  return {
    arn: String(row['arn']),
    owner: text(row['owner']),
    ownerSource: ownerSource === 'manual' || ownerSource === 'tag' ? ownerSource : null,
    purpose: text(row['purpose']),
    dataScope: text(row['data_scope']),
    status: typeof status === 'string' && STATUSES.has(status) ? (status as RegistryStatus) : 'unregistered',
    tierOverride: tierOf(row['tier_override']),
    overrideReason: text(row['override_reason']),
    overrideBy: text(row['override_by']),
    overrideAt: text(row['override_at']),
    lastReviewAt: text(row['last_review_at']),
    nextReviewAt: text(row['next_review_at']),
    updatedAt: text(row['updated_at']),
  };
}

/** The record of one ARN (an empty one when nobody has written about it). */
export function getRegistryRecord(db: ReadDb, arn: string): RegistryRecordInfo {
  const row = db.get(sql`SELECT * FROM registry WHERE arn = ${arn}`);
  return row === undefined ? emptyRegistryRecord(arn) : toRecord(row);
}

export function listRegistryRecords(db: ReadDb): Map<string, RegistryRecordInfo> {
  const records = new Map<string, RegistryRecordInfo>();
  for (const row of db.iterate(sql`SELECT * FROM registry`)) {
    const record = toRecord(row);
    records.set(record.arn, record);
  }
  return records;
}

/** The registry as the analysis takes it in. */
export function registryForAnalysis(db: ReadDb): Map<string, RegistryRecord> {
  const records = new Map<string, RegistryRecord>();
  for (const record of listRegistryRecords(db).values()) records.set(record.arn, toAnalysisRecord(record));
  return records;
}

function upsert(db: WriteDb, record: RegistryRecordInfo, actor: string | null, now: string): void {
  db.run(sql`
    INSERT INTO registry (arn, owner, owner_source, purpose, data_scope, status, tier_override, override_reason, override_by,
                          override_at, last_review_at, next_review_at, created_at, updated_at, updated_by)
    VALUES (${record.arn}, ${record.owner}, ${record.ownerSource}, ${record.purpose}, ${record.dataScope}, ${record.status},
            ${record.tierOverride}, ${record.overrideReason}, ${record.overrideBy}, ${record.overrideAt}, ${record.lastReviewAt},
            ${record.nextReviewAt}, ${now}, ${record.updatedAt ?? now}, ${actor})
    ON CONFLICT (arn) DO UPDATE SET
      owner = excluded.owner, owner_source = excluded.owner_source, purpose = excluded.purpose, data_scope = excluded.data_scope,
      status = excluded.status, tier_override = excluded.tier_override, override_reason = excluded.override_reason,
      override_by = excluded.override_by, override_at = excluded.override_at, last_review_at = excluded.last_review_at,
      next_review_at = excluded.next_review_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

export interface RegistryUpdate {
  arns: readonly string[];
  patch: RegistryPatch;
  actor: string;
  now: Date;
  /** The computed tier of an identity (latest analysis), for the review cadence; 2 when unknown. */
  tierOf: (arn: string) => Tier | null;
}

/**
 * Bulk edit: the same patch over many ARNs in one transaction, one audit entry per identity changed
 * (and one more for a tier override, which the catalogue wants visible on its own).
 */
export function updateRegistry(db: WriteDb, update: RegistryUpdate): RegistryRecordInfo[] {
  const at = update.now.toISOString();
  return db.transaction((tx) => {
    const results: RegistryRecordInfo[] = [];
    let changed = false;
    for (const arn of new Set(update.arns)) {
      const current = getRegistryRecord(tx, arn);
      const outcome = applyRegistryPatch(current, update.patch, { actor: update.actor, now: update.now, tier: update.tierOf(arn) ?? 2 });
      results.push(outcome.record);
      if (Object.keys(outcome.changes).length === 0) continue;
      changed = true;
      upsert(tx, outcome.record, update.actor, at);
      appendAuditEntry(tx, { at, actor: update.actor, action: 'registry.update', target: arn, details: { changes: outcome.changes } });
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
    if (changed) bumpAnalysisInputsRevision(tx, at);
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
      upsert(tx, next, null, now.toISOString());
      written += 1;
    }
    return written;
  });
}
