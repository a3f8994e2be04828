import { describe, expect, it } from 'vitest';
import type { AccountView } from '@shared/contract';
import { accountName, accountNameOf, accountOptions } from './view-line';

const account = (accountId: string, alias: string | null, label: string | null): AccountView => ({ accountId, alias, label, currentScanId: `scan-${accountId}`, scannedAt: '2026-01-01T00:00:00Z' });

describe('account names', () => {
  const accounts = [account('333333333333', 'acme-sandbox', 'sandbox'), account('111111111111', 'acme-prod', null), account('222222222222', null, null)];

  it('names an account by label, else alias, else ID', () => {
    expect(accounts.map(accountName)).toEqual(['sandbox', 'acme-prod', '222222222222']);
    expect(accountNameOf(accounts, '444444444444')).toBe('444444444444');
  });

  it('offers each account by name and alias, with its ID, sorted by name', () => {
    expect(accountOptions(accounts)).toEqual([
      { value: '222222222222', label: '222222222222' },
      { value: '111111111111', label: 'acme-prod (111111111111)' },
      { value: '333333333333', label: 'sandbox · acme-sandbox (333333333333)' },
    ]);
  });
});
