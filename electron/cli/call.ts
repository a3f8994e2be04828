import type { Dispatch } from '@core/dispatch';
import { terminalSafe, type Writer } from './output';

/** Calls a contract channel; on an error envelope prints it and returns undefined. */
export async function callOrReport<T>(dispatch: Dispatch, channel: string, input: unknown, io: Writer): Promise<T | undefined> {
  const envelope = await dispatch(channel, input);
  if (envelope.ok) return envelope.value as T;
  io.err(`warden: ${terminalSafe(envelope.error.message)} (${envelope.error.code})\n`);
  return undefined;
}
