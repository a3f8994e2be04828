import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliBackend } from '../backend';
import { startLoopbackServer, type LoopbackServer } from '../loopback-server';
import type { Writer } from '../output';

/** The built renderer beside the built CLI (out/cli → out/renderer), or from a checkout run with tsx. */
export function findRendererDir(moduleDir: string): string | null {
  const candidates = [resolve(moduleDir, '../renderer'), resolve(moduleDir, '../../out/renderer')];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}

export async function serve(backend: CliBackend, io: Writer, port: number, moduleDir: string): Promise<LoopbackServer> {
  // Open the workspace before listening, so a bad file is reported instead of a half-working server.
  backend.workspaces.info();
  const staticDir = findRendererDir(moduleDir);
  if (staticDir === null) io.err('warden: the user interface is not built; run `npm run build` first (the API still works).\n');
  const server = await startLoopbackServer({ dispatch: backend.dispatch, events: backend.events, staticDir, port });
  io.out(`URL: ${server.url}\n`);
  io.err(`warden: serving workspace ${backend.workspaces.info().path} on 127.0.0.1:${server.port}; press Ctrl+C to stop.\n`);
  return server;
}
