import { describe, expect, it } from 'vitest';
import { baseName, formatBytes, formatRelativeTime } from './format';

describe('formatting', () => {
  it('sizes, times and file names', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(266_240)).toBe('260 KB');
    expect(formatBytes(5 * 1024 * 1024 + 300_000)).toBe('5.3 MB');
    const now = new Date('2026-11-24T12:00:00Z');
    expect(formatRelativeTime('2026-11-24T11:59:30Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-11-24T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2026-11-21T12:00:00Z', now)).toBe('3 days ago');
    expect(baseName('C:\\\\Users\\\\ana\\\\review.sqlite')).toBe('review.sqlite');
    expect(baseName('/home/ana/work.sqlite')).toBe('work.sqlite');
  });
});
