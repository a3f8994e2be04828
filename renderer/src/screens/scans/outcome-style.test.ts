import { describe, expect, it } from 'vitest';
import { outcomeCounts, outcomeSummary } from './outcome-style';

describe('collector outcomes', () => {
  it('summarised ok first, then problems in a fixed order, unknown ones last', () => {
    expect(outcomeSummary({ denied: 1, ok: 12 })).toBe('12 ok · 1 denied');
    expect(outcomeSummary({ failed: 2, unsupported: 3, ok: 0, throttled: 1 })).toBe('1 throttled · 3 unsupported · 2 failed');
    expect(outcomeSummary({})).toBe('—');
    expect(outcomeCounts({ ok: 1, skipped: 2 }).map((c) => [c.outcome, c.style?.tone ?? null])).toEqual([
      ['ok', 'success'],
      ['skipped', null],
    ]);
  });
});
