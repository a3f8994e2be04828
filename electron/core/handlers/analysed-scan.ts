/** Which scan a read channel answers about, analysed first (agents:*, findings:list). */
import type { ScanSummary } from '@shared/contract';
import { latestCompletedScanId, listScans } from '../db/repositories/scans';
import type { ScanRef } from '../db/repositories/findings';
import type { Workspace } from '../db/open-workspace';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';

export function scanSummary(workspace: Workspace, scanId: string): ScanSummary {
  const summary = listScans(workspace.read).find((s) => s.id === scanId);
  if (summary === undefined) throw new AppError('not_found', `There is no scan ${scanId} in this workspace.`);
  return summary;
}

/** The chosen scan (null: the newest completed one), analysed; null when there is none. */
export async function chooseScan(deps: Pick<ServiceDeps, 'analysis'>, workspace: Workspace, scanId: string | null): Promise<ScanRef | null> {
  const id = scanId ?? latestCompletedScanId(workspace.read);
  if (id === null) return null;
  return deps.analysis.ensure(workspace, id);
}

/** Analyses the newest completed scan of an account (an agent's history spans all of them). */
export async function ensureNewestOfAccount(deps: Pick<ServiceDeps, 'analysis'>, workspace: Workspace, accountId: string | null): Promise<void> {
  if (accountId === null) return;
  const id = latestCompletedScanId(workspace.read, accountId);
  if (id !== null) await deps.analysis.ensure(workspace, id);
}
