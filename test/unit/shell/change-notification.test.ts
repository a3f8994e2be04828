import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeDigest } from '@shared/contract';
import { heldNotificationCount, scanPageUrl, showChangeDigest, showScanPage } from '../../../electron/main/change-notification';
import { FakeBrowserWindow, FakeNotification, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const digest: ChangeDigest = {
  jobId: 'job-1',
  title: '1 new shadow AI agent since the previous scan',
  body: 'prod (111100001111): 1 new shadow AI agent. New shadow AI: <b>x</b>\\u{202E}.',
  scanId: 'scan/1 #2',
  accounts: [{ accountId: '111100001111', accountAlias: 'prod', scanId: 'scan/1 #2', fromScanId: 'scan-0', counts: { newShadowAi: 1 } }],
};

const asWindow = (window: FakeBrowserWindow): BrowserWindow => window as unknown as BrowserWindow;

beforeEach(() => resetElectronMock());

describe('the change notification', () => {
  it('shows the digest’s title and body as plain text, nothing else; clicking it opens the scan once and lets it go', () => {
    const openScan = vi.fn();
    expect(showChangeDigest(digest, openScan)).not.toBeNull();
    const [notification] = FakeNotification.instances;
    expect(FakeNotification.instances).toHaveLength(1);
    expect(notification?.options).toEqual({ title: digest.title, body: digest.body });
    expect(notification?.show).toHaveBeenCalledOnce();
    expect(heldNotificationCount()).toBe(1);
    notification?.emit('click');
    expect(openScan).toHaveBeenCalledExactlyOnceWith('scan/1 #2');
    expect(heldNotificationCount()).toBe(0);
  });

  it('a closed notification is let go; none is made where the system has none', () => {
    showChangeDigest(digest, vi.fn());
    FakeNotification.instances[0]?.emit('close');
    expect(heldNotificationCount()).toBe(0);
    FakeNotification.supported = false;
    expect(showChangeDigest(digest, vi.fn())).toBeNull();
    expect(FakeNotification.instances).toHaveLength(1);
  });

  it('the scan’s route is a fragment of the app’s page, its ID encoded', () => {
    expect(scanPageUrl('warden://app/index.html', 'abc')).toBe('warden://app/index.html#/scans/abc');
    expect(scanPageUrl('warden://app/index.html#/inventory?x=1', 'scan/1 #2')).toBe('warden://app/index.html#/scans/scan%2F1%20%232');
  });

  it('opens the scan in the open window, brought forward', () => {
    const window = new FakeBrowserWindow();
    const focus = vi.fn();
    const open = vi.fn();
    showScanPage({ pageUrl: 'warden://app/index.html', current: () => asWindow(window), open, focus }, 'scan-9');
    expect(focus).toHaveBeenCalledExactlyOnceWith(window);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('warden://app/index.html#/scans/scan-9');
    expect(open).not.toHaveBeenCalled();
  });

  it('with no window (the tray is left), opens one and goes to the scan once its page has loaded', () => {
    const opened = new FakeBrowserWindow();
    const open = vi.fn(() => asWindow(opened));
    const closed = new FakeBrowserWindow();
    closed.destroyed = true;
    showScanPage({ pageUrl: 'warden://app/index.html', current: () => asWindow(closed), open, focus: vi.fn() }, 'scan-9');
    expect(open).toHaveBeenCalledOnce();
    expect(opened.loadURL).not.toHaveBeenCalled();
    opened.webContents.emit('did-finish-load');
    expect(opened.loadURL).toHaveBeenCalledExactlyOnceWith('warden://app/index.html#/scans/scan-9');
    expect(closed.loadURL).not.toHaveBeenCalled();
  });
});
