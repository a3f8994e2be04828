import {
  isEventName,
  type Api,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '@shared/contract';
import { ApiError, apiErrorFromShape } from './api-error';
import { parseEventPayload, unwrapEnvelope } from './envelope';
import { createSseParser } from './sse-parser';

export interface HttpClientOptions {
  /** Origin of `warden serve`, e.g. `http://127.0.0.1:43123` (the page's own origin in browser mode). */
  baseUrl: string;
  /** The per-run token printed by `warden serve`. */
  token: string;
  fetch?: typeof fetch;
  /** Back-off between event-stream reconnects, doubling from `initialMs` up to `maxMs`. */
  reconnect?: { initialMs: number; maxMs: number };
  /** Called when the server refuses the token (401), e.g. to forget a stored copy of it. */
  onUnauthorized?: () => void;
}

type Listener = (event: EventName, payload: unknown) => void;

/** The browser transport's Api, plus the upload of an import file (the browser cannot hand over a path). */
export interface HttpClient extends Api {
  /** Streams the file's bytes to `POST /api/upload`; the ID goes into an import request. */
  upload(file: Blob): Promise<{ uploadId: string }>;
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;

const UNAUTHORIZED_MESSAGE =
  'This window is no longer connected to warden serve (its session token was refused). Open the address that “warden serve” printed.';

/** The browser transport: `POST /api/<channel>` and a `GET /api/events` stream, both on loopback. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { Authorization: `Bearer ${options.token}` };
  const stream = new EventStream(options.baseUrl, headers, fetchImpl, options.reconnect ?? { initialMs: 500, maxMs: 15_000 });

  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      let response: Response;
      try {
        response = await fetchImpl(`${options.baseUrl}/api/${channel}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch (error) {
        throw new ApiError('unavailable', 'Agent Warden’s back end could not be reached. Is “warden serve” still running?', {
          cause: error,
        });
      }
      if (response.status === 401) {
        options.onUnauthorized?.();
        throw new ApiError('unauthorized', UNAUTHORIZED_MESSAGE);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw new ApiError('internal', `The back end answered ${channel} with HTTP ${response.status} and no envelope.`, {
          cause: error,
        });
      }
      if (!response.ok && (typeof body !== 'object' || body === null || !('ok' in body))) {
        throw new ApiError('internal', `The back end answered ${channel} with HTTP ${response.status}.`);
      }
      if (typeof body === 'object' && body !== null && 'ok' in body && body.ok === false && 'error' in body) {
        throw apiErrorFromShape(body.error);
      }
      return unwrapEnvelope(channel, body);
    },

    async upload(file: Blob): Promise<{ uploadId: string }> {
      let response: Response;
      try {
        response = await fetchImpl(`${options.baseUrl}/api/upload`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
          body: file,
          cache: 'no-store',
        });
      } catch (error) {
        throw new ApiError('unavailable', 'The file could not be sent to Agent Warden’s back end. Is “warden serve” still running?', {
          cause: error,
        });
      }
      if (response.status === 401) {
        options.onUnauthorized?.();
        throw new ApiError('unauthorized', UNAUTHORIZED_MESSAGE);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw new ApiError('internal', `The back end answered the upload with HTTP ${response.status} and no envelope.`, { cause: error });
      }
      if (typeof body === 'object' && body !== null && 'ok' in body) {
        if (body.ok === false && 'error' in body) throw apiErrorFromShape(body.error);
        if (body.ok === true && 'value' in body && typeof body.value === 'object' && body.value !== null && 'uploadId' in body.value) {
          const { uploadId } = body.value;
          if (typeof uploadId === 'string' && UPLOAD_ID.test(uploadId)) return { uploadId };
        }
      }
      throw new ApiError('internal', `The back end answered the upload with HTTP ${response.status} and no upload ID.`);
    },

    on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
      return stream.subscribe((name, payload) => {
        if (name !== event) return;
        const parsed = parseEventPayload(event, payload);
        if (parsed !== null) callback(parsed);
      });
    },
  };
}

/**
 * The event stream, opened while someone listens. EventSource cannot send an Authorization header,
 * so this reads `fetch`'s body stream, and reconnects with a doubling back-off when it drops.
 */
class EventStream {
  private readonly listeners = new Set<Listener>();
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private delayMs: number;

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    private readonly fetchImpl: typeof fetch,
    private readonly backoff: { initialMs: number; maxMs: number },
  ) {
    this.delayMs = backoff.initialMs;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.controller === null && this.retryTimer === null) this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private close(): void {
    this.controller?.abort();
    this.controller = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.delayMs = this.backoff.initialMs;
  }

  private connect(): void {
    const controller = new AbortController();
    this.controller = controller;
    void this.read(controller).then((retry) => {
      if (controller.signal.aborted || this.controller !== controller) return;
      this.controller = null;
      if (retry && this.listeners.size > 0) this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.backoff.maxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) this.connect();
    }, delay);
  }

  /** Reads the stream until it ends; resolves whether to try again. */
  private async read(controller: AbortController): Promise<boolean> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/events`, {
        headers: { ...this.headers, Accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch {
      return true;
    }
    // A refused token will not get better by retrying; other failures might.
    if (response.status === 401) return false;
    if (!response.ok || response.body === null) return true;

    this.delayMs = this.backoff.initialMs;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parse = createSseParser(({ event, data }) => {
      if (!isEventName(event)) return;
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) listener(event, payload);
    });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return true;
        parse(value);
      }
    } catch {
      return true;
    } finally {
      reader.releaseLock();
    }
  }
}
