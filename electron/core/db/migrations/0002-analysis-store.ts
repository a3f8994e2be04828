/**
 * 0002 — what storing the analysis needs beyond 0001:
 *
 * - `findings.is_new` and `findings.details`: the finding row the contract serves (remediation, fix,
 *   frameworks, explanation, resource ID, account, region) without re-running the analysis to read it.
 * - `agents.row`: the compact inventory row, so listing 10,000 agents parses small JSON only.
 * - `scans.analysis_inputs`: a stamp of what the stored analysis was computed from (registry revision,
 *   settings, known accounts, previous scan), so a stale analysis is noticed on read.
 * - `analysis_inputs`: the workspace's revision of human inputs to the analysis, bumped by registry edits.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0002AnalysisStore: Migration = {
  version: 2,
  name: 'analysis-store',
  up(db, context) {
    db.exec(sql`
      ALTER TABLE findings ADD COLUMN is_new INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1));
      ALTER TABLE findings ADD COLUMN details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details));
      ALTER TABLE agents ADD COLUMN row TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(row));
      ALTER TABLE scans ADD COLUMN analysis_inputs TEXT;

      CREATE TABLE analysis_inputs (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        revision INTEGER NOT NULL CHECK (revision >= 0),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
    db.run(sql`INSERT INTO analysis_inputs (singleton, revision, updated_at) VALUES (1, 0, ${context.now.toISOString()})`);
  },
};
