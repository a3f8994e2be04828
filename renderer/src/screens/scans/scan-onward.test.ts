import { describe, expect, it } from 'vitest';
import type { ScanSummary } from '@shared/contract';
import { newerScanOf, scanResultLinks } from './scan-onward';

function scan(id: string, accountId: string, status: ScanSummary['status'] = 'completed'): ScanSummary {
  return {
    id,
    source: 'import',
    label: null,
    connectionId: null,
    connectionName: null,
    accountId,
    accountAlias: null,
    regions: [],
    status,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: null,
    durationMs: null,
    error: null,
    apiCallCount: 0,
    identityCount: 0,
    workloadCount: 0,
    outcomes: {},
  };
}

describe('a scan and the newer scans of its account', () => {
  // Newest first, as scans:list answers (ties by ID, descending).
  const list = [scan('s5', '222222222222', 'failed'), scan('s4', '111111111111'), scan('s3', '222222222222'), scan('s2', '111111111111'), scan('s1', '222222222222')];

  it('finds the newest completed scan of the same account when it is another one', () => {
    expect(newerScanOf(list, list[3] as ScanSummary)?.id).toBe('s4');
    expect(newerScanOf(list, list[4] as ScanSummary)?.id).toBe('s3');
  });

  it('is null for the account’s current scan (a failed newer scan does not count)', () => {
    expect(newerScanOf(list, list[1] as ScanSummary)).toBeNull();
    expect(newerScanOf(list, list[2] as ScanSummary)).toBeNull();
  });

  it('links to the scan’s inventory and findings', () => {
    expect(scanResultLinks('a b')).toEqual({ inventory: '#/inventory?scan=a%20b', findings: '#/findings?scan=a%20b', newFindings: '#/findings?scan=a%20b&tab=new' });
  });
});
