/**
 * A JSON object's text as the workspace stores it (a finding's evidence), carried unparsed from the
 * store to a transport that writes JSON, which puts the text in its reply as it is
 * (`stringifyWithStoredJson`): at 37,000 findings, parsing every evidence only for the loopback
 * server to serialise it again was ~0.15 s of the back end's thread for `findings:list`, and as much
 * again to write it.
 *
 * Only the text of a JSON object is taken: SQLite's CHECK (json_valid(…)) on every stored text (or
 * `JSON.stringify` of an object, for the analysis's first view) makes it valid JSON, and its first
 * and last characters make it an object, which is what the contract's row says evidence is. Anything
 * else is not wrapped (`storedJsonObject` answers null) and is read as before.
 *
 * Outside `stringifyWithStoredJson` (a CLI's output, a file export, anything else that writes it with
 * `JSON.stringify`), `toJSON` parses the text, so such a writer gets the object itself. A structured
 * clone (Electron's IPC) would not: replies for it are made with parsed rows (dispatch.ts, `json`).
 */
export class StoredJsonObject {
  private constructor(readonly text: string) {}

  /** The wrapped text, or null when it is not the text of a JSON object. */
  static of(text: string): StoredJsonObject | null {
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(text.length - 1);
    // '{' … '}' with nothing around them (JSON.stringify and SQLite's json() write no whitespace there).
    return first === 0x7b && last === 0x7d ? new StoredJsonObject(text) : null;
  }

  toJSON(): unknown {
    if (splicing !== null) {
      splicing.texts.push(this.text);
      return `${splicing.marker}${splicing.texts.length - 1}`;
    }
    return JSON.parse(this.text) as unknown;
  }
}

/** The serialisation under way in `stringifyWithStoredJson` (JSON.stringify is synchronous: one at a time). */
let splicing: { marker: string; texts: string[] } | null = null;

function randomMarker(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `JSON.stringify(value)` with every StoredJsonObject written as its text. Each is first written as a
 * string holding a marker no data can forge (a control character JSON.stringify always escapes, then
 * 128 random bits, new on every call), then that string is replaced by the text.
 */
export function stringifyWithStoredJson(value: unknown): string {
  const marker = `\u0000stored-json:${randomMarker()}:`;
  const state = { marker, texts: [] as string[] };
  splicing = state;
  let written: string;
  try {
    written = JSON.stringify(value);
  } finally {
    splicing = null;
  }
  if (state.texts.length === 0) return written;
  // JSON.stringify writes the marker's U+0000 as the six characters \u0000.
  const quoted = `"${JSON.stringify(marker).slice(1, -1)}`;
  const parts = written.split(quoted);
  const out: string[] = [parts[0] ?? ''];
  for (let i = 1; i < parts.length; i += 1) {
    // Each part begins with the text's index and the closing quote of the marker's string.
    const part = parts[i] as string;
    const end = part.indexOf('"');
    out.push(state.texts[Number(part.slice(0, end))] as string, part.slice(end + 1));
  }
  return out.join('');
}
