/**
 * The audit log table: append-only (triggers refuse UPDATE and DELETE), each row chained to the one
 * before by its hash. Appends must run inside the caller's transaction, with the change they record.
 */
import type { AuditEntry } from '@shared/contract';
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
    return { ...content, hash };
  });
}

/** Newest first, `limit` entries before `beforeSeq` (exclusive) when given. */
export function listAuditEntries(db: ReadDb, limit: number, beforeSeq: number | null): AuditEntry[] {
  const rows =
    beforeSeq === null
      ? db.all(sql`SELECT * FROM audit_log ORDER BY seq DESC LIMIT ${limit}`)
      : db.all(sql`SELECT * FROM audit_log WHERE seq < ${beforeSeq} ORDER BY seq DESC LIMIT ${limit}`);
  return rows.map((row) => {
    const { prevHash: _prevHash, ...entry } = toStored(row);
    return entry;
  });
}

/** Entries of one target (an ARN or a fingerprint), oldest first. */
export function auditEntriesFor(db: ReadDb, target: string): AuditEntry[] {
  return db.all(sql`SELECT * FROM audit_log WHERE target = ${target} ORDER BY seq`).map((row) => {
    const { prevHash: _prevHash, ...entry } = toStored(row);
    return entry;
  });
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
