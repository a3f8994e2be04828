import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type Envelope,
} from '@shared/contract';
import { isAppError } from './errors';

/** How the reply of a call will travel. */
export interface CallOptions {
  /**
   * The caller writes the reply with `stringifyWithStoredJson` (the loopback server), so a handler may
   * answer with stored JSON texts unparsed (shared/stored-json.ts: `findings:list`'s evidence). Absent:
   * the reply is used as objects (the CLI, a handler calling another) or structured-cloned (IPC).
   */
  json?: boolean;
}

/** One handler per contract channel; input already parsed, output parsed again before it leaves. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>, call?: CallOptions) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export type Dispatch = (channel: string, input: unknown, call?: CallOptions) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors are reported (never shown raw to the user). */
  onInternalError?: (channel: string, error: unknown) => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * The back-end side of both transports: refuse unknown channels, parse the input, run the handler,
 * parse the output, and turn every failure into an envelope. It never throws.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channelName, rawInput, call = {}) => {
    if (!isChannelName(channelName)) {
      return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${String(channelName).slice(0, 100)}".` } };
    }
    const spec = channels[channelName];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    try {
      const handler = handlers[channelName] as (input: unknown, call: CallOptions) => unknown;
      const result = await handler(parsed.data, call);
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        options.onInternalError?.(channelName, checked.error);
        return { ok: false, error: { code: 'internal', message: `The back end produced an invalid reply for ${channelName}.` } };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (isAppError(error)) {
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      options.onInternalError?.(channelName, error);
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${channelName}: ${message}` } };
    }
  };
}
