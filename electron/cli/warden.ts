#!/usr/bin/env node
/** The `warden` command: scripted access to the same core as the desktop app. */
import { parseArgs } from 'node:util';
import { isAppError } from '../core/errors';
import { createCliBackend, resolveWorkspacePath, type CliBackend } from './backend';
import { connectionsList, connectionsTest } from './commands/connections';
import { serve } from './commands/serve';
import { EXIT, type ExitCode } from './exit-codes';
import { processWriter, terminalSafe, type Writer } from './output';
import { USAGE } from './usage';
import { APP_VERSION } from './version';

const OPTIONS = {
  workspace: { type: 'string' },
  json: { type: 'boolean', default: false },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${value}".`);
  return port;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  io: Writer;
  /** Folder of the running module, to find the built renderer. */
  moduleDir: string;
  /** Called by `serve` with a function that stops it; the process entry waits for a signal. */
  onServing?: (stop: () => Promise<void>) => void;
}

export async function runWarden(argv: string[], options: RunOptions): Promise<ExitCode> {
  const { io, env } = options;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`warden: ${error instanceof Error ? error.message : String(error)}\nRun \`warden --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (values.help || positionals.length === 0) {
    io.out(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }

  let backend: CliBackend | undefined;
  const open = (transport: 'http' | 'ipc'): CliBackend => {
    backend = createCliBackend({ workspacePath: resolveWorkspacePath(values.workspace, env), env, transport });
    return backend;
  };
  try {
    const [command, sub, ...rest] = positionals;
    switch (command) {
      case 'serve': {
        if (sub !== undefined) throw new UsageError('serve takes no arguments.');
        const port = parsePort(values.port);
        const server = await serve(open('http'), io, port, options.moduleDir);
        const running = backend;
        backend = undefined; // the server owns it now
        options.onServing?.(async () => {
          await server.close();
          running?.close();
        });
        return EXIT.ok;
      }
      case 'connections': {
        if (sub === 'list' && rest.length === 0) return await connectionsList(open('http').dispatch, io, values.json);
        if (sub === 'test' && rest.length === 1 && rest[0] !== undefined) return await connectionsTest(open('http').dispatch, io, rest[0], values.json);
        throw new UsageError('usage: warden connections list [--json] | warden connections test NAME [--json]');
      }
      default:
        throw new UsageError(`unknown command "${terminalSafe(command ?? '')}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`warden: ${error.message}\nRun \`warden --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (isAppError(error)) {
      io.err(`warden: ${terminalSafe(error.message)}\n`);
      return EXIT.failure;
    }
    throw error;
  } finally {
    backend?.close();
  }
}

export function main(): void {
  runWarden(process.argv.slice(2), {
    env: process.env,
    io: processWriter,
    moduleDir: __dirname,
    onServing: (stop) => {
      const shutdown = (): void => {
        stop().then(
          () => process.exit(EXIT.ok),
          () => process.exit(EXIT.failure),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`warden: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}

if (require.main === module) main();
