import { describe, expect, it } from 'vitest';
import { knownAccountsSchema } from '@shared/contract';
import { normaliseAccountId, validateKnownAccount } from './known-accounts-model';

const DATADOG = { accountId: '464622532012', label: 'Vendor: Datadog' };

describe('known accounts', () => {
  it('accepts 12 digits as pasted from the console, and a trimmed label', () => {
    expect(normaliseAccountId(' 4646-2253 2012 ')).toBe('464622532012');
    const ok = validateKnownAccount({ accountId: '4646-2253-2012', label: '  Vendor: Datadog ' }, []);
    expect(ok).toEqual({ ok: true, account: DATADOG });
    if (ok.ok) expect(knownAccountsSchema.parse([ok.account])).toEqual([DATADOG]);
  });

  it('says what is wrong with the ID and the label', () => {
    const errorsOf = (accountId: string, label: string, existing = [DATADOG]): unknown => {
      const checked = validateKnownAccount({ accountId, label }, existing);
      return checked.ok ? null : checked.errors;
    };
    expect(errorsOf('', '')).toEqual({ accountId: 'Enter the 12-digit AWS account ID.', label: 'Say whose account it is, e.g. “Vendor: Datadog”.' });
    expect(errorsOf('12345678901', 'x')).toEqual({ accountId: 'An AWS account ID is exactly 12 digits; this has 11.' });
    expect(errorsOf('1234567890123', 'x')).toEqual({ accountId: 'An AWS account ID is exactly 12 digits; this has 13.' });
    expect(errorsOf('arn:aws:iam::123456789012:root', 'x')).toEqual({ accountId: 'An AWS account ID has digits only, e.g. 123456789012.' });
    expect(errorsOf('464622532012', 'again')).toEqual({ accountId: '464622532012 is already listed as “Vendor: Datadog”.' });
    expect(errorsOf('123456789012', 'y'.repeat(65))).toEqual({ label: 'Use at most 64 characters (this has 65).' });
    expect(errorsOf('123456789012', 'y'.repeat(64))).toBeNull();
  });

  it('refuses a 201st account', () => {
    const full = Array.from({ length: 200 }, (_, i) => ({ accountId: String(100000000000 + i), label: `a${i}` }));
    expect(validateKnownAccount({ accountId: '999999999999', label: 'one more' }, full)).toEqual({
      ok: false,
      errors: { accountId: 'At most 200 accounts can be listed; remove one first.' },
    });
  });
});
