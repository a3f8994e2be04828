import { describe, expect, it } from 'vitest';
import { csvField, csvRow, neutraliseFormula, toCsv } from '../../../electron/cli/csv-output';

describe('CSV formula injection', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralises %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves ordinary text alone, including a formula character further in', () => {
    for (const value of ['alice', 'a=b', 'x-1', 'user@example.com', 'arn:aws:iam::1:role/x', '', ' =1']) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });

  it('neutralises numbers and booleans turned to text the same way', () => {
    expect(csvField(-5)).toBe("'-5");
    expect(csvField(12)).toBe('12');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes a header and rows ended by CRLF', () => {
    expect(toCsv(['name', 'note'], [['a', 'x,y'], ['b', null]])).toBe('name,note\r\na,"x,y"\r\nb,\r\n');
    expect(csvRow(['=1', '"q"'])).toBe(`'=1,"""q"""`);
  });
});
