/**
 * What a channel is: access, doc, input and output schemas. Each domain file declares its channels with
 * `channel(…)` in a table typed `ChannelTable<'prefix'>`, so a file can only hold channels of its own prefix.
 */
import { z } from 'zod';

/**
 * What a channel does to the workspace file. `read`: never writes it (reads, including those that
 * analyse a scan on first use: the analysis runner writes, and queues them itself; answering a job's
 * cancel; a file dialog). `write`: may write it, so the back end runs it only while no analysis is
 * running (electron/core/backend.ts), never waiting on the file's write lock.
 */
export const CHANNEL_ACCESS = ['read', 'write'] as const;
export type ChannelAccess = (typeof CHANNEL_ACCESS)[number];

/** Every channel states its access: the type requires it, and test/unit/contract.test.ts checks it at run time. */
export interface ChannelDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly doc: string;
  readonly access: ChannelAccess;
  readonly input: I;
  readonly output: O;
}

/** A domain file's channels: every name must start with the file's prefix (`'scans'` → `scans:…`). */
export type ChannelTable<P extends string> = Record<`${P}:${string}`, ChannelDefinition>;

export function channel<I extends z.ZodType, O extends z.ZodType>(access: ChannelAccess, doc: string, input: I, output: O): ChannelDefinition<I, O> {
  return { doc, access, input, output };
}

/** The input of a channel that takes none. */
export const empty = z.object({}).strict().default({});
