import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createDialogs, withWorkspaceExtension } from '../../../electron/main/dialogs';
import { dialog, FakeBrowserWindow, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

beforeEach(() => {
  resetElectronMock();
});

describe('dialogs', () => {
  it('returns null when the user cancels', async () => {
    const dialogs = createDialogs(() => null);
    await expect(dialogs.pickWorkspaceToOpen()).resolves.toBeNull();
    await expect(dialogs.pickCopyDestination('copy.sqlite')).resolves.toBeNull();
  });

  it('returns the chosen file, asked modally over the window with .sqlite filters', async () => {
    const window = new FakeBrowserWindow();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/me/team.sqlite'] });
    const dialogs = createDialogs(() => window as unknown as BrowserWindow);
    await expect(dialogs.pickWorkspaceToOpen()).resolves.toBe('/home/me/team.sqlite');
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [unknown, OpenDialogOptions];
    expect(parent).toBe(window);
    expect(options.filters?.[0]).toEqual({ name: 'Agent Warden workspace', extensions: ['sqlite'] });
  });

  it('suggests the name in Documents and adds .sqlite when the user typed none', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/me/backup' });
    const dialogs = createDialogs(() => null);
    await expect(dialogs.pickCopyDestination('workspace-copy.sqlite')).resolves.toBe('/home/me/backup.sqlite');
    const [options] = dialog.showSaveDialog.mock.calls[0] as [SaveDialogOptions];
    expect(options.defaultPath).toBe('/fake/documents/workspace-copy.sqlite');
  });

  it('does not attach to a destroyed window', async () => {
    const window = new FakeBrowserWindow();
    window.destroyed = true;
    await createDialogs(() => window as unknown as BrowserWindow).pickWorkspaceToOpen();
    expect(dialog.showOpenDialog.mock.calls[0]?.[0]).not.toBe(window);
  });

  it.each([
    ['/a/b', '/a/b.sqlite'],
    ['/a/b.sqlite', '/a/b.sqlite'],
    ['/a/b.db', '/a/b.db'],
    ['/a.d/b', '/a.d/b.sqlite'],
  ])('withWorkspaceExtension(%j) is %j', (input, expected) => {
    expect(withWorkspaceExtension(input)).toBe(expected);
  });
});
