import { describe, expect, it } from 'vitest';
import { baseName, formatBytes, formatCount, formatDate, formatDateTime, formatDuration, formatElapsed, formatRelativeTime, plural, visibleText } from './format';

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

  it('durations, clocks and counts', () => {
    expect(formatDuration(420)).toBe('0.4 s');
    expect(formatDuration(12)).toBe('< 0.1 s');
    expect(formatDuration(12_900)).toBe('12 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('—');
    expect(formatElapsed(7_400)).toBe('0:07');
    expect(formatElapsed(760_000)).toBe('12:40');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
    expect(formatCount(12345)).toBe('12,345');
    expect(plural(1, 'identity', 'identities')).toBe('1 identity');
    expect(plural(1200, 'identity', 'identities')).toBe('1,200 identities');
  });

  it('dates as toLocaleString writes them, from formatters made once', () => {
    for (const iso of ['2026-01-05T08:07:00Z', '2025-12-31T23:59:59Z', '2024-02-29T12:00:00.000Z']) {
      const date = new Date(iso);
      expect(formatDate(iso)).toBe(date.toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' }));
      expect(formatDateTime(iso)).toBe(date.toLocaleString('en', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }));
    }
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatRelativeTime('2026-09-01T00:00:00Z', new Date('2026-11-24T12:00:00Z'))).toBe(formatDate('2026-09-01T00:00:00Z'));
  });
});

describe('visibleText', () => {
  it('shows bidirectional overrides, isolates and marks as escapes, so a name cannot read as another', () => {
    expect(visibleText('admin\u202Egpj.exe')).toBe('admin\\u{202E}gpj.exe');
    expect(visibleText('a\u2066b\u2069c\u200Fd\u061Ce')).toBe('a\\u{2066}b\\u{2069}c\\u{200F}d\\u{61C}e');
  });
  it('shows control characters and separators', () => {
    expect(visibleText('line1\nFAKE\r\t\u001b[2J\u0085\u2028')).toBe('line1\\nFAKE\\r\\t\\u{1B}[2J\\u{85}\\u{2028}');
  });
  it('leaves ordinary text, including right-to-left scripts and emoji, as it is', () => {
    for (const text of ['agent-7', 'وكيل', 'エージェント', '🤖 bot', '<img src=x onerror=alert(1)>']) expect(visibleText(text)).toBe(text);
  });
});
