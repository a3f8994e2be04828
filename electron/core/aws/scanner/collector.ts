/**
 * What a collector is: one small function per AWS service that gathers facts, with its own outcome,
 * so one refusal never sinks a scan. A collector returns an `apply` function that writes its facts
 * into the scan's draft; it is called only when the collector succeeded, so a failure leaves no
 * half-written section behind ("we did not look" stays `null`).
 */
import type { ScanFacts } from '../../discovery/facts';

export const COLLECTOR_OUTCOMES = ['ok', 'denied', 'throttled', 'unsupported', 'failed', 'cancelled'] as const;
export type CollectorOutcome = (typeof COLLECTOR_OUTCOMES)[number];

export interface ScanLimits {
  /** Requests in flight at once per AWS service (client class), across regions. */
  readonly concurrencyPerService: number;
  /** Collector tasks (collector × region) running at once. */
  readonly parallelTasks: number;
  /** Service-last-accessed jobs started per scan (each job is one principal). */
  readonly lastAccessedJobs: number;
  /** Delay between polls of the credential report and last-accessed jobs. */
  readonly pollIntervalMs: number;
  /** Polls before giving up on a report or job. */
  readonly maxPolls: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  concurrencyPerService: 4,
  parallelTasks: 4,
  lastAccessedJobs: 50,
  pollIntervalMs: 2_000,
  maxPolls: 30,
};

/** Any SDK v3 client: what the factory needs to build and tear one down. */
export interface SdkClient {
  middlewareStack: { add: (...args: never[]) => void };
  destroy(): void;
}

export type SdkClientConstructor<C extends SdkClient> = new (config: never) => C;

export interface CollectorContext {
  readonly accountId: string;
  readonly partition: string;
  /** The region of this task: the collector's region, or the home region for a global collector. */
  readonly region: string;
  readonly signal: AbortSignal;
  readonly clock: () => Date;
  readonly limits: ScanLimits;
  /** Facts gathered by earlier phases, read-only. */
  readonly facts: Readonly<ScanFacts>;
  /**
   * A client for this task's region (or `region`, for a global collector that reads where a resource
   * lives), guarded by the read-only allowlist and counted.
   */
  client<C extends SdkClient>(Client: SdkClientConstructor<C>, serviceId: string, region?: string): C;
  /**
   * The previous completed scan of this account: when it started and the keys of the resources it
   * recorded (ARNs; a service-specific credential's ID). Null for the account's first scan; absent
   * where the caller does not say (a collector then treats every resource as new).
   */
  readonly previousScan?: PreviousScanKeys | null;
  /** Runs fn over items, a few at a time; stops early when the scan is cancelled. */
  mapLimit<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, limit?: number): Promise<R[]>;
  /** Waits, or rejects at once when the scan is cancelled. */
  sleep(ms: number): Promise<void>;
  /** A remark shown with this collector's outcome (e.g. "12 of 80 identities checked"). */
  note(message: string): void;
  /** A remark for the scan's warnings (kept with the facts). */
  warn(message: string): void;
  /** Progress within the task, for the live progress panel. */
  progress(done: number, total: number): void;
}

export interface PreviousScanKeys {
  readonly startedAt: string;
  readonly keys: ReadonlySet<string>;
}

export type ApplyFacts = (draft: ScanFacts) => void;

export interface Collector {
  /** Stable ID, e.g. `iam-authorization-details` (stored with the scan, shown in the UI). */
  readonly id: string;
  /** Words for people, e.g. "IAM users, groups, roles and policies". */
  readonly label: string;
  readonly scope: 'global' | 'regional';
  /** Phase 1 runs first (identity inventory), then 2 (regional workloads), then 3 (needs both). */
  readonly phase: 1 | 2 | 3;
  /** Only when the scan asked for it (e.g. organisations). */
  readonly optional?: boolean;
  collect(ctx: CollectorContext): Promise<ApplyFacts>;
}

export interface CollectorRun {
  collectorId: string;
  label: string;
  /** null for a global collector. */
  region: string | null;
  outcome: CollectorOutcome;
  message: string | null;
  /** AWS API calls made by this task. */
  calls: number;
  startedAt: string;
  durationMs: number;
}
