/** `warden audit verify [--json]`: checks the audit log's hash chain; exit 0 when whole, 1 when broken. */
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
