/**
 * The tray (menu bar on macOS) icon: Open, Scan now, "Keep scanning when the window is closed" and
 * Quit. With that setting on, closing the last window leaves the app running in the tray, so the
 * connections' schedules keep running (core/schedules/); off, closing the window quits as before
 * (macOS keeps its usual Dock behaviour). The setting is this computer's, not the workspace's: a small
 * JSON file in userData, like the window's position.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';

export const BACKGROUND_PREFERENCE_FILE_NAME = 'background-scans.json';

/** The saved setting; off when there is none or it cannot be read. */
export function readKeepScanning(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['keepScanningWhenClosed'] === true;
  } catch {
    return false;
  }
}

/** Saved through a temporary file, so a crash never leaves half a file. Never throws. */
export function writeKeepScanning(file: string, keepScanningWhenClosed: boolean): void {
  const temporary = `${file}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify({ keepScanningWhenClosed })}\n`, 'utf8');
    renameSync(temporary, file);
  } catch (error) {
    console.warn(`Agent Warden: could not save the background-scanning setting: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface TrayActions {
  /** Shows the window (opens it again when it was closed). */
  open(): void;
  /** Scans every saved connection now (one already being scanned is left alone). */
  scanNow(): void;
  quit(): void;
  setKeepScanning(value: boolean): void;
}

export function buildTrayMenuTemplate(appName: string, keepScanning: boolean, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: `Open ${appName}`, click: () => actions.open() },
    { label: 'Scan now', click: () => actions.scanNow() },
    { type: 'separator' },
    { label: 'Keep scanning when the window is closed', type: 'checkbox', checked: keepScanning, click: (item) => actions.setKeepScanning(item.checked) },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export interface BackgroundTrayOptions extends Omit<TrayActions, 'setKeepScanning'> {
  appName: string;
  iconPath: string;
  preferenceFile: string;
}

export interface BackgroundTray {
  /** True when closing the last window should keep the app (and its schedules) running. */
  keepsRunning(): boolean;
  destroy(): void;
}

export function installBackgroundTray(options: BackgroundTrayOptions): BackgroundTray {
  let keepScanning = readKeepScanning(options.preferenceFile);
  // A tray icon is small: 16 px points (the OS scales for its density).
  const tray = new Tray(nativeImage.createFromPath(options.iconPath).resize({ width: 16, height: 16 }));
  tray.setToolTip(options.appName);
  const refresh = (): void => {
    tray.setContextMenu(
      Menu.buildFromTemplate(
        buildTrayMenuTemplate(options.appName, keepScanning, {
          open: options.open,
          scanNow: options.scanNow,
          quit: options.quit,
          setKeepScanning: (value) => {
            keepScanning = value;
            writeKeepScanning(options.preferenceFile, value);
            refresh();
          },
        }),
      ),
    );
  };
  refresh();
  // Windows and Linux: a click on the icon opens the window (macOS shows the menu).
  tray.on('click', () => options.open());
  return {
    keepsRunning: () => keepScanning,
    destroy: () => tray.destroy(),
  };
}
