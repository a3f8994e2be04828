/**
 * Native file dialogs for the back end (`workspace:open` and `workspace:saveCopy` with a null path).
 * Each resolves to the chosen path, or null when the user cancels.
 */
import { extname, join } from 'node:path';
import { app, dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { Dialogs } from '@core/services';

export const WORKSPACE_FILTERS: FileFilter[] = [
  { name: 'Agent Warden workspace', extensions: ['sqlite'] },
  { name: 'All files', extensions: ['*'] },
];

/** GTK save dialogs do not add the filter's extension: add `.sqlite` when the name has none. */
export function withWorkspaceExtension(filePath: string): string {
  return extname(filePath) === '' ? `${filePath}.sqlite` : filePath;
}

/** `getWindow` gives the window to attach the dialogs to (modal), or null for free-standing ones. */
export function createDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const parent = (): BrowserWindow | null => {
    const window = getWindow();
    return window !== null && !window.isDestroyed() ? window : null;
  };
  return {
    async pickWorkspaceToOpen() {
      const options: OpenDialogOptions = {
        title: 'Open workspace',
        buttonLabel: 'Open',
        filters: WORKSPACE_FILTERS,
        properties: ['openFile', 'promptToCreate', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const [chosen] = result.filePaths;
      return result.canceled || chosen === undefined ? null : chosen;
    },
    async pickImportFile(purpose) {
      const options: OpenDialogOptions = {
        title: purpose === 'authorization-details' ? 'Choose an authorization-details export (JSON)' : 'Choose a credential report (CSV or JSON)',
        buttonLabel: 'Choose',
        filters:
          purpose === 'authorization-details'
            ? [{ name: 'JSON', extensions: ['json', 'gz'] }, { name: 'All files', extensions: ['*'] }]
            : [{ name: 'Credential report', extensions: ['csv', 'json'] }, { name: 'All files', extensions: ['*'] }],
        properties: ['openFile', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const [chosen] = result.filePaths;
      return result.canceled || chosen === undefined ? null : chosen;
    },
    async pickCopyDestination(suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Save a copy of the workspace',
        buttonLabel: 'Save copy',
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: WORKSPACE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : withWorkspaceExtension(result.filePath);
    },
  };
}
