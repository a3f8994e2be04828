/** Plain-text output helpers for the CLI. */
import { escapeInvisible } from '@core/lib/visible-text';

export interface Writer {
  out(text: string): void;
  err(text: string): void;
}

export const processWriter: Writer = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * One value from AWS, a file or the workspace, made safe to print: every control character (C0 with
 * newline, CR and tab; DEL; C1), bidirectional mark, embedding, override or isolate, and line or
 * paragraph separator becomes a visible escape (`\n`, `\r`, `\t`, else `\u{1B}`, `\u{202E}`…; see
 * core/lib/visible-text.ts). So a name cannot add a table row, move the cursor, clear the screen, set
 * the window title, hide a link (OSC 8) or show its text reordered. For table cells, names in sentences
 * and CSV on a terminal; JSON output keeps the exact value (JSON.stringify escapes C0 controls).
 */
export function terminalSafe(value: string): string {
  return escapeInvisible(value);
}

/**
 * Text we laid out over several lines ourselves: its newlines stay, everything else as in
 * `terminalSafe`. A value from outside goes through `terminalSafe` before it is put in such text, or a
 * newline in it would start a line of its own.
 */
export function terminalSafeText(text: string): string {
  return text.split('\n').map(escapeInvisible).join('\n');
}

export function formatTable(headers: string[], rows: string[][]): string {
  const safeRows = rows.map((row) => row.map(terminalSafe));
  const widths = headers.map((header, i) => Math.max(header.length, ...safeRows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...safeRows.map(line)].join('\n') + '\n';
}
