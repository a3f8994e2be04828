/**
 * Copyable commands for a POSIX shell (bash, zsh, dash, ksh — the shells of macOS and Linux, and of
 * WSL or Git Bash on Windows; not PowerShell or cmd.exe).
 *
 * A suggested fix is pasted into a shell by someone with rights to change the account, and the names
 * in it come from that account or from a file: anyone who can create a role can choose its path, and an
 * IAM path may legally hold `$(…)` and backticks. So every command is built by the `posix` template tag,
 * which quotes each interpolated value: in an argument it becomes exactly one word (POSIX single
 * quotes; plain tokens stay bare so the usual commands read as before), and inside a `#` comment it is
 * made one visible line (a newline there would end the comment and start a command). `cliFix` takes
 * only what `posix` built, so a rule cannot hand over a raw string by accident.
 */
import { escapeInvisible } from './visible-text';

/** Where the shell's reader is at the end of some text: in a word, inside quotes, or in a comment. */
type ShellState = 'plain' | 'single' | 'double' | 'comment';

/** Shell text built by `posix`: safe to paste, and safe to interpolate into another `posix` command. */
export class ShellText {
  private constructor(
    readonly text: string,
    /** Where a reader is at its end, so a command built around it knows the context that follows. */
    readonly endState: ShellState,
  ) {}

  /** Only this module builds shell text: every other caller goes through `posix`. */
  static build(text: string, endState: ShellState): ShellText {
    return new ShellText(text, endState);
  }

  toString(): string {
    return this.text;
  }
}

export type ShellValue = string | number | ShellText;

/**
 * Characters that mean nothing to sh, bash, dash, ksh or zsh in an argument. `=` may not lead (zsh
 * expands `=cmd` to a path); no `~`, glob, brace, `#`, `!`, `^` or `%`.
 */
const PLAIN_WORD = /^[A-Za-z0-9_./:@+,-][A-Za-z0-9_./:=@+,-]*$/;

/**
 * One shell word holding exactly `value`: bare if it is a plain token, else in single quotes, in which
 * POSIX shells take every character literally (newlines too); a `'` inside becomes `'\''` (close,
 * an escaped quote, reopen). The empty string is `''`.
 */
export function shellQuote(value: string): string {
  return PLAIN_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Reads trusted shell text (the tag's literals) from a state and says where it ends. `atWordBreak`:
 * whether what precedes the text is a line start or a blank, where a `#` opens a comment (after a
 * value the text continues that word: `--name ${x}#1` is no comment).
 */
function scan(text: string, from: ShellState, atWordBreak: boolean): ShellState {
  let state = from;
  let wordBreak = atWordBreak;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    switch (state) {
      case 'comment':
        if (c === '\n') state = 'plain';
        break;
      case 'single':
        if (c === "'") state = 'plain';
        break;
      case 'double':
        if (c === '\\') i++;
        else if (c === '"') state = 'plain';
        break;
      case 'plain':
        if (c === "'") state = 'single';
        else if (c === '"') state = 'double';
        else if (c === '\\') i++;
        else if (c === '#' && wordBreak) state = 'comment';
        break;
    }
    wordBreak = c === ' ' || c === '\t' || c === '\n';
  }
  return state;
}

/**
 * Builds a command: the literal parts are our own shell text; each value is quoted for where it
 * stands (an argument, or a comment). A value inside quotes written in the literal is refused: the
 * tag's quoting would be undone by them.
 */
export function posix(strings: TemplateStringsArray, ...values: readonly ShellValue[]): ShellText {
  let text = strings[0] ?? '';
  let state = scan(text, 'plain', true);
  values.forEach((value, index) => {
    if (state === 'single' || state === 'double') throw new Error(`posix: a value inside quotes of the literal near "${text.slice(-20)}"`);
    if (value instanceof ShellText) {
      if (state === 'comment') throw new Error('posix: shell text interpolated into a comment');
      text += value.text;
      state = value.endState;
    } else {
      const raw = String(value);
      text += state === 'comment' ? escapeInvisible(raw) : shellQuote(raw);
    }
    const literal = strings[index + 1] ?? '';
    text += literal;
    state = scan(literal, state, false);
  });
  if (state === 'single' || state === 'double') throw new Error('posix: unbalanced quotes in the literal');
  return ShellText.build(text, state);
}

/** Commands on successive lines. */
export function shellLines(lines: readonly ShellText[]): ShellText {
  const last = lines.at(-1);
  return ShellText.build(lines.map((line) => line.text).join('\n'), last === undefined ? 'plain' : last.endState);
}
