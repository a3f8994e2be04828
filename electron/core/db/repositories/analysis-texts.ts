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

/** Stores `json` unless an equal text is stored already; returns its reference. */
export function storeText(db: WriteDb, json: string): string {
  const hash = textHash(json);
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
