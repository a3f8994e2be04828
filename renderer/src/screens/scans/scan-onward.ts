import type { ScanSummary } from '@shared/contract';

/**
 * The newest completed scan of the same account, when it is not this one: then this scan's
 * inventory and findings are a past view. The Scans list is newest first (ties by ID, as the core
 * orders them everywhere), so the first completed scan of the account in it is the account's
 * current one, the same the Inventory and Findings show.
 */
export function newerScanOf(scans: readonly ScanSummary[], scan: Pick<ScanSummary, 'id' | 'accountId'>): ScanSummary | null {
  const newest = scans.find((s) => s.status === 'completed' && s.accountId === scan.accountId);
  return newest === undefined || newest.id === scan.id ? null : newest;
}

/** Where a scan's own results are listed: its inventory, its findings, the findings it raised first. */
export function scanResultLinks(scanId: string): { inventory: string; findings: string; newFindings: string } {
  const scan = encodeURIComponent(scanId);
  return { inventory: `#/inventory?scan=${scan}`, findings: `#/findings?scan=${scan}`, newFindings: `#/findings?scan=${scan}&tab=new` };
}
