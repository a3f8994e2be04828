/**
 * The desktop app's notification of what a scan or import changed (the back end's `changes:digest`,
 * one per job: core/notifications/). Text only, as the back end wrote it (names already made visible):
 * no actions, no HTML, no images. Clicking it brings the window forward (opening it again when only the
 * tray is left) on the scan's page, whose What changed panel lists every change.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { ChangeDigest } from '@shared/contract';

/** The app's own page at a scan's route (`#/scans/<id>`): a fragment of the page it already shows. */
export function scanPageUrl(pageUrl: string, scanId: string): string {
  const [base = pageUrl] = pageUrl.split('#');
  return `${base}#/scans/${encodeURIComponent(scanId)}`;
}

export interface ScanPageWindow {
  /** The app's page URL (app-page.ts). */
  pageUrl: string;
  /** The open window, if any. */
  current(): BrowserWindow | null;
  /** Opens the window (it loads the app's page). */
  open(): BrowserWindow;
  focus(window: BrowserWindow): void;
}

/** Shows the scan's page: in the open window at once, or in a new one once its page has loaded. */
export function showScanPage(windows: ScanPageWindow, scanId: string): void {
  const target = scanPageUrl(windows.pageUrl, scanId);
  const go = (window: BrowserWindow): void => {
    // Same page, another fragment: the router moves there without reloading the app.
    window.loadURL(target).catch((error: unknown) => console.warn(`Agent Warden: could not open the scan's page: ${error instanceof Error ? error.message : String(error)}`));
  };
  const current = windows.current();
  if (current !== null && !current.isDestroyed()) {
    windows.focus(current);
    go(current);
    return;
  }
  const opened = windows.open();
  // Loading another URL before the first load ends would abort it: wait for the page first.
  opened.webContents.once('did-finish-load', () => go(opened));
}

/**
 * Shown notifications, held until closed or clicked: a notification the garbage collector takes loses
 * its click handler (Electron's documented caveat on macOS and Windows).
 */
const shown = new Set<Notification>();

/** Shows the digest; null when this system shows no notifications. */
export function showChangeDigest(digest: ChangeDigest, openScan: (scanId: string) => void): Notification | null {
  if (!Notification.isSupported()) return null;
  const notification = new Notification({ title: digest.title, body: digest.body });
  const release = (): void => {
    shown.delete(notification);
  };
  notification.on('click', () => {
    release();
    openScan(digest.scanId);
  });
  notification.on('close', release);
  shown.add(notification);
  notification.show();
  return notification;
}

/** How many notifications are held (for the tests). */
export function heldNotificationCount(): number {
  return shown.size;
}
