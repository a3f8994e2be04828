import type { IpcMainEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '@core/dispatch';
import type { Dialogs } from '@core/services';
import { createSenderCheck } from '../../../electron/main/register-ipc';
import {
  createVouchedPaths,
  guardPathInputs,
  isPlausibleLocalPath,
  REFUSED_COPY_PATH,
  REFUSED_IMPORT_PATH,
  REFUSED_WORKSPACE_PATH,
  registerDroppedFileIpc,
  vouchingDialogs,
  vouchingEmit,
  type VouchedPaths,
} from '../../../electron/main/vouched-paths';
import { DROPPED_FILE_IPC_CHANNEL } from '../../../electron/preload/bridge-protocol';
import { ipcMain, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const APP_URL = 'warden://app/index.html';
const appFrame = { url: `${APP_URL}#/import`, parent: null };
const UPLOAD_ID = '0b0c7e52-6a3e-4bd4-9d0b-6f7b2a7c3d11';

let vouched: VouchedPaths;
let dispatch: ReturnType<typeof vi.fn<Dispatch>>;
let guarded: Dispatch;

beforeEach(() => {
  resetElectronMock();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vouched = createVouchedPaths();
  dispatch = vi.fn<Dispatch>(() => Promise.resolve({ ok: true, value: 'reached the back end' }));
  guarded = guardPathInputs(dispatch, vouched);
});

function importOf(path: string, credentialReport: unknown = null): unknown {
  return { authorizationDetails: { kind: 'path', path }, credentialReport, accountId: null };
}

function dropped(path: unknown, frame: { url: string; parent: unknown } | null = appFrame): void {
  for (const listener of ipcMain.listeners.get(DROPPED_FILE_IPC_CHANNEL) ?? []) listener({ senderFrame: frame } as unknown as IpcMainEvent, path);
}

describe('guardPathInputs: paths the page invents are refused', () => {
  it.each([
    ['workspace:open', { path: '/home/me/.ssh/id_rsa' }, REFUSED_WORKSPACE_PATH],
    ['workspace:open', { path: '/tmp/planted.sqlite' }, REFUSED_WORKSPACE_PATH],
    ['workspace:saveCopy', { path: '/home/me/.bashrc' }, REFUSED_COPY_PATH],
    ['import:files', importOf('/home/me/.aws/credentials'), REFUSED_IMPORT_PATH],
    ['import:files', importOf('relative/export.json'), REFUSED_IMPORT_PATH],
  ])('%s %j', async (channel, input, message) => {
    await expect(guarded(channel, input)).resolves.toEqual({ ok: false, error: { code: 'invalid_input', message } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses an import whose second file was not vouched for, even when the first was', async () => {
    vouched.vouch('import', '/home/me/export.json');
    await expect(guarded('import:files', importOf('/home/me/export.json', { kind: 'path', path: '/etc/shadow' }))).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: REFUSED_IMPORT_PATH },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('keeps the purposes apart: a workspace path is not an import path, nor the other way round', async () => {
    vouched.vouch('workspace', '/home/me/team.sqlite');
    vouched.vouch('import', '/home/me/export.json');
    await expect(guarded('import:files', importOf('/home/me/team.sqlite'))).resolves.toMatchObject({ ok: false });
    await expect(guarded('workspace:open', { path: '/home/me/export.json' })).resolves.toMatchObject({ ok: false });
  });

  it('compares exact strings: a vouched path spelt differently is another path', async () => {
    vouched.vouch('import', '/home/me/export.json');
    for (const path of ['/home/me/./export.json', '/home/me/../me/export.json', '/home/me/export.json ', '/HOME/me/export.json']) {
      await expect(guarded('import:files', importOf(path))).resolves.toMatchObject({ ok: false });
    }
  });

  it('refuses a copy to any path the page names, even one vouched for as a workspace', async () => {
    vouched.vouch('workspace', '/home/me/team.sqlite');
    await expect(guarded('workspace:saveCopy', { path: '/home/me/team.sqlite' })).resolves.toMatchObject({ ok: false, error: { message: REFUSED_COPY_PATH } });
  });
});

describe('guardPathInputs: what it lets through', () => {
  it.each([
    ['workspace:open with no path (the shell shows its Open dialog)', 'workspace:open', { path: null }],
    ['workspace:open with no input at all', 'workspace:open', undefined],
    ['workspace:saveCopy with no path (the shell shows its Save dialog)', 'workspace:saveCopy', {}],
    ['an upload (browser transport shape, no path)', 'import:files', { authorizationDetails: { kind: 'upload', uploadId: UPLOAD_ID } }],
    ['a channel that takes no path', 'connections:list', {}],
    ['an input that does not parse (dispatch refuses it itself)', 'workspace:open', { path: 42 }],
    ['an unknown channel (dispatch refuses it itself)', 'shell:exec', { path: '/etc/passwd' }],
  ])('%s', async (_what, channel, input) => {
    await expect(guarded(channel, input)).resolves.toEqual({ ok: true, value: 'reached the back end' });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith(channel, input);
  });

  it('a workspace chosen in the Open dialog may be opened again by path', async () => {
    const dialogs = vouchingDialogs(fakeDialogs({ workspace: '/home/me/team.sqlite' }), vouched);
    await expect(dialogs.pickWorkspaceToOpen()).resolves.toBe('/home/me/team.sqlite');
    await expect(guarded('workspace:open', { path: '/home/me/team.sqlite' })).resolves.toMatchObject({ ok: true });
  });

  it('a workspace the back end opened (the demo banner goes back to it) may be opened again by path', async () => {
    const emit = vi.fn();
    vouchingEmit(emit, vouched)('workspace:changed', { path: '/home/me/previous.sqlite' });
    expect(emit).toHaveBeenCalledExactlyOnceWith('workspace:changed', { path: '/home/me/previous.sqlite' });
    await expect(guarded('workspace:open', { path: '/home/me/previous.sqlite' })).resolves.toMatchObject({ ok: true });
  });

  it('a file chosen with “Choose file…” may be imported', async () => {
    const dialogs = vouchingDialogs(fakeDialogs({ import: '/home/me/gaad.json' }), vouched);
    await expect(dialogs.pickImportFile('authorization-details')).resolves.toBe('/home/me/gaad.json');
    await expect(guarded('import:files', importOf('/home/me/gaad.json'))).resolves.toMatchObject({ ok: true });
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it('a file dropped on the page (reported by the preload) may be imported', async () => {
    registerDroppedFileIpc(ipcMain, vouched, createSenderCheck(APP_URL));
    dropped('/home/me/dropped.json');
    await expect(guarded('import:files', importOf('/home/me/dropped.json'))).resolves.toMatchObject({ ok: true });
  });

  it('a cancelled dialog vouches for nothing; a copy destination is never vouched for', async () => {
    const dialogs = vouchingDialogs(fakeDialogs({ copy: '/home/me/copy.sqlite' }), vouched);
    await expect(dialogs.pickWorkspaceToOpen()).resolves.toBeNull();
    await expect(dialogs.pickImportFile('credential-report')).resolves.toBeNull();
    await expect(dialogs.pickCopyDestination('copy.sqlite')).resolves.toBe('/home/me/copy.sqlite');
    expect(vouched.has('workspace', '/home/me/copy.sqlite')).toBe(false);
    expect(vouched.has('import', '/home/me/copy.sqlite')).toBe(false);
  });
});

describe('the dropped-file report', () => {
  beforeEach(() => {
    registerDroppedFileIpc(ipcMain, vouched, createSenderCheck(APP_URL));
  });

  it.each([
    ['another page', { url: 'https://example.com/', parent: null }],
    ['a subframe of the app page', { url: APP_URL, parent: appFrame }],
    ['the built page from file://', { url: 'file:///opt/app/out/renderer/index.html', parent: null }],
    ['a frame that is gone', null],
  ])('is ignored from %s', (_what, frame) => {
    dropped('/home/me/.aws/credentials', frame);
    expect(vouched.has('import', '/home/me/.aws/credentials')).toBe(false);
  });

  it.each([['a relative path', 'export.json'], ['an empty path', ''], ['a NUL', '/home/me/x\0.json'], ['a huge path', `/${'a'.repeat(5000)}`]])('ignores %s', (_what, path) => {
    dropped(path);
    expect(vouched.has('import', path)).toBe(false);
  });

  it('ignores what is not a string', () => {
    const vouch = vi.spyOn(vouched, 'vouch');
    for (const path of [42, { path: '/etc/passwd' }, ['/etc/passwd'], null, undefined]) dropped(path);
    expect(vouch).not.toHaveBeenCalled();
  });

  it('is removed again by the returned function', () => {
    ipcMain.listeners.clear();
    const unregister = registerDroppedFileIpc(ipcMain, vouched, createSenderCheck(APP_URL));
    unregister();
    dropped('/home/me/dropped.json');
    expect(vouched.has('import', '/home/me/dropped.json')).toBe(false);
  });
});

describe('createVouchedPaths', () => {
  it('keeps at most its limit per purpose, forgetting the oldest first', () => {
    const small = createVouchedPaths(2);
    small.vouch('import', '/a');
    small.vouch('import', '/b');
    small.vouch('import', '/a');
    small.vouch('import', '/c');
    expect([small.has('import', '/a'), small.has('import', '/b'), small.has('import', '/c')]).toEqual([true, false, true]);
  });

  it('isPlausibleLocalPath takes only absolute paths', () => {
    expect(isPlausibleLocalPath('/home/me/x.json')).toBe(true);
    expect(isPlausibleLocalPath('x.json')).toBe(false);
    expect(isPlausibleLocalPath(null)).toBe(false);
  });
});

function fakeDialogs(chosen: { workspace?: string; import?: string; copy?: string }): Dialogs {
  return {
    pickWorkspaceToOpen: () => Promise.resolve(chosen.workspace ?? null),
    pickImportFile: () => Promise.resolve(chosen.import ?? null),
    pickCopyDestination: () => Promise.resolve(chosen.copy ?? null),
  };
}
