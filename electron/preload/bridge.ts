/**
 * The bridge the preload exposes to the page: `invoke` for contract channels and `on` for contract
 * events, nothing else. The page never sees `ipcRenderer`, an IPC event or any Node object, and a
 * name outside the contract never reaches the main process.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Bridge, Envelope } from '@shared/contract';
import { BRIDGE_CHANNELS, BRIDGE_EVENTS, DROPPED_FILE_IPC_CHANNEL, EVENT_IPC_CHANNEL } from './bridge-protocol';

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'send'>;

/** Electron's `webUtils.getPathForFile`: the path of a file the user dropped on the page. */
export type PathForFile = (file: never) => string;

function describe(name: unknown): string {
  return JSON.stringify(String(name).slice(0, 100));
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createBridge(ipc: BridgeIpc, getPathForFile?: PathForFile): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // One IPC listener for all subscriptions; each event goes to the callbacks of its own name.
  ipc.on(EVENT_IPC_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name !== 'string' || !BRIDGE_EVENTS.has(name)) return;
    for (const callback of [...(listeners.get(name) ?? [])]) {
      try {
        callback(payload);
      } catch (error) {
        console.error(`Agent Warden: a listener for ${name} failed`, error);
      }
    }
  });

  return {
    pathForFile(file: unknown): string | null {
      // Only a real dropped File has a path; anything else (or a file made in the page) has none.
      if (getPathForFile === undefined || typeof File === 'undefined' || !(file instanceof File)) return null;
      let path: string;
      try {
        path = getPathForFile(file as never);
      } catch {
        return null;
      }
      if (path === '') return null;
      // The shell imports only paths it vouched for: this real dropped file is one. Sent before the
      // page can use the path, and IPC messages from one frame arrive in order, so the main process
      // knows it before the import:files call that carries it.
      try {
        ipc.send(DROPPED_FILE_IPC_CHANNEL, path);
      } catch {
        // The main process is gone: the import will fail on its own.
      }
      return path;
    },

    async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
      if (typeof channel !== 'string' || !BRIDGE_CHANNELS.has(channel)) {
        return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${describe(channel)}.` } };
      }
      try {
        const reply: unknown = await ipc.invoke(channel, input);
        return isEnvelope(reply) ? reply : { ok: false, error: { code: 'internal', message: `The back end sent a malformed reply for ${channel}.` } };
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `The back end could not be reached (${error instanceof Error ? error.message : String(error)}).` } };
      }
    },

    on(event: string, callback: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !BRIDGE_EVENTS.has(event)) {
        throw new TypeError(`Unknown event ${describe(event)}.`);
      }
      if (typeof callback !== 'function') {
        throw new TypeError('The event callback must be a function.');
      }
      let callbacks = listeners.get(event);
      if (callbacks === undefined) {
        callbacks = new Set();
        listeners.set(event, callbacks);
      }
      // A wrapper per subscription, so subscribing the same callback twice needs two unsubscribes.
      const subscription = (payload: unknown): void => callback(payload);
      callbacks.add(subscription);
      return () => {
        callbacks.delete(subscription);
      };
    },
  };
}
