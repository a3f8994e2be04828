/**
 * Paths the shell vouches for: the desktop app never opens, imports or writes a filesystem path that
 * the page merely names.
 *
 * The page shows attacker-controllable text from AWS; should an injection ever run script in it, it
 * could call the bridge with any path (`workspace:open` on a file elsewhere, an import of
 * `~/.aws/credentials`, a copy written over a file of the user's). So in the desktop app a path
 * reaches the back end only when the shell itself produced it:
 * - chosen by the user in the shell's own dialogs (Open workspace, Choose file…);
 * - a file the user dropped on the page: the preload reads its path with `webUtils.getPathForFile`
 *   (which has no path for a File the page makes itself) and tells the main process on a channel
 *   of its own that the page cannot reach (context isolation keeps `ipcRenderer` out of it);
 * - a workspace the back end has had open this session (the demo banner's "Open my workspace").
 * `workspace:saveCopy` takes no path from the page at all: the copy goes where the Save dialog says.
 *
 * A refused call answers `invalid_input` with what to do instead. Browser mode (`warden serve`)
 * keeps its own rules (typed paths, uploads); this guard sits in the IPC transport only.
 */
import { isAbsolute } from 'node:path';
import type { IpcMainEvent } from 'electron';
import { channels, type ChannelParsedInput, type EventName, type EventPayload } from '@shared/contract';
import type { Dispatch } from '@core/dispatch';
import type { Dialogs } from '@core/services';
import { DROPPED_FILE_IPC_CHANNEL } from '../preload/bridge-protocol';

export type VouchPurpose = 'workspace' | 'import';

/** Bounds the memory a (compromised) page could make the set take by dropping files forever. */
const MAX_VOUCHED_PER_PURPOSE = 1000;
const MAX_PATH_LENGTH = 4096;

export interface VouchedPaths {
  vouch(purpose: VouchPurpose, path: string): void;
  has(purpose: VouchPurpose, path: string): boolean;
}

/** Exact strings, per purpose: a path vouched for opening as a workspace is not one to import, and back. */
export function createVouchedPaths(limit = MAX_VOUCHED_PER_PURPOSE): VouchedPaths {
  const sets: Record<VouchPurpose, Set<string>> = { workspace: new Set(), import: new Set() };
  return {
    vouch(purpose, path) {
      const set = sets[purpose];
      set.delete(path);
      set.add(path);
      // Oldest first out (a Set iterates in insertion order).
      while (set.size > limit) {
        const oldest = set.values().next();
        if (oldest.done === true) break;
        set.delete(oldest.value);
      }
    },
    has(purpose, path) {
      return sets[purpose].has(path);
    },
  };
}

/** A path the preload may vouch for: a non-empty absolute path of sane length without NUL. */
export function isPlausibleLocalPath(path: unknown): path is string {
  return typeof path === 'string' && path.length > 0 && path.length <= MAX_PATH_LENGTH && !path.includes('\0') && isAbsolute(path);
}

export const REFUSED_WORKSPACE_PATH =
  'The desktop app opens only a workspace you choose in its Open dialog (Settings → Open another workspace…), not a path named by the page.';
export const REFUSED_COPY_PATH = 'The desktop app saves a copy only where you choose in its Save dialog (Settings → Save a copy…), not at a path named by the page.';
export const REFUSED_IMPORT_PATH =
  'The desktop app imports only a file you chose with “Choose file…” or dropped on the page, not a path named by the page. Choose the file again.';

type ParsedFileRef = ChannelParsedInput<'import:files'>['authorizationDetails'];

function importRefused(ref: ParsedFileRef | null, vouched: VouchedPaths): boolean {
  return ref !== null && ref.kind === 'path' && !vouched.has('import', ref.path);
}

/** Why a parsed call of a path-taking channel is refused, or null when every path in it is vouched for. */
export function refusePathInput(channel: string, input: unknown, vouched: VouchedPaths): string | null {
  switch (channel) {
    case 'workspace:open': {
      const { path } = input as ChannelParsedInput<'workspace:open'>;
      return path !== null && !vouched.has('workspace', path) ? REFUSED_WORKSPACE_PATH : null;
    }
    case 'workspace:saveCopy': {
      const { path } = input as ChannelParsedInput<'workspace:saveCopy'>;
      return path !== null ? REFUSED_COPY_PATH : null;
    }
    case 'import:files': {
      const request = input as ChannelParsedInput<'import:files'>;
      return importRefused(request.authorizationDetails, vouched) || importRefused(request.credentialReport, vouched) ? REFUSED_IMPORT_PATH : null;
    }
    default:
      return null;
  }
}

const PATH_CHANNELS: ReadonlySet<string> = new Set(['workspace:open', 'workspace:saveCopy', 'import:files']);

/**
 * The dispatch the IPC transport uses: path-taking channels are checked first. The input is parsed
 * with the contract's own schema, exactly as dispatch will parse it, so the guard judges the very
 * values the handler gets; an input that does not parse is left to dispatch to refuse.
 */
export function guardPathInputs(dispatch: Dispatch, vouched: VouchedPaths): Dispatch {
  return async (channel, input) => {
    if (PATH_CHANNELS.has(channel)) {
      const spec = channels[channel as 'workspace:open' | 'workspace:saveCopy' | 'import:files'];
      const parsed = spec.input.safeParse(input ?? {});
      if (parsed.success) {
        const refusal = refusePathInput(channel, parsed.data, vouched);
        if (refusal !== null) {
          console.warn(`Agent Warden: refused ${channel}: a path the shell did not vouch for.`);
          return { ok: false, error: { code: 'invalid_input', message: refusal } };
        }
      }
    }
    return dispatch(channel, input);
  };
}

/** The shell's dialogs, vouching for what the user chooses in them. */
export function vouchingDialogs(dialogs: Dialogs, vouched: VouchedPaths): Dialogs {
  return {
    async pickWorkspaceToOpen() {
      const path = await dialogs.pickWorkspaceToOpen();
      if (path !== null) vouched.vouch('workspace', path);
      return path;
    },
    async pickImportFile(purpose) {
      const path = await dialogs.pickImportFile(purpose);
      if (path !== null) vouched.vouch('import', path);
      return path;
    },
    // The destination is written by the back end straight away, never named by the page later.
    pickCopyDestination: (suggestedName) => dialogs.pickCopyDestination(suggestedName),
  };
}

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Back-end events, vouching for every workspace the back end opens (so the page may go back to it). */
export function vouchingEmit(emit: Emit, vouched: VouchedPaths): Emit {
  return (event, payload) => {
    if (event === 'workspace:changed') vouched.vouch('workspace', (payload as EventPayload<'workspace:changed'>).path);
    emit(event, payload);
  };
}

/**
 * The preload's report of a dropped file. Only the app's own page may send it (the same sender check
 * as the contract's channels), and only a plausible absolute path is taken.
 */
type DroppedFileListener = (event: IpcMainEvent, path: unknown) => void;

/** The part of `ipcMain` the report needs. */
export interface MessageIpc {
  on(channel: string, listener: DroppedFileListener): unknown;
  removeListener(channel: string, listener: DroppedFileListener): unknown;
}

export function registerDroppedFileIpc(
  ipcMain: MessageIpc,
  vouched: VouchedPaths,
  isTrustedSender: (event: Pick<IpcMainEvent, 'senderFrame'>) => boolean,
): () => void {
  const listener: DroppedFileListener = (event, path) => {
    if (!isTrustedSender(event)) {
      console.warn(`Agent Warden: refused a dropped-file report from ${(event.senderFrame?.url ?? '(a frame that is gone)').slice(0, 200)}`);
      return;
    }
    if (!isPlausibleLocalPath(path)) return;
    vouched.vouch('import', path);
  };
  ipcMain.on(DROPPED_FILE_IPC_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(DROPPED_FILE_IPC_CHANNEL, listener);
  };
}
