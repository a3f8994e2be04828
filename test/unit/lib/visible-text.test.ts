import { describe, expect, it } from 'vitest';
import { escapeInvisible, stripInvisible } from '@core/lib/visible-text';

describe('stripInvisible', () => {
  it('turns line breaks and tabs into spaces and drops controls, bidi marks and separators', () => {
    expect(stripInvisible('a\r\nb\rc\nd\te\u2028f')).toBe('a b c d e f');
    expect(stripInvisible('\u202Eexe.txt\u202C \u2066x\u2069 \u200e\u061c\u001b[2J\u0007\u007f\u009b')).toBe('exe.txt x [2J');
  });

  it('keeps each line break as one \\n when asked, whatever its form', () => {
    expect(stripInvisible('a\r\nb\rc\nd\u2028e\u2029f\tg\u0000', { keepLineBreaks: true })).toBe('a\nb\nc\nd\ne\nf g');
  });

  it('replaces half a surrogate pair and keeps whole pairs', () => {
    expect(stripInvisible('x\uD83Dy\uDE00z 🤖')).toBe('x\uFFFDy\uFFFDz 🤖');
  });

  it('leaves visible text, backslashes and punctuation alone (escapeInvisible is for showing them)', () => {
    expect(stripInvisible('Tier 1; a, b \\n "q" — ü')).toBe('Tier 1; a, b \\n "q" — ü');
    expect(escapeInvisible('a\nb')).toBe('a\\nb');
  });
});
