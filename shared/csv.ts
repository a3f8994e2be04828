/**
 * CSV for exports (the CLI's and the audit log's) (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled).
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, and tab or CR can smuggle
 * one in. Names, tags and descriptions come from AWS accounts that others can write to, so every such
 * cell gets a leading `'`, which spreadsheets show as text (OWASP's CSV-injection advice).
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to a value a spreadsheet would run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: neutralised, then quoted if RFC 4180 requires it. Null and undefined are empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(typeof value === 'string' ? value : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole document: a header row, then the rows, each ended by CRLF. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [csvRow(headers), ...rows.map(csvRow)].map((line) => `${line}\r\n`).join('');
}
