import type { Api, Bridge, ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '@shared/contract';
import { ApiError, toApiError } from './api-error';
import { parseEventPayload, unwrapEnvelope } from './envelope';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload (contextBridge); absent in browser mode. */
    wardenBridge?: Bridge;
  }
}

/** The desktop transport: the preload's bridge carries envelopes over Electron IPC. */
export function createIpcClient(bridge: Bridge): Api {
  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      let envelope: unknown;
      try {
        envelope = await bridge.invoke(channel, input);
      } catch (error) {
        // The bridge itself failed (not an envelope): the main process is gone or refused the channel.
        const cause = toApiError(error);
        throw new ApiError('unavailable', `The app's back end did not answer: ${cause.message}`, { cause: error });
      }
      return unwrapEnvelope(channel, envelope);
    },

    on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, (payload) => {
        const parsed = parseEventPayload(event, payload);
        if (parsed !== null) callback(parsed);
      });
    },
  };
}
