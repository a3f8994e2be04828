/**
 * A `ReportPrinter` that drives the machine's own Chrome or Chromium through playwright-core (no
 * browser is downloaded): `warden report`, `warden serve` and the tests. It loads the report's print
 * page from the loopback server that is already running, refuses every request to any other origin
 * (nothing is fetched from the network while printing), waits for the page to say it is drawn, and
 * prints with the page's own @page rules (size, margins, running header and footer).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AppError } from '../errors';
import { printRoute, type PrintHooks, type PrintRequest, type ReportPrinter } from './report-printer';

/** Names of the browser on PATH, most specific first. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome', 'microsoft-edge', 'msedge'];
/** Where browsers install outside PATH (macOS bundles, Windows program folders). */
function wellKnownPaths(env: NodeJS.ProcessEnv): string[] {
  const programFiles = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((dir): dir is string => dir !== undefined && dir !== '');
  return [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...programFiles.flatMap((dir) => [join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(dir, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]),
  ];
}

export const BROWSER_ENV = 'WARDEN_CHROME';

export const NO_BROWSER_MESSAGE =
  'No Chrome or Chromium was found to print the PDF. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS and Windows: Google Chrome), ' +
  `or name its program with the ${BROWSER_ENV} environment variable, e.g. ${BROWSER_ENV}=/usr/bin/chromium.`;

/**
 * The browser to print with: WARDEN_CHROME when set (an error when it names nothing), else the first
 * Chrome/Chromium on PATH, else a well-known install location; null when there is none.
 */
export function findBrowser(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): string | null {
  const named = env[BROWSER_ENV];
  if (named !== undefined && named !== '') {
    if (!exists(named)) throw new AppError('unavailable', `${BROWSER_ENV} names ${named}, which does not exist. ${NO_BROWSER_MESSAGE}`);
    return named;
  }
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
  const suffixes = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir, name + suffix);
        if (exists(candidate)) return candidate;
      }
    }
  }
  return wellKnownPaths(env).find((path) => exists(path)) ?? null;
}

export interface ChromiumPrinterOptions {
  executablePath: string;
  /** The app's page with its session token (`http://127.0.0.1:PORT/#token=…`): the print route is added to it. */
  appUrl: string;
  /** How long a page may take to draw (default 60 s). */
  timeoutMs?: number;
}

/** The app's URL with a route after its token fragment (`#token=…&/print/…`, as the renderer reads it). */
export function routeUrl(appUrl: string, route: string): string {
  const url = new URL(appUrl);
  const fragment = url.hash.replace(/^#/, '');
  url.hash = fragment === '' ? route : `${fragment}&${route}`;
  return url.href;
}

/** A page that has drawn a report, and the origin it came from (for fetching its own assets). */
interface ReadyPage {
  content(): Promise<string>;
  pdf(options: { preferCSSPageSize: boolean; printBackground: boolean; displayHeaderFooter: boolean }): Promise<Buffer>;
  fetchAsset(path: string): Promise<Buffer>;
}

/** Loads a report's print page in the browser, waits for it to say it is drawn, and hands it to `use`. */
async function withReadyPage<T>(options: ChromiumPrinterOptions, request: PrintRequest, use: (page: ReadyPage) => Promise<T>, hooks: PrintHooks = {}): Promise<T> {
  const origin = new URL(options.appUrl).origin;
  const timeout = options.timeoutMs ?? 60_000;
  // Loaded on first use: the desktop app and the other commands never pay for it.
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: options.executablePath, headless: true, args: ['--no-first-run', '--disable-extensions', '--disable-sync', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] });
  } catch (error) {
    throw new AppError('unavailable', `The browser at ${options.executablePath} could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. ${NO_BROWSER_MESSAGE}`);
  }
  try {
    const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', viewport: { width: 1000, height: 1400 }, offline: false });
    // Nothing leaves the machine: only the loopback server's own origin (and inline data) loads.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || new URL(url).origin === origin) await route.continue();
      else await route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    // What the page said went wrong, for the message when it never gets ready.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.goto(routeUrl(options.appUrl, printRoute(request)), { waitUntil: 'load', timeout });
    // Selectors, not evaluated code: the app's CSP allows no eval, and this file has no DOM types.
    try {
      await page.waitForSelector('html[data-report-ready], html[data-report-error]', { state: 'attached', timeout });
    } catch (error) {
      const said = problems.length === 0 ? '' : ` The page said: ${problems.slice(0, 3).join(' | ')}`;
      throw new AppError('internal', `The report page did not finish drawing within ${Math.round(timeout / 1000)} s.${said}`, { cause: error });
    }
    const failure = await page.getAttribute('html', 'data-report-error');
    if (failure !== null) throw new AppError('internal', `The report page could not be drawn: ${failure}`);
    hooks.drawn?.();
    return await use({
      content: () => page.content(),
      pdf: (pdfOptions) => page.pdf(pdfOptions),
      fetchAsset: async (path) => {
        // Only the app's own assets, by path on its own origin: never a URL the page names elsewhere.
        const response = await context.request.get(new URL(path, origin).href);
        if (!response.ok()) throw new AppError('internal', `The report page's asset ${path} could not be read (${response.status()}).`);
        return await response.body();
      },
    });
  } finally {
    await browser.close();
  }
}

const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";
const FONT_TYPES: Readonly<Record<string, string>> = { woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf', otf: 'font/otf' };

/**
 * The drawn page as one self-contained HTML file: no scripts (the page is already drawn; its charts are
 * SVG), every stylesheet of its own origin inlined, and every font in them as a data: URL. Anything
 * else that names a URL (a link or a stylesheet from elsewhere) is dropped, so the file opens offline
 * and fetches nothing.
 */
export async function selfContainedHtml(page: Pick<ReadyPage, 'content' | 'fetchAsset'>, origin: string): Promise<string> {
  let html = await page.content();
  html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  html = html.replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '');
  const links = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/gi)].map((match) => match[0]);
  for (const link of links) {
    const href = /href="([^"]+)"/.exec(link)?.[1]?.replaceAll('&amp;', '&');
    // Built with a relative base (`./assets/…`), or absolute on the loopback origin once Vite loads a chunk's CSS.
    const cssUrl = href === undefined ? null : new URL(href, `${origin}/`);
    if (cssUrl === null || cssUrl.origin !== origin) {
      html = html.replace(link, '');
      continue;
    }
    let css = (await page.fetchAsset(cssUrl.pathname)).toString('utf8');
    const fonts = [...new Set([...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((match) => match[1] ?? ''))];
    for (const url of fonts) {
      const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase() ?? '';
      const type = FONT_TYPES[extension];
      if (url.startsWith('data:')) continue;
      const absolute = new URL(url, cssUrl);
      const inline = type !== undefined && absolute.origin === origin ? `data:${type};base64,${(await page.fetchAsset(absolute.pathname)).toString('base64')}` : 'about:invalid';
      css = css.split(url).join(inline);
    }
    html = html.replace(link, () => `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`);
  }
  // The app's own favicon and any other link would be fetched: nothing but inline styles stays.
  html = html.replace(/<link\b[^>]*>/gi, '');
  // The app's CSP allows fonts from 'self' only, which refuses the inlined ones; the file's own policy
  // allows nothing but its inline styles and inline fonts and images (no script, no request at all).
  html = html.replace(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi, '');
  html = html.replace(/<head>/i, () => `<head><meta http-equiv="Content-Security-Policy" content="${FILE_CSP}">`);
  return html;
}

export function createChromiumPrinter(options: ChromiumPrinterOptions): ReportPrinter & { html(request: PrintRequest): Promise<string> } {
  return {
    print: (request, hooks) => withReadyPage(options, request, (page) => page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false }), hooks),
    html: (request) => withReadyPage(options, request, (page) => selfContainedHtml(page, new URL(options.appUrl).origin)),
  };
}
