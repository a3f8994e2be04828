/** Messages between the back end and the analysis worker (analysis-worker.ts). */
import type { ErrorCode } from '../../../shared/contract';
import type { StoredFactText } from '../db/fact-records';
import type { ScanRef } from '../db/repositories/findings';
import type { FirstViewAgents, FirstViewFindings } from './first-view';

export type AnalysisWorkerRequest =
  /**
   * Bring the stored analysis of `scanId` up to date in the workspace file at `path`; `facts`: the
   * scan's facts as the import that wrote them handed them over (analysis-store.ts, `handedFacts`).
   */
  | { id: number; kind: 'analyse'; path: string; scanId: string; now: string; facts?: StoredFactText[] }
  /**
   * Analyse `scanId` from the facts its import hands over while it is still writing them (`moment`:
   * the scan's finish time, as it will be stored); kept, not stored, for the `analyse` that follows.
   */
  | { id: number; kind: 'prepare'; path: string; scanId: string; moment: string; facts: StoredFactText[] }
  /** The import of `scanId` failed: drop what `prepare` kept of it. */
  | { id: number; kind: 'forget'; scanId: string }
  /** Load the reference data the first analysis needs (the action catalogue) and warm its code up (warm-up-account.ts). */
  | { id: number; kind: 'warm' };

export type AnalysisWorkerReply =
  /** `warmedPrincipals`: a `warm` analysed the warm-up account, of that many principals. */
  | { id: number; ok: true; value: ScanRef | null; warmedPrincipals?: number }
  /**
   * Before the final reply of an `analyse`: the chosen scan analysed, not yet stored (first-view.ts),
   * in two parts: its inventory, then its findings.
   */
  | { id: number; ok: true; firstAgents: FirstViewAgents }
  | { id: number; ok: true; firstFindings: FirstViewFindings }
  | { id: number; ok: false; error: { code: ErrorCode; message: string; stack?: string } };

/** The key of `workerData` that marks a worker started by the analysis runner. */
export const ANALYSIS_WORKER_DATA = 'wardenAnalysisWorker';
