/**
 * Parameterised SQL built from tagged templates (after Signal's `ts/sql/util.std.ts`).
 *
 * `sql\`SELECT * FROM connections WHERE id = ${id}\`` becomes `{ text: '… WHERE id = ?', params: [id] }`:
 * interpolated values are always bound, never spliced into the text. The database handles only accept
 * a `SqlQuery`, so a string concatenated from user input cannot reach SQLite by accident. Trusted text
 * (an identifier, a fixed fragment) is spliced only through `sql.raw` / `sql.id`, which are easy to grep.
 */

/** A value SQLite can bind. Booleans are stored as 0/1. Dates are not accepted: convert them on purpose. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;

/** What better-sqlite3 binds. */
export type BoundValue = string | number | bigint | null | Buffer;

// Only this module can make a SqlQuery: the constructor demands this token.
const constructionToken = Symbol('SqlQuery');

/** A piece of SQL text with its bound parameters; build it with the `sql` tag. */
export class SqlQuery {
  // An ECMAScript private field makes the class nominal: a look-alike object literal is not a SqlQuery.
  readonly #brand = 'SqlQuery';
  readonly text: string;
  readonly params: readonly BoundValue[];

  constructor(token: symbol, text: string, params: readonly BoundValue[]) {
    if (token !== constructionToken) {
      throw new TypeError('Build SQL with the sql`…` tag, not with new SqlQuery().');
    }
    this.text = text;
    this.params = Object.freeze([...params]);
  }

  /** For debugging and error messages; never executed. */
  toString(): string {
    return `${this.#brand}(${this.text})`;
  }
}

export function isSqlQuery(value: unknown): value is SqlQuery {
  return value instanceof SqlQuery;
}

function bindValue(value: SqlValue | undefined, position: number): BoundValue {
  if (value === undefined) {
    throw new TypeError(`sql: value #${position + 1} is undefined (use null for SQL NULL).`);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`sql: value #${position + 1} is not a finite number.`);
  }
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    throw new TypeError(`sql: value #${position + 1} is an object; serialise it (JSON.stringify, toISOString) first.`);
  }
  return value;
}

function isTemplateStrings(strings: unknown): strings is TemplateStringsArray {
  // Template string arrays are frozen and carry `raw`; a hand-built array of text is refused.
  return Array.isArray(strings) && Object.isFrozen(strings) && Array.isArray((strings as { raw?: unknown }).raw);
}

function sqlTag(strings: TemplateStringsArray, ...values: readonly (SqlValue | SqlQuery)[]): SqlQuery {
  if (!isTemplateStrings(strings)) {
    throw new TypeError('sql must be used as a tagged template: sql`SELECT …`.');
  }
  let text = strings[0] ?? '';
  const params: BoundValue[] = [];
  values.forEach((value, index) => {
    if (isSqlQuery(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(bindValue(value, index));
    }
    text += strings[index + 1] ?? '';
  });
  return new SqlQuery(constructionToken, text, params);
}

/** Splice trusted text verbatim. Never pass anything a user or a file could have written. */
function raw(text: string): SqlQuery {
  return new SqlQuery(constructionToken, text, []);
}

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A quoted identifier (table or column name) checked against a conservative pattern. */
function id(name: string): SqlQuery {
  if (!identifierPattern.test(name)) {
    throw new TypeError(`sql.id: "${name.slice(0, 60)}" is not a plain identifier.`);
  }
  return raw(`"${name}"`);
}

/** Join fragments with a separator, e.g. `sql.join(columns.map(sql.id), sql\`, \`)`. */
function join(parts: readonly SqlQuery[], separator: SqlQuery = raw(', ')): SqlQuery {
  let text = '';
  const params: BoundValue[] = [];
  parts.forEach((part, index) => {
    if (index > 0) {
      text += separator.text;
      params.push(...separator.params);
    }
    text += part.text;
    params.push(...part.params);
  });
  return new SqlQuery(constructionToken, text, params);
}

/** A parenthesised list of bound values for `IN (…)`; SQLite accepts the empty list `()`. */
function list(values: readonly SqlValue[]): SqlQuery {
  const params = values.map((value, index) => bindValue(value, index));
  return new SqlQuery(constructionToken, `(${params.map(() => '?').join(', ')})`, params);
}

/**
 * The tag, with helpers: `sql.raw` (trusted text), `sql.id` (identifier), `sql.join`, `sql.list`.
 */
export const sql = Object.assign(sqlTag, { raw, id, join, list });
