import { pathFileRef, uploadFileRef } from './file-ref';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';
import type { RendererApi } from './renderer-api';
import { createSessionState, type SessionState } from './session-state';
import { forgetSessionToken, takeSessionToken } from './session-token';

export type ApiSetup =
  | { ok: true; api: RendererApi; transport: 'ipc' | 'http'; session: SessionState }
  | { ok: false; reason: 'missing_token' };

function sessionStorageOrNull(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

/** Pick the transport at start-up: the desktop preload's bridge if present, else loopback HTTP. */
export function createApi(win: Window): ApiSetup {
  if (win.wardenBridge !== undefined) {
    const bridge = win.wardenBridge;
    const api: RendererApi = { ...createIpcClient(bridge), fileRef: pathFileRef(bridge) };
    return { ok: true, api, transport: 'ipc', session: createSessionState() };
  }
  const storage = sessionStorageOrNull(win);
  const token = takeSessionToken({ location: win.location, history: win.history, storage });
  if (token === null) return { ok: false, reason: 'missing_token' };
  const session = createSessionState();
  const client = createHttpClient({
    baseUrl: win.location.origin,
    token,
    onUnauthorized: () => {
      forgetSessionToken(storage);
      session.markRefused();
    },
  });
  const api: RendererApi = { ...client, fileRef: uploadFileRef(client) };
  return { ok: true, api, transport: 'http', session };
}
