import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError, isAppError } from '@core/errors';
import { createChromiumPrinter, findBrowser } from '@core/reports/chromium-printer';
import { createBackendScheduler } from '@core/schedules/backend-scheduler';
import type { CliBackend } from '../backend';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server';
import { terminalSafeText, type Writer } from '../output';

/** The built renderer beside the built CLI (out/cli → out/renderer), or from a checkout run with tsx. */
export function findRendererDir(moduleDir: string): string | null {
  const candidates = [resolve(moduleDir, '../renderer'), resolve(moduleDir, '../../out/renderer')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

/** A started server; `announce` prints its URL (the line tests and scripts wait for) and what it serves. */
export interface ServingServer extends LoopbackServer {
  announce(): void;
}

/**
 * Starts the server; it is announced (its URL printed) only when the caller says so, after it has set up
 * what a client may trigger at once — the SIGTERM/SIGINT handlers first of all: a signal that arrives
 * before its handler exists kills the process outright (a test that stops the server as soon as it reads
 * the URL did exactly that on a loaded machine).
 */
export async function serve(backend: CliBackend, io: Writer, port: number, moduleDir: string, demo: boolean, env: NodeJS.ProcessEnv = process.env): Promise<ServingServer> {
  if (demo) {
    const opened = await backend.dispatch('demo:open', {});
    if (!opened.ok) throw new AppError('unavailable', `The demo company could not be loaded: ${opened.error.message}`);
  } else {
    // Open the workspace before listening, so a bad file is reported instead of a half-working server.
    backend.workspaces.info();
  }
  const staticDir = findRendererDir(moduleDir);
  if (staticDir === null) io.err('warden: the user interface is not built; run `npm run build` first (the API still works).\n');
  const server = await startLoopbackServer({
    dispatch: backend.dispatch,
    events: backend.events,
    staticDir,
    port,
    uploads: backend.uploads,
    // Answered with a 500 and kept running; the detail goes to the terminal, not to the client.
    onInternalError: (error) => io.err(`warden: internal error answering a request: ${terminalSafeText(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`),
  });
  // reports:print: this machine's Chromium prints the served print page (none: the UI says how else to print).
  let browser: string | null = null;
  try {
    browser = findBrowser(env);
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(`warden: ${terminalSafeText(error.message)}\n`);
  }
  if (browser !== null && staticDir !== null) backend.reportPrinter.current = createChromiumPrinter({ executablePath: browser, appUrl: server.url });
  backend.warmUp();
  // Scheduled scans run while the server is open (one-shot commands never start them).
  const scheduler = createBackendScheduler(backend, {
    emit: backend.events.emit,
    onError: (error) => io.err(`warden: scheduled scans: ${terminalSafeText(error instanceof Error ? error.message : String(error))}\n`),
  });
  const unsubscribe = backend.events.subscribe((event) => scheduler.notify(event));
  scheduler.start();
  const servedPath = backend.workspaces.info().path;
  return {
    announce: () => {
      io.out(`URL: ${server.url}\n`);
      io.err(`warden: serving workspace ${servedPath} on 127.0.0.1:${server.port}; press Ctrl+C to stop.\n`);
    },
    port: server.port,
    token: server.token,
    url: server.url,
    close: async () => {
      scheduler.stop();
      unsubscribe();
      await server.close();
    },
  };
}
