/**
 * Where the CLI keeps the workspace when no `--workspace` is given: the OS's per-user app-data folder,
 * the same place Electron's `app.getPath('userData')` points to for the desktop app.
 */
import { posix, win32 } from 'node:path';

/** The folder name under the app-data folder (Electron derives `userData` from productName). */
export const APP_DATA_FOLDER_NAME = 'Agent Warden';
export const WORKSPACE_FILE_NAME = 'workspace.sqlite';
/** The built-in demo company's one workspace file, beside the user's own (demo/demo-file.ts). */
export const DEMO_WORKSPACE_FILE_NAME = 'demo.sqlite';

export interface DefaultLocationInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value : null;
}

/** The per-user app-data folder: `%APPDATA%`, `~/Library/Application Support` or `$XDG_CONFIG_HOME` / `~/.config`. */
export function appDataFolder({ env, platform, homedir }: DefaultLocationInput): string {
  if (platform === 'win32') {
    return nonEmpty(env['APPDATA']) ?? win32.join(homedir, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') {
    return posix.join(homedir, 'Library', 'Application Support');
  }
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env['XDG_CONFIG_HOME']);
  return xdg !== null && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.config');
}

/** `<app-data>/Agent Warden/workspace.sqlite`; pure, so each platform is tested on any machine. */
export function defaultWorkspacePath(input: DefaultLocationInput): string {
  const paths = input.platform === 'win32' ? win32 : posix;
  return paths.join(appDataFolder(input), APP_DATA_FOLDER_NAME, WORKSPACE_FILE_NAME);
}

/** `<app-data>/Agent Warden/demo.sqlite`: the demo the app shows, and `warden … --workspace demo`. */
export function defaultDemoWorkspacePath(input: DefaultLocationInput): string {
  const paths = input.platform === 'win32' ? win32 : posix;
  return paths.join(appDataFolder(input), APP_DATA_FOLDER_NAME, DEMO_WORKSPACE_FILE_NAME);
}
