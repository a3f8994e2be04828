import { describe, expect, it } from 'vitest';
import { incompleteRunsText, outcomeCountText, outcomeCounts, outcomeSummary } from './outcome-style';

describe('collector outcomes', () => {
  it('summarised ok first, then problems in a fixed order, unknown ones last', () => {
    expect(outcomeSummary({ denied: 1, ok: 12 })).toBe('12 ok · 1 denied');
    expect(outcomeSummary({ failed: 2, unsupported: 3, ok: 0, throttled: 1 })).toBe('1 throttled · 3 not available · 2 failed');
    expect(outcomeSummary({})).toBe('—');
    expect(outcomeCounts({ ok: 1, skipped: 2 }).map((c) => [c.outcome, c.style?.tone ?? null])).toEqual([
      ['ok', 'success'],
      ['skipped', null],
    ]);
  });

  // Issue 10, §4: failure counts phrased one way everywhere (history, scan page, job outcome).
  it('phrases each count and the runs that did not read everything in one way', () => {
    expect(outcomeCountText('denied', 1)).toBe('1 denied');
    expect(outcomeCountText('unsupported', 1200)).toBe('1,200 not available');
    const collector = { one: 'collector run', many: 'collector runs' };
    expect(incompleteRunsText({ ok: 12, denied: 1, failed: 1 }, collector)).toBe('2 of 14 collector runs did not read everything: 1 denied · 1 failed.');
    expect(incompleteRunsText({ ok: 3 }, collector)).toBe('3 collector runs, all ok.');
    expect(incompleteRunsText({ ok: 0, failed: 1 }, { one: 'step', many: 'steps' })).toBe('1 of 1 step did not read everything: 1 failed.');
    // A step that never finished is the job's failure, not a collector's outcome.
    expect(incompleteRunsText({ ok: 1, pending: 1, running: 1 }, { one: 'step', many: 'steps' })).toBe('1 step, all ok.');
  });
});
