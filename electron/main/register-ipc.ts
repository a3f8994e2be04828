/**
 * The IPC transport of the contract: one `ipcMain.handle` per contract channel, nothing else.
 *
 * Every call first checks who is asking: only the main frame of the app's own page may reach the
 * back end. A refused sender gets an `unavailable` envelope rather than an exception, so the reply
 * keeps the contract's shape (errors travel as data) and carries nothing else back to the caller.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, type Envelope } from '@shared/contract';
import type { Dispatch } from '@core/dispatch';
import { isAppPageUrl } from './app-page';

/** Judges an IPC message's sender (an invoke of a contract channel, or the preload's dropped-file report). */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>) => boolean;

/** The reply to a sender that is not the app's own page. */
export const REFUSED_SENDER_REPLY: Envelope<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'This page may not call the Agent Warden back end.' },
};

/** Whether an IPC sender's URL is the app's own page (see isAppPageUrl for what that means). */
export function isTrustedSenderUrl(url: string, appUrl: string): boolean {
  return isAppPageUrl(url, appUrl);
}

/** Trust the main frame of the app's own page, and nothing else (no subframes, no gone frames). */
export function createSenderCheck(appUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url, appUrl);
  };
}

/**
 * Registers one handler per contract channel and returns a function that removes them again.
 * Unknown channels are never registered, so the renderer cannot reach anything the contract does
 * not name; inputs are parsed by `dispatch` on this side.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        const from = event.senderFrame?.url ?? '(a frame that is gone)';
        console.warn(`Agent Warden: refused IPC call to ${channel} from ${from.slice(0, 200)}`);
        return REFUSED_SENDER_REPLY;
      }
      return dispatch(channel, input);
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}
