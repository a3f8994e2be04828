/**
 * The registry rows the inventory reads (owner, status per ARN). Read-only: the registry itself,
 * with its audit trail, belongs to the analysis; this only reads what humans recorded.
 */
import type { ReadDb } from '../../db/handles';
import { sql } from '../../db/sql';
import { REGISTRY_STATUSES, type RegistryEntry, type RegistryStatus } from './types';

const STATUSES: ReadonlySet<string> = new Set(REGISTRY_STATUSES);

function isRegistryStatus(value: unknown): value is RegistryStatus {
  return typeof value === 'string' && STATUSES.has(value);
}

/** Every registry row by ARN; a row with a status this version does not know reads as unregistered. */
export function readRegistryEntries(db: ReadDb): Map<string, RegistryEntry> {
  const entries = new Map<string, RegistryEntry>();
  for (const row of db.iterate(sql`SELECT arn, owner, status FROM registry`)) {
    const arn = row['arn'];
    if (typeof arn !== 'string') continue;
    const owner = row['owner'];
    const status = row['status'];
    entries.set(arn, {
      owner: typeof owner === 'string' && owner.trim() !== '' ? owner : null,
      status: isRegistryStatus(status) ? status : 'unregistered',
    });
  }
  return entries;
}
