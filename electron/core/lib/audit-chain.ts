/**
 * The hash-chained audit log (pure part, used by the audit repository and verified by audit:verify): every human change is an entry whose hash covers the
 * previous entry's hash and the entry's canonical JSON, so editing, inserting or deleting an entry
 * anywhere but at the very end breaks the chain at that point — and the end is anchored by SQLite's
 * AUTOINCREMENT counter, which remembers the highest sequence number ever handed out.
 */
import { userInfo } from 'node:os';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export function auditHash(prevHash: string, entry: AuditEntryContent): string {
  const content = { seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, target: entry.target, details: entry.details };
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose link does not hold (edited, inserted, or after a deleted one). */
  firstBrokenSeq: number | null;
  message: string;
}

/**
 * Recomputes the chain over entries in sequence order. `highestSeqIssued` is SQLite's AUTOINCREMENT
 * counter: when it is above the last entry, entries at the end were deleted.
 */
export function verifyAuditChain(entries: Iterable<StoredAuditEntry>, highestSeqIssued: number | null): AuditVerification {
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  for (const entry of entries) {
    count += 1;
    // Sequence numbers are never reused, so a gap is a deletion even when the hashes were relinked.
    if (entry.seq !== lastSeq + 1) {
      return broken(count, entry.seq, `The audit log's chain breaks at entry ${entry.seq}: entries ${lastSeq + 1}–${entry.seq - 1} are missing.`);
    }
    if (entry.prevHash !== expectedPrev) {
      return broken(count, entry.seq, `The audit log's chain breaks at entry ${entry.seq}: it does not follow entry ${lastSeq}.`);
    }
    if (auditHash(entry.prevHash, entry) !== entry.hash) {
      return broken(count, entry.seq, `The audit log's chain breaks at entry ${entry.seq}: its content does not match its hash (it was edited).`);
    }
    expectedPrev = entry.hash;
    lastSeq = entry.seq;
  }
  if (highestSeqIssued !== null && highestSeqIssued > lastSeq) {
    return broken(count, lastSeq + 1, `The audit log ends at entry ${lastSeq}, but entries up to ${highestSeqIssued} were written: the last ones were deleted.`);
  }
  return {
    ok: true,
    entries: count,
    firstBrokenSeq: null,
    message: count === 0 ? 'The audit log is empty.' : `The audit log's ${count} entries form an unbroken chain.`,
  };
}

function broken(entries: number, seq: number, message: string): AuditVerification {
  return { ok: false, entries, firstBrokenSeq: seq, message };
}

/** Who made a change: the OS user running the app (USER on Unix, USERNAME on Windows). */
export function actorFromEnv(env: NodeJS.ProcessEnv, osUser: () => string | null = currentOsUser): string {
  const name = env['USER'] ?? env['USERNAME'] ?? env['LOGNAME'] ?? osUser();
  return name !== undefined && name !== null && name.trim() !== '' ? name.trim() : 'unknown';
}

/** The account the process runs as, for when the environment names no user (services, some shells). */
function currentOsUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
