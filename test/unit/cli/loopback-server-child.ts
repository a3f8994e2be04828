/**
 * The loopback server in a process of its own, for the fuzz test: an exception that escapes a request
 * handler ends this process, which the test sees (an in-process server would only see a rejected
 * promise or a vitest error). Prints `READY <port> <token>` on stdout once listening.
 *
 * argv[2]: the static folder. WARDEN_LOOPBACK_MODULE may name another copy of loopback-server.ts
 * (to show that the test fails on an earlier version).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDispatch, type Handlers } from '@core/dispatch';
import { EventHub } from '@core/events';
import { UploadStore } from '@core/discovery/scan/upload-store';
import type * as LoopbackModule from '../../../electron/cli/loopback-server';

const handlers = {
  'app:info': () => ({ name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' }),
  'connections:remove': ({ id }: { id: string }) => ({ removed: id === 'known' }),
} as unknown as Handlers;

async function main(): Promise<void> {
  const staticDir = process.argv[2];
  if (staticDir === undefined) throw new Error('usage: loopback-server-child STATIC_DIR');
  const modulePath = process.env['WARDEN_LOOPBACK_MODULE'] ?? '../../../electron/cli/loopback-server';
  const loopback = (await import(modulePath.startsWith('.') ? modulePath : resolve(modulePath))) as typeof LoopbackModule;
  const uploads = new UploadStore({ parent: mkdtempSync(join(tmpdir(), 'warden-fuzz-uploads-')) });
  const server = await loopback.startLoopbackServer({
    dispatch: createDispatch(handlers),
    events: new EventHub(),
    staticDir,
    port: 0,
    uploads,
    onInternalError: (error: unknown) => process.stderr.write(`INTERNAL ${error instanceof Error ? error.message : String(error)}\n`),
  });
  process.stdout.write(`READY ${server.port} ${server.token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
