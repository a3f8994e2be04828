import type { EventName, EventPayload } from '@shared/contract';

/** Where the back end publishes contract events; each transport forwards them to its UI. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A small fan-out used by transports that have several listeners (the loopback event stream). */
export class EventHub {
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  readonly emit: EventSink = (event, payload) => {
    for (const listener of this.listeners) listener(event, payload);
  };

  subscribe(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
