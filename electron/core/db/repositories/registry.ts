/**
 * The registry table: what humans record about an identity, by ARN, surviving across scans. Rows in
 * and out only; the registry service (governance/registry-service.ts) decides what a change is and
 * writes it with its audit entry and the analysis-inputs revision in one transaction.
 */
import { registryStatusSchema, type RegistryRecordInfo } from '@shared/contract';
import type { RegistryStatus } from '../../analysis/inventory/types';
import type { Tier } from '../../analysis/types';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';

const STATUSES: ReadonlySet<string> = new Set(registryStatusSchema.options);

/** The registry record of an identity nobody has written about yet. */
export function emptyRegistryRecord(arn: string): RegistryRecordInfo {
  return {
    arn,
    owner: null,
    ownerSource: null,
    purpose: null,
    dataScope: null,
    status: 'unregistered',
    tierOverride: null,
    overrideReason: null,
    overrideBy: null,
    overrideAt: null,
    lastReviewAt: null,
    nextReviewAt: null,
    tierConfirmed: null,
    tierConfirmedBy: null,
    tierConfirmedAt: null,
    updatedAt: null,
  };
}

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
    tierConfirmed: tierOf(row['tier_confirmed']),
    tierConfirmedBy: text(row['tier_confirmed_by']),
    tierConfirmedAt: text(row['tier_confirmed_at']),
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

/** Writes one record (insert or replace), stamped with who and when. */
export function upsertRegistryRecord(db: WriteDb, record: RegistryRecordInfo, actor: string | null, now: string): void {
  db.run(sql`
    INSERT INTO registry (arn, owner, owner_source, purpose, data_scope, status, tier_override, override_reason, override_by,
                          override_at, last_review_at, next_review_at, tier_confirmed, tier_confirmed_by, tier_confirmed_at,
                          created_at, updated_at, updated_by)
    VALUES (${record.arn}, ${record.owner}, ${record.ownerSource}, ${record.purpose}, ${record.dataScope}, ${record.status},
            ${record.tierOverride}, ${record.overrideReason}, ${record.overrideBy}, ${record.overrideAt}, ${record.lastReviewAt},
            ${record.nextReviewAt}, ${record.tierConfirmed}, ${record.tierConfirmedBy}, ${record.tierConfirmedAt}, ${now}, ${record.updatedAt ?? now}, ${actor})
    ON CONFLICT (arn) DO UPDATE SET
      owner = excluded.owner, owner_source = excluded.owner_source, purpose = excluded.purpose, data_scope = excluded.data_scope,
      status = excluded.status, tier_override = excluded.tier_override, override_reason = excluded.override_reason,
      override_by = excluded.override_by, override_at = excluded.override_at, last_review_at = excluded.last_review_at,
      next_review_at = excluded.next_review_at, tier_confirmed = excluded.tier_confirmed,
      tier_confirmed_by = excluded.tier_confirmed_by, tier_confirmed_at = excluded.tier_confirmed_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}
