import { describe, expect, it } from 'vitest';
import { lengthLimitText, nearLengthLimit } from './length-limit';

// Issue 10, §4: input length limits shown, not silently applied.
describe('length limits', () => {
  it('states the limit while empty, then how much is used, and says when it is reached', () => {
    expect(lengthLimitText(0, 2000)).toBe('Up to 2,000 characters.');
    expect(lengthLimitText(12, 80)).toBe('12 of 80 characters.');
    expect(lengthLimitText(80, 80)).toBe('80 of 80 characters: the limit.');
  });

  it('draws the eye in the last tenth only', () => {
    expect(nearLengthLimit(71, 80)).toBe(false);
    expect(nearLengthLimit(72, 80)).toBe(true);
  });
});
