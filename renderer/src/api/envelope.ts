import type { z } from 'zod';
import {
  channels,
  events,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '@shared/contract';
import { ApiError, apiErrorFromShape } from './api-error';

/**
 * Turn a reply envelope into the channel's output, or throw its error as an ApiError. The value is
 * parsed with the contract's output schema, so a screen never sees a shape the contract does not promise.
 */
export function unwrapEnvelope<C extends ChannelName>(channel: C, envelope: unknown): ChannelOutput<C> {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
    throw new ApiError('internal', `The back end sent a reply to ${channel} that is not an envelope.`);
  }
  const reply = envelope as { ok: unknown; value?: unknown; error?: unknown };
  if (reply.ok !== true) throw apiErrorFromShape(reply.error);
  const schema: z.ZodType = channels[channel].output;
  const parsed = schema.safeParse(reply.value);
  if (!parsed.success) {
    throw new ApiError('internal', `The back end sent a reply to ${channel} that does not match the contract.`);
  }
  // TypeScript cannot tie `channels[C]` to `ChannelOutput<C>` for a generic C; the schema just checked it.
  return parsed.data as ChannelOutput<C>;
}

/** An event payload checked against the contract; null when it does not match (it is then dropped). */
export function parseEventPayload<E extends EventName>(event: E, payload: unknown): EventPayload<E> | null {
  const schema: z.ZodType = events[event];
  const parsed = schema.safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}
