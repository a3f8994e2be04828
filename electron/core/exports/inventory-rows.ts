/** The stored agents an inventory CSV (or the CLI's table) lists: read from the workspace, scan by scan. */
import type { ReadDb } from '../db/handles';
import { iterateAgentsWithoutPermissions } from '../db/repositories/agents';
import type { ListedAgent } from './inventory-csv';

/** The stored agents of the view's scans, each with the scan it comes from, account by account. */
export function* listedAgents(read: ReadDb, scanIds: readonly string[]): Generator<ListedAgent> {
  for (const scanId of scanIds) for (const agent of iterateAgentsWithoutPermissions(read, scanId)) yield { ...agent, scanId };
}
