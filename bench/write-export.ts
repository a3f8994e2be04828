/**
 * Writes `aws iam get-account-authorization-details` output for a synthetic account, as the AWS CLI
 * prints it (one object with the four lists, documents decoded, 4-space indentation, timestamps as
 * `2024-01-01T00:00:00+00:00`), streamed to disk element by element so the writer never holds the
 * account. The account is sized so the file comes out near `--mb` (its principals are printed).
 *
 *   node --import tsx bench/write-export.ts --mb=100 --out=/tmp/x/authorization-details.json
 *   node --import tsx bench/write-export.ts --principals=10000 --out=/tmp/x/authorization-details.json
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { argument, emitResult, since } from './measure';
import { SyntheticAccount } from './synthetic-account';

const DATE_KEYS = new Set(['CreateDate', 'UpdateDate', 'LastUsedDate']);
const INDENT = '\n        ';

function cliJson(value: unknown): string {
  const text = JSON.stringify(value, (key, field: unknown) => (DATE_KEYS.has(key) && typeof field === 'string' ? field.replace(/Z$/, '+00:00') : field), 4);
  return `        ${text.replaceAll('\n', INDENT)}`;
}

type ListName = 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies';

/** The export of `account`, piece by piece (the pieces joined are the file). */
export function* exportPieces(account: SyntheticAccount): Generator<string> {
  yield '{\n';
  let current: ListName | null = null;
  let first = true;
  for (const { list, value } of account.authorizationDetailsElements()) {
    if (list !== current) {
      if (current !== null) yield '\n    ],\n';
      yield `    "${list}": [\n`;
      current = list;
      first = true;
    }
    yield `${first ? '' : ',\n'}${cliJson(value)}`;
    first = false;
  }
  if (current !== null) yield '\n    ]\n';
  yield '}\n';
}

/** Bytes of the export of an account of `principals`. */
function exportSize(principals: number): number {
  let bytes = 0;
  for (const piece of exportPieces(new SyntheticAccount({ principals }))) bytes += Buffer.byteLength(piece);
  return bytes;
}

async function write(stream: WriteStream, pieces: Iterable<string>): Promise<number> {
  let bytes = 0;
  let buffered: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    const chunk = buffered.join('');
    buffered = [];
    size = 0;
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  };
  for (const piece of pieces) {
    buffered.push(piece);
    size += piece.length;
    if (size >= 256 * 1024) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bytes;
}

export interface ExportResult {
  path: string;
  bytes: number;
  principals: number;
  policies: number;
  items: number;
  writeMs: number;
}

async function main(): Promise<void> {
  const targetBytes = Number(argument('mb', '100')) * 1024 * 1024;
  const out = argument('out', '');
  if (out === '') throw new Error('--out=PATH is required');
  const started = performance.now();
  // Size per principal from a small account, then the account that fills the target.
  const sample = 2_000;
  const asked = Number(argument('principals', '0'));
  const principals = asked > 0 ? asked : Math.max(100, Math.round((targetBytes / exportSize(sample)) * sample));
  const account = new SyntheticAccount({ principals });
  const bytes = await write(createWriteStream(out), exportPieces(account));
  const result: ExportResult = { path: out, bytes, principals, policies: account.policyCount, items: account.authorizationDetailsItemCount, writeMs: since(started) };
  emitResult(result);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
