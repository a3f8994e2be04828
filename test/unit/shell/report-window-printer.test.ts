import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { FakeBrowserWindow, FakeWebContents, resetElectronMock } from './electron-mock';
import { createReportWindowPrinter, printPageUrl } from '../../../electron/main/report-window-printer';

const page = { kind: 'app-protocol' as const, url: 'warden://app/index.html', rendererDir: '/x/out/renderer' };

describe('the desktop report printer', () => {
  beforeEach(() => resetElectronMock());

  it('prints the print page in a hidden, locked-down window once the page says it is drawn, then destroys it', async () => {
    FakeWebContents.scriptResults = ['', '', 'ready'];
    const printer = createReportWindowPrinter({ page, preload: '/x/out/preload/index.cjs', pollMs: 1 });
    const drawn = vi.fn();
    const pdf = await printer.print({ report: 'leadership', accountId: '111122223333', meetingId: null, paper: 'letter' }, { drawn });
    expect(Buffer.from(pdf).toString('latin1')).toBe('%PDF-1.4 fake');
    const [window] = FakeBrowserWindow.instances;
    if (window === undefined) throw new Error('no window was made');
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({ preload: '/x/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(window.loadURL).toHaveBeenCalledWith('warden://app/index.html#/print/leadership?paper=letter&account=111122223333');
    expect(window.webContents.executeJavaScript).toHaveBeenCalledTimes(3);
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
    // Said once the page is drawn, before printing (the print job's progress).
    expect(drawn).toHaveBeenCalledTimes(1);
    expect(drawn.mock.invocationCallOrder[0]).toBeLessThan(vi.mocked(window.webContents.printToPDF).mock.invocationCallOrder[0] ?? 0);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' } as never)).toEqual({ action: 'deny' });
    expect(window.destroy).toHaveBeenCalled();
  });

  it('stops with the page’s own message when it could not draw the report, and still destroys the window', async () => {
    FakeWebContents.scriptResults = ['error:No workspace is open.'];
    const printer = createReportWindowPrinter({ page, preload: '/p.cjs', pollMs: 1 });
    await expect(printer.print({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4' })).rejects.toThrow('No workspace is open.');
    expect(FakeBrowserWindow.instances[0]?.webContents.printToPDF).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances[0]?.destroy).toHaveBeenCalled();
  });

  it('gives up after its timeout when the page never gets ready', async () => {
    FakeWebContents.scriptResults = [''];
    const printer = createReportWindowPrinter({ page, preload: '/p.cjs', pollMs: 1, timeoutMs: 20 });
    await expect(printer.print({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4' })).rejects.toThrow(/did not finish drawing/);
    expect(FakeBrowserWindow.instances[0]?.destroy).toHaveBeenCalled();
  });

  it('puts the route in the page URL’s fragment, for the dev server too', () => {
    expect(printPageUrl('http://localhost:5173/', '/print/leadership?paper=a4')).toBe('http://localhost:5173/#/print/leadership?paper=a4');
  });
});
