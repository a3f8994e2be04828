/**
 * 0005 — the Overview's per-scan metrics record (governance/overview/scan-metrics.ts).
 *
 * One row per analysed scan, written in the transaction that stores the scan's analysis and stamped
 * with that analysis's stamp (`scans.analysis_inputs`), so a re-analysis replaces it. Scans analysed
 * before this version have no record: their stamps are cleared here, so each is analysed again (and
 * gets one) when it is next read, the same way a new analysis version is handled. A partial index
 * finds the decided findings (acceptances, resolutions) the Overview lays over the current records.
 */
import { sql } from '../sql';
import type { Migration } from './migration';

export const migration0005ScanMetrics: Migration = {
  version: 5,
  name: 'scan-metrics',
  up(db) {
    db.exec(sql`
      CREATE TABLE scan_metrics (
        scan_id TEXT PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
        -- The stamp of the analysis the record was computed from (scans.analysis_inputs then).
        analysis_stamp TEXT NOT NULL,
        metrics TEXT NOT NULL CHECK (json_valid(metrics))
      ) STRICT;

      -- The decided few (an acceptance, a resolution): what the Overview lays over the current scans' records.
      CREATE INDEX finding_states_decided ON finding_states (fingerprint) WHERE accepted_reason IS NOT NULL OR state = 'resolved';
    `);
    db.run(sql`UPDATE scans SET analysis_inputs = NULL WHERE analysis_inputs IS NOT NULL`);
  },
};
