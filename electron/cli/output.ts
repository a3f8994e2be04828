/** Plain-text output helpers for the CLI. */

export interface Writer {
  out(text: string): void;
  err(text: string): void;
}

export const processWriter: Writer = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Strips control characters so text from AWS or a file cannot drive the terminal. */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
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
