import { describe, expect, it } from 'vitest';
import type { JobStep } from '@shared/contract';
import { printProgress } from './report-progress';

const step = (id: string, status: JobStep['status'], done = 0, total = 0): JobStep => ({ step: id, label: id, region: null, accountId: null, status, done, total, calls: 0, message: null });

describe('printProgress', () => {
  it('grows with each step of the print, never reaching 1 before printing is done', () => {
    const sequence = [
      [],
      [step('read', 'running', 0, 5)],
      [step('read', 'running', 3, 5)],
      [step('read', 'ok', 5, 5), step('draw', 'running')],
      [step('read', 'ok', 5, 5), step('draw', 'ok'), step('print', 'running')],
      [step('read', 'ok', 5, 5), step('draw', 'ok'), step('print', 'ok', 16, 16)],
    ].map(printProgress);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    expect(new Set(sequence).size).toBe(sequence.length);
    expect(sequence[0]).toBe(0);
    expect(sequence.at(-2)).toBeLessThan(1);
    expect(sequence.at(-1)).toBe(1);
  });
  it('a failed step does not count as done', () => {
    expect(printProgress([step('read', 'ok', 5, 5), step('draw', 'failed')])).toBeCloseTo(1 / 3);
  });
});
