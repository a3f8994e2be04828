/**
 * `changes:get`: what changed between two completed scans of one account. Which scans: `to` (default:
 * the account's newest) and `from` (default: the completed scan of the account just before it, in the
 * order of `currentScanIds` and the analysis store: start time, ties by scan ID). Both analyses are
 * brought up to date first (analysing `to` analyses the earlier scans of its account in order).
 */
import type { ScanSummary } from '@shared/contract';
import type { Handlers } from '../dispatch';
import { currentScanIds, latestCompletedScanId, listScans } from '../db/repositories/scans';
import type { ScanRef } from '../db/repositories/findings';
import { previousScan } from '../analysis-store/analysis-store';
import { readScanDiff } from '../governance/changes/changes-service';
import { AppError } from '../errors';
import type { ServiceDeps } from './handler-deps';

export type ChangesHandlers = Pick<Handlers, 'changes:get'>;

/** Earlier in an account's order of scans: start time, ties by scan ID. */
const isEarlier = (a: ScanSummary, b: ScanSummary): boolean => a.startedAt < b.startedAt || (a.startedAt === b.startedAt && a.id < b.id);

function completed(byId: ReadonlyMap<string, ScanSummary>, id: string, which: 'from' | 'to'): ScanSummary {
  const summary = byId.get(id);
  if (summary === undefined) throw new AppError('not_found', `There is no scan ${id} in this workspace.`);
  if (summary.status !== 'completed') throw new AppError('conflict', `Scan ${id} (${which}) did not complete (${summary.status}); it has nothing to compare.`);
  return summary;
}

export function createChangesHandlers(deps: ServiceDeps): ChangesHandlers {
  return {
    'changes:get': async ({ from, to, accountId }) => {
      const workspace = deps.workspaces.current();
      const read = workspace.read;
      const byId = new Map(listScans(read).map((summary) => [summary.id, summary]));
      let toId: string;
      if (to !== null) {
        toId = to;
      } else if (accountId !== null) {
        const newest = latestCompletedScanId(read, accountId);
        if (newest === null) throw new AppError('not_found', `Account ${accountId} has no completed scan in this workspace.`);
        toId = newest;
      } else {
        const current = currentScanIds(read);
        if (current.length === 0) throw new AppError('not_found', 'Nothing has been scanned in this workspace yet.');
        if (current.length > 1) {
          const accounts = current.map((id) => byId.get(id)?.accountId ?? 'no account').join(', ');
          throw new AppError('invalid_input', `This workspace holds ${current.length} accounts (${accounts}): name one (accountId, --account) or a scan (to, --to).`);
        }
        toId = current[0] ?? '';
      }
      const toSummary = completed(byId, toId, 'to');
      if (accountId !== null && toSummary.accountId !== accountId) {
        throw new AppError('invalid_input', `Scan ${toId} is of account ${toSummary.accountId ?? 'unknown'}, not ${accountId}.`);
      }
      let fromRef: ScanRef | null = null;
      if (from !== null) {
        const fromSummary = completed(byId, from, 'from');
        if (fromSummary.accountId !== toSummary.accountId) {
          throw new AppError('invalid_input', `Scans ${from} and ${toId} are of different accounts (${fromSummary.accountId ?? 'unknown'}, ${toSummary.accountId ?? 'unknown'}); compare two scans of one account.`);
        }
        if (!isEarlier(fromSummary, toSummary)) throw new AppError('invalid_input', `Scan ${from} is not earlier than scan ${toId}: "from" is the earlier scan.`);
        fromRef = await deps.analysis.ensure(workspace, from);
      }
      // Last, so both are current together: analysing `to` brings its account's earlier scans up to date first.
      const toRef = await deps.analysis.ensure(workspace, toId);
      return readScanDiff(read, fromRef ?? previousScan(read, toRef), toRef);
    },
  };
}
