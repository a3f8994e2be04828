/**
 * Measuring inside a benchmark child process: wall time, and memory as
 *
 * - peak RSS: the kernel's high-water mark (`VmHWM` in /proc/self/status), reset at the start of the
 *   measured part by writing 5 to /proc/self/clear_refs, so it is exact even while the event loop
 *   is blocked (a synchronous SQLite transaction); where that is not possible, the sampled maximum;
 * - peak heap: `process.memoryUsage()` sampled every few milliseconds and at every `mark()`, so it
 *   is the largest heap seen between event-loop turns (a sampled lower bound of the true peak).
 *
 * The baseline is taken after two forced collections (run the child with `--expose-gc`), so the
 * deltas are what the measured work added, not the garbage of setting it up.
 *
 * A child reports its figures on one stdout line `@@bench-result {json}` (see `emitResult`).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export const RESULT_MARKER = '@@bench-result ';
export const MB = 1024 * 1024;

export interface MemoryFigures {
  baselineRssMb: number;
  baselineHeapMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Peak external + ArrayBuffer memory (Buffers, SQLite is not included: it is native RSS). */
  peakExternalMb: number;
  rssDeltaMb: number;
  heapDeltaMb: number;
  /** Whether peak RSS is the kernel's high-water mark (true) or the sampled maximum. */
  exactPeakRss: boolean;
  samples: number;
}

function statusKb(field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return statusKb('VmHWM') !== null;
  } catch {
    return false;
  }
}

/** Two full collections when the process runs with --expose-gc; otherwise nothing. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}

const round = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;

export class MemoryWatch {
  private readonly baseline: NodeJS.MemoryUsage;
  private readonly exact: boolean;
  private readonly timer: NodeJS.Timeout;
  private peakRss: number;
  private peakHeap: number;
  private peakExternal: number;
  private samples = 0;

  private constructor(intervalMs: number, collect: boolean) {
    if (collect) collectGarbage();
    this.baseline = process.memoryUsage();
    this.exact = resetPeakRss();
    this.peakRss = this.baseline.rss;
    this.peakHeap = this.baseline.heapUsed;
    this.peakExternal = this.baseline.external + this.baseline.arrayBuffers;
    this.timer = setInterval(() => this.mark(), intervalMs);
    this.timer.unref();
  }

  /**
   * Collects garbage, takes the baseline and starts sampling. `collect: false` skips the collection,
   * for a watch started at a moment the clock also starts (a forced collection there would run
   * inside the measured work, or delay the clock's start behind it).
   */
  static start(intervalMs = 2, options: { collect?: boolean } = {}): MemoryWatch {
    return new MemoryWatch(intervalMs, options.collect ?? true);
  }

  /** Takes a sample now (call it between synchronous stages). */
  mark(): void {
    const usage = process.memoryUsage();
    this.samples += 1;
    if (usage.rss > this.peakRss) this.peakRss = usage.rss;
    if (usage.heapUsed > this.peakHeap) this.peakHeap = usage.heapUsed;
    const external = usage.external + usage.arrayBuffers;
    if (external > this.peakExternal) this.peakExternal = external;
  }

  stop(): MemoryFigures {
    this.mark();
    clearInterval(this.timer);
    const hwm = this.exact ? statusKb('VmHWM') : null;
    const peakRss = Math.max(this.peakRss, hwm ?? 0);
    return {
      baselineRssMb: round(this.baseline.rss),
      baselineHeapMb: round(this.baseline.heapUsed),
      peakRssMb: round(peakRss),
      peakHeapMb: round(this.peakHeap),
      peakExternalMb: round(this.peakExternal),
      rssDeltaMb: round(peakRss - this.baseline.rss),
      heapDeltaMb: round(this.peakHeap - this.baseline.heapUsed),
      exactPeakRss: hwm !== null,
      samples: this.samples,
    };
  }
}

/** Milliseconds since `started` (a performance.now() value), to 0.1 ms. */
export function since(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** The one line a child prints for run.ts to read. */
export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** `--name=value` arguments of a child. */
export function argument(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  const found = process.argv.find((arg) => arg.startsWith(prefix));
  return found === undefined ? fallback : found.slice(prefix.length);
}
