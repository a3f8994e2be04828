/**
 * Characters that change what a terminal or a reader sees without being visible themselves: C0
 * controls (ESC starts the sequences that clear a screen, set a window title or hide a link; newline,
 * CR and tab move the cursor), DEL, C1 controls (U+009B is a one-byte CSI for some terminals), the
 * bidirectional marks, embeddings, overrides and isolates (U+202E turns `exe.txt` into `txt.exe` on
 * screen) and the Unicode line and paragraph separators. Names, tags and descriptions from AWS or a
 * file may hold any of them.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const INVISIBLE_ONE = new RegExp(INVISIBLE.source);

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Whether a value holds one of the characters `escapeInvisible` rewrites. */
export function hasInvisible(value: string): boolean {
  return INVISIBLE_ONE.test(value);
}

/**
 * One visible line: each such character becomes a readable escape — `\n`, `\r`, `\t`, else
 * `\u{…}` with its code point in hex (ESC is `\u{1B}`, RIGHT-TO-LEFT OVERRIDE `\u{202E}`). A backslash
 * already in the value is left as it is, so `\n` on screen may also be those two characters: the
 * output is for reading, the JSON output keeps the exact value.
 */
export function escapeInvisible(value: string): string {
  return value.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}

const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/** Half a surrogate pair: no UTF-8 encoding exists for it, so a file writer would put U+FFFD there. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The value without those characters, for text another program shows (a calendar, a mail client)
 * where an escape would be noise: each line break and tab becomes a space, or with `keepLineBreaks`
 * each line break (CRLF, CR, LF, U+2028, U+2029) becomes one `\n`; every other such character is
 * removed, and half a surrogate pair becomes U+FFFD.
 */
export function stripInvisible(value: string, options: { keepLineBreaks?: boolean } = {}): string {
  const lines = value.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAK, '\n');
  return lines.replace(INVISIBLE, (c) => {
    if (c === '\n') return options.keepLineBreaks === true ? '\n' : ' ';
    return c === '\t' ? ' ' : '';
  });
}
