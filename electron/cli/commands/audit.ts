/**
 * `warden audit verify [--json]`: checks the audit log's hash chain; exit 0 when whole, 1 when broken.
 * `warden audit export [--actor NAME] [--kind ACTION] [--target TEXT] [--format csv|json]`: the entries
 * the filters select, oldest first, as the app's Export writes them (the same `audit:export` channel).
 */
import type { CliBackend } from '../backend';
import { callOrReport } from '../call';
import { EXIT, type ExitCode } from '../exit-codes';
import { terminalSafe, type Writer } from '../output';

interface Verification {
  ok: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  message: string;
}

export async function auditVerifyCommand(backend: CliBackend, io: Writer, options: { json: boolean }): Promise<ExitCode> {
  const result = await callOrReport<Verification>(backend.dispatch, 'audit:verify', {}, io);
  if (result === undefined) return EXIT.failure;
  if (options.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.ok) {
    io.out(`ok: ${terminalSafe(result.message)}\n`);
  } else {
    io.out(`BROKEN at entry ${result.firstBrokenSeq ?? '?'}: ${terminalSafe(result.message)}\n`);
  }
  return result.ok ? EXIT.ok : EXIT.failure;
}

export type AuditExportFormat = 'csv' | 'json';

export function parseAuditExportFormat(value: string | undefined): { ok: true; format: AuditExportFormat } | { ok: false; message: string } {
  if (value === undefined || value === 'csv' || value === 'json') return { ok: true, format: value ?? 'csv' };
  return { ok: false, message: `--format for audit export is csv or json, not "${terminalSafe(value)}".` };
}

export async function auditExportCommand(
  backend: CliBackend,
  io: Writer,
  options: { actor: string | undefined; kind: string | undefined; target: string | undefined; format: AuditExportFormat },
): Promise<ExitCode> {
  const file = await callOrReport<{ text: string; entries: number }>(
    backend.dispatch,
    'audit:export',
    { format: options.format, actor: options.actor ?? null, action: options.kind ?? null, target: options.target ?? null },
    io,
  );
  if (file === undefined) return EXIT.failure;
  // The document as is: CSV cells are already formula-neutralised, JSON is escaped by JSON.stringify.
  io.out(file.text);
  return EXIT.ok;
}
