import { describe, expect, it } from 'vitest';
import {
  RelativeDateError,
  formatDate,
  relativeDate,
  resolveRelativeDate,
  resolveRelativeDates,
} from '@core/demo/relative-dates';

const now = new Date('2026-03-01T12:00:00.750Z');

describe('relativeDate', () => {
  it.each([
    [0, '{{now}}'],
    [400, '{{now-400d}}'],
    [1.25, '{{now-1d6h}}'],
    [0.5, '{{now-12h}}'],
    [1 / 1440, '{{now-1m}}'],
    [-30, '{{now+30d}}'],
    [2 + 90 / 1440 + 5 / 86_400, '{{now-2d1h30m5s}}'],
  ])('writes %s days as %s', (days, placeholder) => {
    expect(relativeDate(days)).toBe(placeholder);
  });

  it('refuses a non-number', () => {
    expect(() => relativeDate(Number.NaN)).toThrow(RelativeDateError);
  });
});

describe('resolveRelativeDate', () => {
  it('counts back from the clock and rounds down to the second', () => {
    expect(resolveRelativeDate('{{now}}', now).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(resolveRelativeDate('{{now-400d}}', now).toISOString()).toBe('2025-01-25T12:00:00.000Z');
    expect(resolveRelativeDate('{{now-1d6h30m15s}}', now).toISOString()).toBe('2026-02-28T05:29:45.000Z');
    expect(resolveRelativeDate('{{now+30d}}', now).toISOString()).toBe('2026-03-31T12:00:00.000Z');
  });

  it('round-trips with relativeDate', () => {
    for (const days of [0.001, 0.3, 1, 7, 89.99, 365, 1460.75]) {
      const at = resolveRelativeDate(relativeDate(days), now);
      expect(Math.abs(now.getTime() - at.getTime() - days * 86_400_000)).toBeLessThan(1_500);
    }
  });

  it('refuses what is not a placeholder', () => {
    expect(() => resolveRelativeDate('{{now-3w}}', now)).toThrow(RelativeDateError);
    expect(() => resolveRelativeDate('{{now-}}', now)).toThrow(RelativeDateError);
    expect(() => resolveRelativeDate('2026-01-01', now)).toThrow(RelativeDateError);
  });
});

describe('resolveRelativeDates', () => {
  it('writes the AWS CLI spelling and the facts spelling', () => {
    const text = '{"CreateDate": "{{now-2d}}", "Other": "{{now}}"}';
    expect(resolveRelativeDates(text, now, 'aws')).toBe('{"CreateDate": "2026-02-27T12:00:00+00:00", "Other": "2026-03-01T12:00:00+00:00"}');
    expect(resolveRelativeDates(text, now, 'iso')).toBe('{"CreateDate": "2026-02-27T12:00:00.000Z", "Other": "2026-03-01T12:00:00.000Z"}');
  });

  it('leaves IAM policy variables alone', () => {
    const text = '"Resource": "arn:aws:iam::111100001111:user/${aws:username}"';
    expect(resolveRelativeDates(text, now, 'aws')).toBe(text);
  });

  it('refuses an unknown placeholder instead of passing it on as text', () => {
    expect(() => resolveRelativeDates('a,{{now-3w}},b', now, 'aws')).toThrow(/unknown date placeholder \{\{now-3w\}\}/);
    expect(() => resolveRelativeDates('{{today}}', now, 'iso')).toThrow(RelativeDateError);
  });

  it('refuses an invalid clock', () => {
    expect(() => resolveRelativeDates('{{now}}', new Date(Number.NaN), 'iso')).toThrow(RelativeDateError);
  });

  it('formats a date both ways', () => {
    const date = new Date('2025-01-02T03:04:05.000Z');
    expect(formatDate(date, 'aws')).toBe('2025-01-02T03:04:05+00:00');
    expect(formatDate(date, 'iso')).toBe('2025-01-02T03:04:05.000Z');
  });
});
