import { describe, expect, it } from 'vitest';
import { EXPORT_ONLY_MAX, type ScanSummary } from '@shared/contract';
import { exportOnly, exportScansText } from './export-scope';

const scan = (id: string): ScanSummary => ({ id }) as ScanSummary;

describe('exportOnly', () => {
  it('names no rows when the screen shows the whole view, the shown rows otherwise', () => {
    expect(exportOnly(['a', 'b'], true)).toEqual({ only: null });
    expect(exportOnly(['b', 'a'], false)).toEqual({ only: ['b', 'a'] });
    expect(exportOnly([], false)).toEqual({ only: [] });
  });

  it('refuses more rows than one request carries (the contract’s count, the loopback body)', () => {
    expect(exportOnly(Array.from({ length: EXPORT_ONLY_MAX + 1 }, (_, i) => String(i)), false)).toBe('too-many');
    expect(exportOnly(Array.from({ length: 1000 }, () => 'x'.repeat(1000)), false)).toBe('too-many');
    expect(exportOnly(Array.from({ length: EXPORT_ONLY_MAX }, () => 'f'.repeat(64)), false)).not.toBe('too-many');
  });
});

describe('exportScansText', () => {
  it('names one scan by its short ID, several by their count', () => {
    expect(exportScansText([scan('eb9b20ac-6db1-41bf-9995-3ec25f876815')])).toBe('scan eb9b20ac');
    expect(exportScansText([scan('a'), scan('b')])).toBe('the newest scans of 2 accounts');
  });
});
