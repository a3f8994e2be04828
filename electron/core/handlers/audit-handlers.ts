/** The `audit:*` channels: the hash-chained audit log, read (filtered, targets named), exported and verified. */
import type { AuditEntry } from '@shared/contract';
import { toCsv } from '@shared/csv';
import type { Handlers } from '../dispatch';
import { allAuditEntries, auditFilterOptions, listAuditEntries, verifyAuditLog } from '../db/repositories/audit-log';
import type { ServiceDeps } from './handler-deps';

export type AuditHandlers = Pick<Handlers, 'audit:list' | 'audit:filters' | 'audit:export' | 'audit:verify'>;

const CSV_HEADERS = ['seq', 'at', 'actor', 'action', 'target', 'target_name', 'details', 'hash'] as const;

/**
 * The entries as a CSV document: one row each, details as JSON text. Actors, names and details carry
 * text from AWS and people, so every cell is formula-neutralised by the shared writer.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return toCsv(
    CSV_HEADERS,
    entries.map((entry) => [entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.targetName, JSON.stringify(entry.details), entry.hash]),
  );
}

export function createAuditHandlers(deps: ServiceDeps): AuditHandlers {
  return {
    'audit:list': ({ limit, beforeSeq, actor, action, target }) => listAuditEntries(deps.workspaces.current().read, limit, beforeSeq, { actor, action, target }),
    'audit:filters': () => auditFilterOptions(deps.workspaces.current().read),
    'audit:export': ({ format, actor, action, target }) => {
      const entries = allAuditEntries(deps.workspaces.current().read, { actor, action, target });
      const stem = `audit-log-${deps.clock().toISOString().slice(0, 10)}`;
      return format === 'csv'
        ? { fileName: `${stem}.csv`, mediaType: 'text/csv', text: auditCsv(entries), entries: entries.length }
        : { fileName: `${stem}.json`, mediaType: 'application/json', text: `${JSON.stringify(entries, null, 2)}\n`, entries: entries.length };
    },
    'audit:verify': () => verifyAuditLog(deps.workspaces.current().read),
  };
}
