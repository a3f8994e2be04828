import { describe, expect, it } from 'vitest';
import { validateThresholds } from './thresholds-model';

describe('thresholds', () => {
  it('whole days within each range', () => {
    const ok = validateThresholds({ keyRotationDays: '90', keyUnusedDays: '45', keyGraceDays: '0', roleUnusedDays: '3650' });
    expect(ok).toEqual({ ok: true, thresholds: { keyRotationDays: 90, keyUnusedDays: 45, keyGraceDays: 0, roleUnusedDays: 3650 } });
    const bad = validateThresholds({ keyRotationDays: '0', keyUnusedDays: '4.5', keyGraceDays: '', roleUnusedDays: '3651' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({
      keyRotationDays: 'Use a value from 1 to 3650 days.',
      keyUnusedDays: 'Use whole days, e.g. 90.',
      keyGraceDays: 'Enter a number of days for “Grace period for new keys”.',
      roleUnusedDays: 'Use a value from 1 to 3650 days.',
    });
  });
});
