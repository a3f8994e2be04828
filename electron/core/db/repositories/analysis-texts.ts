/**
 * `analysis_texts`: each distinct JSON text of the stored analysis once, under a hash of its content
 * (migration 0004). Writers store a text and keep its reference; readers join on the reference.
 */
import { hash } from 'node:crypto';
import type { WriteDb } from '../handles';
import { sql } from '../sql';

/** The reference of a JSON text: base64url of the first 16 bytes of its SHA-256 (22 characters). */
export function textHash(json: string): string {
  // One-shot (`crypto.hash`): ~3× faster than a Hash object for texts this size, ~115,000 of them per
  // stored analysis at 10,000 principals. The same bytes: a test pins values computed apart.
  return hash('sha256', json, 'buffer').subarray(0, 16).toString('base64url');
}

/** How a writer expects its texts to be. */
export interface TextStoreOptions {
  /**
   * Most of them stored already: a re-analysis of a scan, or a scan of an account with an earlier one
   * (unchanged identities repeat their texts). An INSERT of a text that is there still binds it whole
   * and runs the table's CHECK (`json_valid`) before it finds the conflict, ~4× the lookup that then
   * answers instead (~90,000 texts at 10,000 principals: ~0.4 s against ~0.1 s); for texts that are
   * new, the lookup would be ~0.1 s spent for nothing, so it is asked for only where it pays.
   */
  likelyStored?: boolean;
}

/** Stores `json` unless an equal text is stored already; returns its reference. */
export function storeText(db: WriteDb, json: string, options: TextStoreOptions = {}): string {
  const hash = textHash(json);
  if (options.likelyStored === true && db.value(sql`SELECT 1 FROM analysis_texts WHERE hash = ${hash}`) !== undefined) return hash;
  db.run(sql`INSERT INTO analysis_texts (hash, body) VALUES (${hash}, ${json}) ON CONFLICT (hash) DO NOTHING`);
  return hash;
}

/** Deletes the texts no finding or agent refers to any more; returns how many. */
export function deleteUnusedTexts(db: WriteDb): number {
  return db.run(sql`
    DELETE FROM analysis_texts WHERE hash NOT IN (
      SELECT evidence_ref FROM findings WHERE evidence_ref IS NOT NULL
      UNION ALL SELECT details_ref FROM findings WHERE details_ref IS NOT NULL
      UNION ALL SELECT data_ref FROM agents WHERE data_ref IS NOT NULL
      UNION ALL SELECT permissions_ref FROM agents WHERE permissions_ref IS NOT NULL)`).changes;
}
