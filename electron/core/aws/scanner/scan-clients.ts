/**
 * Builds the SDK clients of one scan. Every client gets the same middleware, in one place:
 * the read-only allowlist (anything else is refused before it is signed or sent), cancellation
 * (no new call after Cancel; in-flight requests are torn down by destroying the clients), a bound on
 * concurrent requests per service, and call accounting per IAM action.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsClientConfig } from '../client-config';
import type { SdkClient, SdkClientConstructor } from './collector';
import { findAllowedOperation, ReadOnlyViolationError } from './read-only-allowlist';
import { Semaphore } from './semaphore';

export interface ScanClientFactoryOptions {
  /** Client configuration (credentials, endpoint, retries) for a service in a region. */
  configFor(serviceId: string, region: string): AwsClientConfig;
  signal: AbortSignal;
  concurrencyPerService: number;
}

/** Calls made within one collector task, found through the async context of each call. */
export interface TaskCallCounter {
  calls: number;
}

const taskCounters = new AsyncLocalStorage<TaskCallCounter>();

/** Runs a collector task so that every AWS call it makes (however deep) is counted on `counter`. */
export function runCountingCalls<T>(counter: TaskCallCounter, fn: () => Promise<T>): Promise<T> {
  return taskCounters.run(counter, fn);
}

export interface ScanClientFactory {
  /** One client per (class, region), created on first use. */
  get<C extends SdkClient>(Client: SdkClientConstructor<C>, serviceId: string, region: string): C;
  /** Calls per IAM action so far, for the scan record. */
  calls(): Record<string, number>;
  /** Destroys every client (closes sockets, so in-flight requests fail fast). */
  destroyAll(): void;
}

interface HandlerContext {
  clientName?: string;
  commandName?: string;
}

type Next = (args: unknown) => Promise<unknown>;

export class ScanAbortedError extends Error {
  constructor() {
    super('The scan was cancelled.');
    this.name = 'AbortError';
  }
}

export function createScanClientFactory(options: ScanClientFactoryOptions): ScanClientFactory {
  const clients = new Map<string, SdkClient>();
  const semaphores = new Map<string, Semaphore>();
  const counts = new Map<string, number>();
  const { signal } = options;

  signal.addEventListener('abort', () => destroyAll(), { once: true });

  function destroyAll(): void {
    for (const client of clients.values()) {
      try {
        client.destroy();
      } catch {
        // Already torn down.
      }
    }
  }

  function semaphoreFor(clientName: string): Semaphore {
    let semaphore = semaphores.get(clientName);
    if (semaphore === undefined) {
      semaphore = new Semaphore(options.concurrencyPerService);
      semaphores.set(clientName, semaphore);
    }
    return semaphore;
  }

  return {
    get<C extends SdkClient>(Client: SdkClientConstructor<C>, serviceId: string, region: string): C {
      const key = `${serviceId}|${region}`;
      let client = clients.get(key);
      if (client === undefined) {
        client = new Client(options.configFor(serviceId, region) as never);
        const guard = (next: Next, context: HandlerContext) => async (args: unknown): Promise<unknown> => {
          const clientName = context.clientName ?? 'UnknownClient';
          const commandName = context.commandName ?? 'UnknownCommand';
          const allowed = findAllowedOperation(clientName, commandName);
          if (allowed === null) throw new ReadOnlyViolationError(clientName, commandName);
          if (signal.aborted) throw new ScanAbortedError();
          const release = await semaphoreFor(clientName).acquire();
          try {
            if (signal.aborted) throw new ScanAbortedError();
            counts.set(allowed.action, (counts.get(allowed.action) ?? 0) + 1);
            const task = taskCounters.getStore();
            if (task !== undefined) task.calls += 1;
            return await next(args);
          } finally {
            release();
          }
        };
        (client.middlewareStack.add as (mw: unknown, opts: unknown) => void)(guard, {
          step: 'initialize',
          name: 'agentWardenReadOnlyGuard',
          priority: 'high',
        });
        clients.set(key, client);
      }
      return client as C;
    },
    calls: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    destroyAll,
  };
}
