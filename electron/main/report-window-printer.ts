/**
 * The desktop app's `ReportPrinter`: a hidden window shows the report's print page (the app's own page
 * at `#/print/…`, with the same preload, so it reads the report over the same IPC) and
 * `webContents.printToPDF` prints it with the page's @page rules (size, margins, header and footer).
 * The window has the main window's security settings; the page's CSP refuses every other origin, so
 * nothing is fetched from the network while printing. Set on the back end by index.ts.
 */
import { BrowserWindow } from 'electron';
import { printRoute, type PrintHooks, type PrintRequest, type ReportPrinter } from '@core/reports/report-printer';
import type { AppPage } from './app-page';

export interface ReportWindowPrinterOptions {
  page: AppPage;
  /** The built preload script (`out/preload/index.cjs`). */
  preload: string;
  /** How long the page may take to draw (default 60 s). */
  timeoutMs?: number;
  /** Between looks at whether the page is drawn (default 100 ms). */
  pollMs?: number;
}

/** The app page's URL with a route as its fragment (the renderer routes by hash). */
export function printPageUrl(pageUrl: string, route: string): string {
  const url = new URL(pageUrl);
  url.hash = route;
  return url.href;
}

/** Asked of the page: '' while drawing, 'ready', or 'error:<message>' (print-app.tsx sets them on <html>). */
const READY_STATE =
  "(() => { const d = document.documentElement.dataset; return d.reportError !== undefined ? 'error:' + d.reportError : d.reportReady === 'true' ? 'ready' : ''; })()";

export function createReportWindowPrinter(options: ReportWindowPrinterOptions): ReportPrinter {
  const timeout = options.timeoutMs ?? 60_000;
  const poll = options.pollMs ?? 100;
  return {
    async print(request: PrintRequest, hooks?: PrintHooks): Promise<Uint8Array> {
      const window = new BrowserWindow({
        show: false,
        // Wide enough for the page's fixed 180 mm; printing lays it out on paper anyway.
        width: 1000,
        height: 1400,
        webPreferences: {
          preload: options.preload,
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          experimentalFeatures: false,
          navigateOnDragDrop: false,
          safeDialogs: true,
          disableBlinkFeatures: 'Auxclick',
          spellcheck: false,
        },
      });
      try {
        window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        await window.loadURL(printPageUrl(options.page.url, printRoute(request)));
        const deadline = Date.now() + timeout;
        for (;;) {
          const state = String(await window.webContents.executeJavaScript(READY_STATE));
          if (state === 'ready') break;
          if (state.startsWith('error:')) throw new Error(`The report page could not be drawn: ${state.slice('error:'.length)}`);
          if (Date.now() > deadline) throw new Error(`The report page did not finish drawing within ${Math.round(timeout / 1000)} s.`);
          await new Promise((resolve) => setTimeout(resolve, poll));
        }
        // The print job's progress: drawn, now printing.
        hooks?.drawn?.();
        const pdf = await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        window.destroy();
      }
    },
  };
}
