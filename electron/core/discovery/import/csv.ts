/**
 * RFC 4180 CSV: comma-separated fields, records ending in CRLF or LF, fields optionally enclosed in
 * double quotes (which may then hold commas, line breaks and doubled quotes). Blank lines are skipped.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly problem: string;

  constructor(problem: string, line: number) {
    super(`${problem} on line ${line}`);
    this.name = 'CsvSyntaxError';
    this.problem = problem;
    this.line = line;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const length = text.length;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < length) {
    const recordLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (text.charCodeAt(i) === 0x22) {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= length) throw new CsvSyntaxError('unterminated quoted field', quoteLine);
          const quote = text.indexOf('"', i);
          if (quote < 0) throw new CsvSyntaxError('unterminated quoted field', quoteLine);
          const chunk = text.slice(i, quote);
          field += chunk;
          line += countLineBreaks(chunk);
          if (text.charCodeAt(quote + 1) === 0x22) {
            field += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
        const next = text.charCodeAt(i);
        if (i < length && next !== 0x2c && next !== 0x0a && next !== 0x0d) {
          throw new CsvSyntaxError(`unexpected ${JSON.stringify(text.charAt(i))} after a closing quote`, line);
        }
      } else {
        let end = i;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === 0x2c || code === 0x0a || code === 0x0d) break;
          if (code === 0x22) throw new CsvSyntaxError('a double quote inside an unquoted field', line);
          end++;
        }
        field = text.slice(i, end);
        i = end;
      }
      fields.push(field);
      const code = text.charCodeAt(i);
      if (code === 0x2c) {
        i++;
      } else {
        if (code === 0x0d) i++;
        if (text.charCodeAt(i) === 0x0a) i++;
        if (code === 0x0d || code === 0x0a) line++;
        endOfRecord = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
  }
  return records;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) count++;
  }
  return count;
}
