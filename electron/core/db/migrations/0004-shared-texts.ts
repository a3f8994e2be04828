/**
 * 0004 — the stored analysis's large JSON, kept once however many scans repeat it.
 *
 * A scan's analysis stored the evidence and texts of every finding and the whole analysed agent in
 * its own rows, so each scan of an unchanged account added the same megabytes again (~35 MB per
 * scan at 1,000 principals, ~350 MB at 10,000). `analysis_texts` keeps each distinct JSON text
 * once, under a hash of its content; findings and agents refer to it:
 *
 * - `findings.evidence_ref`, `findings.details_ref`: the finding's evidence and its texts (remediation,
 *   fix, frameworks, explanation…).
 * - `agents.data_ref`: the analysed agent without its permissions; `agents.permissions_ref`: its
 *   permissions by service and access level (the bulk, and what changes least between scans).
 *
 * Rows written before this version keep their JSON in `evidence`, `details` and `data` and are read
 * from there; the analysis version (analysis-inputs.ts) moves them over when a scan is next viewed.
 * Texts no row refers to any more are deleted when a scan's analysis is replaced.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0004SharedTexts: Migration = {
  version: 4,
  name: 'shared-texts',
  up(db) {
    db.exec(sql`
      CREATE TABLE analysis_texts (
        -- base64url of the first 16 bytes of the body's SHA-256.
        hash TEXT PRIMARY KEY CHECK (length(hash) = 22),
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      ALTER TABLE findings ADD COLUMN evidence_ref TEXT;
      ALTER TABLE findings ADD COLUMN details_ref TEXT;
      ALTER TABLE agents ADD COLUMN data_ref TEXT;
      ALTER TABLE agents ADD COLUMN permissions_ref TEXT;
    `);
  },
};
