/**
 * The audit log table: append-only (triggers refuse UPDATE and DELETE), each row chained to the one
 * before by its hash. Appends must run inside the caller's transaction, with the change they record.
 */
import type { AuditEntry, AuditFilter } from '@shared/contract';
import {
  auditHash,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditVerification,
  type StoredAuditEntry,
} from '../../lib/audit-chain';
import type { ReadDb, Row, WriteDb } from '../handles';
import { sql } from '../sql';

export interface AuditAppend {
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

function parseDetails(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return {};
  }
}

function toStored(row: Row): StoredAuditEntry {
  return {
    seq: Number(row['seq']),
    at: String(row['at']),
    actor: String(row['actor']),
    action: String(row['action']),
    target: String(row['target']),
    details: parseDetails(row['details']),
    prevHash: String(row['prev_hash']),
    hash: String(row['hash']),
  };
}

/** Appends one entry after the current last one; returns it as the contract shows it. */
export function appendAuditEntry(db: WriteDb, entry: AuditAppend): AuditEntry {
  return db.transaction((tx) => {
    const last = tx.get(sql`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    const issued = tx.value(sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`);
    // Continue after the highest number ever issued, so a deleted tail cannot be silently refilled.
    const seq = Math.max(Number(last?.['seq'] ?? 0), typeof issued === 'number' ? issued : 0) + 1;
    const prevHash = last === undefined ? GENESIS_HASH : String(last['hash']);
    // Round-trip the details through JSON so the hash covers exactly what is stored and read back.
    const details = parseDetails(JSON.stringify(entry.details));
    const content = { seq, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, details };
    const hash = auditHash(prevHash, content);
    tx.run(sql`
      INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash)
      VALUES (${seq}, ${entry.at}, ${entry.actor}, ${entry.action}, ${entry.target}, ${JSON.stringify(details)}, ${prevHash}, ${hash})`);
    // The name is resolved when listing; the writer has no use for it.
    return { ...content, hash, targetName: null };
  });
}

/**
 * Every entry with the name of its target, resolved now (names change; the entry keeps the ID it was
 * written with): an agent's name by ARN, a finding's title by fingerprint (from its newest scan), a
 * team policy's name (or, once deleted, the name its audit entry recorded), a connection's name.
 */
const NAMED_ENTRIES = sql`
  WITH named AS (
    SELECT a.*,
      CASE
        WHEN a.target LIKE 'policy:%' THEN coalesce(
          (SELECT p.name FROM policies p WHERE p.id = substr(a.target, 8)),
          json_extract(a.details, '$.name'))
        WHEN a.target LIKE 'connection:%' THEN (SELECT c.name FROM connections c WHERE c.id = substr(a.target, 12))
        WHEN a.target LIKE 'arn:%' THEN (SELECT ag.name FROM agents ag WHERE ag.arn = a.target LIMIT 1)
        WHEN a.target = 'settings' THEN NULL
        ELSE (SELECT nullif(f.title, '') FROM findings f WHERE f.fingerprint = a.target ORDER BY f.last_seen_at DESC LIMIT 1)
      END AS target_name
    FROM audit_log a
  )`;

/**
 * The filter as one WHERE clause, every value bound: a null field matches everything. The target text
 * is found in the ID or the resolved name, ignoring (ASCII) case; `instr` so `%` and `_` are literal.
 */
function filterClause(filter: AuditFilter) {
  const target = filter.target === null || filter.target.trim() === '' ? null : filter.target.trim().toLowerCase();
  return sql`
    (${filter.actor} IS NULL OR actor = ${filter.actor})
    AND (${filter.action} IS NULL OR action = ${filter.action})
    AND (${target} IS NULL OR instr(lower(target), ${target}) > 0 OR instr(lower(coalesce(target_name, '')), ${target}) > 0)`;
}

function toEntry(row: Row): AuditEntry {
  const { prevHash: _prevHash, ...entry } = toStored(row);
  const name = row['target_name'];
  return { ...entry, targetName: typeof name === 'string' && name.trim() !== '' ? name : null };
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: null, action: null, target: null };

/** Newest first, `limit` entries before `beforeSeq` (exclusive) when given, that the filter selects. */
export function listAuditEntries(db: ReadDb, limit: number, beforeSeq: number | null, filter: AuditFilter = NO_AUDIT_FILTER): AuditEntry[] {
  return db
    .all(sql`${NAMED_ENTRIES}
      SELECT * FROM named
      WHERE (${beforeSeq} IS NULL OR seq < ${beforeSeq}) AND ${filterClause(filter)}
      ORDER BY seq DESC LIMIT ${limit}`)
    .map(toEntry);
}

/** Every entry the filter selects, oldest first (for exports). */
export function allAuditEntries(db: ReadDb, filter: AuditFilter): AuditEntry[] {
  return db.all(sql`${NAMED_ENTRIES} SELECT * FROM named WHERE ${filterClause(filter)} ORDER BY seq`).map(toEntry);
}

/** The actors and kinds of change that occur, for the filter controls. */
export function auditFilterOptions(db: ReadDb): { actors: string[]; actions: string[] } {
  return {
    actors: db.all(sql`SELECT DISTINCT actor FROM audit_log ORDER BY actor`).map((row) => String(row['actor'])),
    actions: db.all(sql`SELECT DISTINCT action FROM audit_log ORDER BY action`).map((row) => String(row['action'])),
  };
}

/** Entries of one target (an ARN or a fingerprint), oldest first. */
export function auditEntriesFor(db: ReadDb, target: string): AuditEntry[] {
  return db.all(sql`${NAMED_ENTRIES} SELECT * FROM named WHERE target = ${target} ORDER BY seq`).map(toEntry);
}

export function verifyAuditLog(db: ReadDb): AuditVerification {
  return db.snapshot((snap) => {
    const issued = snap.value(sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`);
    return verifyAuditChain(
      (function* () {
        for (const row of snap.iterate(sql`SELECT * FROM audit_log ORDER BY seq`)) yield toStored(row);
      })(),
      typeof issued === 'number' ? issued : null,
    );
  });
}

/**
 * Records a settings change (thresholds) with its before and after values, for the settings handler to
 * call inside the transaction that saves them. Only fields that changed are listed.
 */
export function auditSettingsChange(
  db: WriteDb,
  change: { actor: string; now: Date; before: Record<string, unknown>; after: Record<string, unknown> },
): AuditEntry | null {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(change.before), ...Object.keys(change.after)])) {
    const from = change.before[key];
    const to = change.after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  if (Object.keys(changes).length === 0) return null;
  return appendAuditEntry(db, { at: change.now.toISOString(), actor: change.actor, action: 'settings.update', target: 'settings', details: { changes } });
}
