/**
 * The registry (pure part): what humans record about an identity, keyed by ARN, and how a patch
 * changes it. A person's value always wins over one read from tags; a tier override always carries
 * its reason; recording a review schedules the next one by the tier's cadence unless a date is given,
 * and registering an identity schedules its first review one cadence after registration.
 */
import type { RegistryRecordInfo, ReviewCadence } from '@shared/contract';
import { cadenceDays } from '../analysis/rules/review-due';
import type { RegistryStatus } from '../analysis/inventory/types';
import type { RegistryRecord, Tier } from '../analysis/types';


/** What `registry:update` may change (the contract's `registryPatchSchema`, parsed). */
export interface RegistryPatch {
  owner?: string | null | undefined;
  purpose?: string | null | undefined;
  dataScope?: string | null | undefined;
  status?: RegistryStatus | undefined;
  tierOverride?: { tier: Tier; reason: string } | null | undefined;
  lastReviewAt?: string | null | undefined;
  nextReviewAt?: string | null | undefined;
  tierConfirmed?: Tier | null | undefined;
}

/** Re-exported: the empty record is the repository's (a row nobody has written); the rules here start from it. */
export { emptyRegistryRecord } from '../db/repositories/registry';

/** `YYYY-MM-DD` plus `days`, in UTC (review dates are calendar dates). */
export function addDays(date: string, days: number): string {
  const base = new Date(`${date.slice(0, 10)}T00:00:00.000Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** The review after one held on `lastReviewAt`: one cadence of the tier later (the team's cadence from Settings, else the defaults). */
export function nextReviewDate(lastReviewAt: string, tier: Tier, cadence: ReviewCadence | null = null): string {
  return addDays(lastReviewAt, cadenceDays(cadence, tier));
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface PatchOutcome {
  record: RegistryRecordInfo;
  /** Changed fields only (the audit log's details); empty when the patch changed nothing. */
  changes: Record<string, FieldChange>;
  tierOverrideChanged: boolean;
}

/**
 * Applies a patch to one record. `tier` is the identity's tier in force (for the review cadence);
 * `actor` and `now` stamp a tier override.
 */
export function applyRegistryPatch(current: RegistryRecordInfo, patch: RegistryPatch, context: { actor: string; now: Date; tier: Tier; cadence?: ReviewCadence | null }): PatchOutcome {
  const cadence = context.cadence ?? null;
  const next: RegistryRecordInfo = { ...current };
  if (patch.owner !== undefined) {
    next.owner = blankToNull(patch.owner);
    // Clearing the owner by hand is also a human decision: a tag must not silently refill it.
    next.ownerSource = 'manual';
  }
  if (patch.purpose !== undefined) next.purpose = blankToNull(patch.purpose);
  if (patch.dataScope !== undefined) next.dataScope = blankToNull(patch.dataScope);
  if (patch.status !== undefined) next.status = patch.status;
  let tierOverrideChanged = false;
  if (patch.tierOverride !== undefined) {
    const wanted = patch.tierOverride;
    if (wanted === null) {
      tierOverrideChanged = current.tierOverride !== null;
      next.tierOverride = null;
      next.overrideReason = null;
      next.overrideBy = null;
      next.overrideAt = null;
    } else if (wanted.tier !== current.tierOverride || wanted.reason.trim() !== current.overrideReason) {
      tierOverrideChanged = true;
      next.tierOverride = wanted.tier;
      next.overrideReason = wanted.reason.trim();
      next.overrideBy = context.actor;
      next.overrideAt = context.now.toISOString();
    }
  }
  const tierInForce = next.tierOverride ?? context.tier;
  if (patch.lastReviewAt !== undefined) {
    next.lastReviewAt = patch.lastReviewAt;
    if (patch.nextReviewAt === undefined && patch.lastReviewAt !== null) next.nextReviewAt = nextReviewDate(patch.lastReviewAt, tierInForce, cadence);
  }
  if (patch.nextReviewAt !== undefined) next.nextReviewAt = patch.nextReviewAt;
  if (patch.tierConfirmed !== undefined && patch.tierConfirmed !== current.tierConfirmed) {
    // A confirmation names the tier confirmed: if the analysis later gives another, it is not confirmed.
    next.tierConfirmed = patch.tierConfirmed;
    next.tierConfirmedBy = patch.tierConfirmed === null ? null : context.actor;
    next.tierConfirmedAt = patch.tierConfirmed === null ? null : context.now.toISOString();
  }
  // Registering starts the review clock: a new agent is due one cadence after registration, not at
  // once (review_overdue would otherwise fire the moment someone registers it).
  if (next.status === 'registered' && current.status !== 'registered' && next.lastReviewAt === null && next.nextReviewAt === null) {
    next.nextReviewAt = addDays(context.now.toISOString(), cadenceDays(cadence, tierInForce));
  }

  const changes: Record<string, FieldChange> = {};
  const fields = ['owner', 'ownerSource', 'purpose', 'dataScope', 'status', 'tierOverride', 'overrideReason', 'lastReviewAt', 'nextReviewAt', 'tierConfirmed'] as const;
  for (const field of fields) {
    if (current[field] !== next[field]) changes[field] = { from: current[field], to: next[field] };
  }
  if (Object.keys(changes).length > 0) next.updatedAt = context.now.toISOString();
  return { record: next, changes, tierOverrideChanged };
}

/**
 * The owner a tag prefills: only where no person has set one. Returns the record to store, or null
 * when nothing changes.
 */
export function prefillOwnerFromTag(current: RegistryRecordInfo, tagOwner: string | null, now: Date): RegistryRecordInfo | null {
  if (current.ownerSource === 'manual') return null;
  const owner = blankToNull(tagOwner);
  if (owner === current.owner) return null;
  // A tag that went away takes its prefilled owner with it; a person's value never depends on tags.
  return { ...current, owner, ownerSource: owner === null ? null : 'tag', updatedAt: now.toISOString() };
}

/** The registry as the analysis reads it: owners from tags are left out, the inventory re-reads the tags. */
export function toAnalysisRecord(record: RegistryRecordInfo): RegistryRecord {
  return {
    arn: record.arn,
    owner: record.ownerSource === 'manual' ? record.owner : null,
    purpose: record.purpose,
    dataScope: record.dataScope,
    status: record.status,
    tierOverride: record.tierOverride,
    overrideReason: record.overrideReason,
    overrideBy: record.overrideBy,
    overrideAt: record.overrideAt,
    lastReviewAt: record.lastReviewAt,
    nextReviewAt: record.nextReviewAt,
  };
}
