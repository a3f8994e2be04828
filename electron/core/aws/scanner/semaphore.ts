/** A counting semaphore: at most `limit` holders at once, the rest wait in order. */
export class Semaphore {
  private available: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.available = Math.max(1, Math.floor(limit));
  }

  async acquire(): Promise<() => void> {
    if (this.available > 0) {
      this.available -= 1;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.available += 1;
    };
  }
}

/** Runs fn over items with at most `limit` at once, preserving order; stops starting new work once aborted. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // Once one item fails the whole map has failed: the other workers finish what they hold and stop,
  // so no more calls land on a task that is already being recorded as failed.
  let failed = false;
  async function worker(): Promise<void> {
    while (next < items.length && !failed) {
      signal?.throwIfAborted();
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, () => worker());
  await Promise.all(workers);
  return results;
}
