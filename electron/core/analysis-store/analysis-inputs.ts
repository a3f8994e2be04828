/**
 * What a stored analysis was computed from, as one stamp: the analysis version, the revision of human
 * inputs (registry edits bump it), the settings, the workspace's known accounts and the scan before
 * this one. A scan whose stamp differs from the current one is analysed again on its next read, so
 * settings changed elsewhere (the settings screen) are picked up without a hook in that code.
 */
import { createHash } from 'node:crypto';
import type { ReviewCadence, Thresholds } from '../../../shared/contract';
import type { ReadDb, WriteDb } from '../db/handles';
import { getSettings } from '../db/repositories/settings';
import { sql } from '../db/sql';
import { canonicalJson } from '../lib/canonical-json';

/**
 * Bump to make every workspace re-analyse its scans on the next read (rules, tiers or storage changed).
 * 7: an agent's escalation paths include the iam:PassRole-on-every-role combinations (`pass-any-role`),
 * which the tier and privilege_escalation already counted; stored agents lacked them.
 */
export const ANALYSIS_VERSION = '7';

export function analysisInputsRevision(db: ReadDb): number {
  const value = db.value(sql`SELECT revision FROM analysis_inputs WHERE singleton = 1`);
  return typeof value === 'number' ? value : 0;
}

export function bumpAnalysisInputsRevision(db: WriteDb, at: string): void {
  db.run(sql`
    INSERT INTO analysis_inputs (singleton, revision, updated_at) VALUES (1, 1, ${at})
    ON CONFLICT (singleton) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at`);
}

/**
 * Accounts this workspace knows: every scanned account, every connection's tested account, and the
 * accounts declared in Settings (a vendor the team trusts). Sorted and distinct, so the stamp changes
 * only when the set does (a relabelled account is not a new input).
 */
export function knownAccounts(db: ReadDb): string[] {
  const rows = db.all(sql`
    SELECT account_id AS id FROM scans WHERE account_id IS NOT NULL
    UNION SELECT last_test_account_id FROM connections WHERE last_test_account_id IS NOT NULL`);
  const ids = new Set(rows.map((row) => String(row['id'])));
  for (const declared of getSettings(db).knownAccounts) ids.add(declared.accountId);
  return [...ids].sort();
}

export interface StampParts {
  revision: number;
  thresholds: Thresholds;
  /** The team's review cadence; absent while not set, so stamps from before it existed still hold. */
  reviewCadence?: ReviewCadence;
  knownAccounts: readonly string[];
  previousScanId: string | null;
}

export function analysisStamp(parts: StampParts): string {
  const digest = createHash('sha256').update(canonicalJson(parts)).digest('hex').slice(0, 32);
  return `${ANALYSIS_VERSION}:${digest}`;
}
