import type { Api } from '../../../shared/contract';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';
import { createSessionState, type SessionState } from './session-state';
import { forgetSessionToken, takeSessionToken } from './session-token';

export type ApiSetup =
  | { ok: true; api: Api; transport: 'ipc' | 'http'; session: SessionState }
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
    return { ok: true, api: createIpcClient(win.wardenBridge), transport: 'ipc', session: createSessionState() };
  }
  const storage = sessionStorageOrNull(win);
  const token = takeSessionToken({ location: win.location, history: win.history, storage });
  if (token === null) return { ok: false, reason: 'missing_token' };
  const session = createSessionState();
  const api = createHttpClient({
    baseUrl: win.location.origin,
    token,
    onUnauthorized: () => {
      forgetSessionToken(storage);
      session.markRefused();
    },
  });
  return { ok: true, api, transport: 'http', session };
}
