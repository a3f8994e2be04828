/**
 * The quoting of copyable fix commands, checked against real shells: whatever a value holds (any
 * Unicode, quotes, `$(…)`, backticks, backslashes, newlines), `sh` (dash) and `bash` receive it as
 * exactly one argument, unchanged, and run nothing else. NUL cannot be in an argument (C strings), so
 * values are drawn without it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { posix, shellLines, shellQuote, type ShellText } from '@core/lib/posix-shell';

const SHELLS = ['sh', 'bash'] as const;
const cwd = mkdtempSync(join(tmpdir(), 'warden-posix-shell-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs a script and returns the NUL-separated words it printed; any file it creates stays in `cwd`. */
function run(shell: string, script: ShellText): { words: string[]; status: number | null; stderr: string } {
  const result = spawnSync(shell, ['-c', script.text], { cwd, encoding: 'buffer', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' } });
  const out = result.stdout.toString('utf8');
  return { words: out === '' ? [] : out.split('\0').slice(0, -1), status: result.status, stderr: result.stderr.toString('utf8') };
}

// Characters shells treat specially, often enough to meet each other.
const SPECIAL = ["'", '"', '`', '$', '$(', '${IFS}', '\\', '\n', '\r', '\t', ' ', ';', '&', '|', '<', '>', '(', ')', '{', '}', '*', '?', '[', ']', '~', '=', '#', '!', '%', '^', ',', '\u202e', '\u2028', '\u001b[2J', '\u0085', 'é', '😀'];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
// Well-formed Unicode only: a lone surrogate has no UTF-8 form, so no argv can carry one.
const value = fc.oneof(hostileText, fc.string({ unit: 'binary' })).filter((s) => !s.includes('\0') && !/[\uD800-\uDFFF]/u.test(s));

describe('shellQuote', () => {
  it('leaves plain tokens bare and quotes the rest', () => {
    expect(shellQuote('chat-bot')).toBe('chat-bot');
    expect(shellQuote('arn:aws:iam::111122223333:role/app/x')).toBe('arn:aws:iam::111122223333:role/app/x');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('=cmd')).toBe("'=cmd'"); // zsh expands a leading `=`
    expect(shellQuote('a b')).toBe("'a b'");
  });

  for (const shell of SHELLS) {
    it(`gives ${shell} every value as exactly one argument, unchanged, and runs nothing else`, () => {
      fc.assert(
        fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
          const script = shellLines(values.map((v) => posix`printf '%s\\0' ${v} && printf '%s\\0' end`));
          const { words, status, stderr } = run(shell, script);
          expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
          expect(words).toEqual(values.flatMap((v) => [v, 'end']));
        }),
        { numRuns: 200, examples: [[["'$(touch PWNED)'", '`touch PWNED`', '\n;touch PWNED\n', "\\'"]]] },
      );
      expect(readdirSync(cwd)).toEqual([]);
    });

    it(`keeps a value inside a # comment on its line in ${shell}`, () => {
      fc.assert(
        fc.property(value, (v) => {
          const script = shellLines([posix`# about ${v}:`, posix`printf '%s\\0' after`]);
          expect(run(shell, script)).toEqual({ words: ['after'], status: 0, stderr: '' });
        }),
        { numRuns: 200, examples: [['\ntouch PWNED'], ["\n'"], ['\r\n$(touch PWNED)']] },
      );
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('quotes a value that joins literal text into one word', () => {
    const v = "x'$(touch${IFS}PWNED)\n`touch PWNED`";
    expect(run('sh', posix`printf '%s\\0' principalArn=${v},k=${v}`).words).toEqual([`principalArn=${v},k=${v}`]);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('refuses a value inside quotes written in the literal, where its quoting would not hold', () => {
    expect(() => posix`echo '${'x'}'`).toThrow();
    expect(() => posix`echo "${'x'}"`).toThrow();
    expect(() => posix`# a comment ${posix`echo hi`}`).toThrow();
  });
});
