/**
 * The Overview's "What changed" (issue 14) as data: each account's newest scan against its previous
 * one (`changes:get`, the scan page's figures), added up over the accounts in scope. An account with
 * one scan only has nothing to compare with: it is named, not counted (its first scan would count
 * everything as new). Findings' figures open the Findings screen on the current state (narrowed to
 * the account when one is chosen), where "new", "regressed" and "resolved" mean the same thing.
 */
import type { ScanDiff } from '@shared/contract';

export interface AccountDiff {
  accountId: string | null;
  /** The account's name as the screen says it. */
  name: string;
  diff: ScanDiff;
}

export interface NewShadowAi {
  arn: string;
  name: string;
  /** The scan it was found in (its account's newest). */
  scanId: string;
  account: string;
  createdBy: string | null;
}

export interface OverviewFigure {
  key: 'findingsNew' | 'findingsRegressed' | 'findingsResolved' | 'aiAdded' | 'aiRemoved' | 'identitiesAdded' | 'identitiesRemoved';
  label: string;
  value: number;
  href: string | null;
  worse: boolean;
}

export interface OverviewChanges {
  /** The accounts compared with their previous scan, with that scan (for "since …"). */
  compared: { name: string; fromScanId: string; fromAt: string; toScanId: string }[];
  /** Accounts with one scan only. */
  firstScanOnly: string[];
  shadowAi: NewShadowAi[];
  figures: OverviewFigure[];
}

export function overviewChanges(accounts: readonly AccountDiff[], accountId: string | null): OverviewChanges {
  const compared = accounts.filter((account) => account.diff.from !== null);
  const sum = (pick: (diff: ScanDiff) => number): number => compared.reduce((total, account) => total + pick(account.diff), 0);
  const findings = (query: string): string => `#/findings?${accountId === null ? '' : `account=${encodeURIComponent(accountId)}&`}${query}`;
  return {
    compared: compared.flatMap((account) => (account.diff.from === null ? [] : [{ name: account.name, fromScanId: account.diff.from.scanId, fromAt: account.diff.from.at, toScanId: account.diff.to.scanId }])),
    firstScanOnly: accounts.filter((account) => account.diff.from === null).map((account) => account.name),
    shadowAi: compared
      .flatMap((account) => account.diff.shadowAi.added.map((agent) => ({ arn: agent.arn, name: agent.name, scanId: account.diff.to.scanId, account: account.name, createdBy: agent.createdBy })))
      .sort((a, b) => a.name.localeCompare(b.name) || a.account.localeCompare(b.account)),
    figures: [
      { key: 'findingsNew', label: 'New findings', value: sum((d) => d.counts.findingsNew), href: findings('status=new'), worse: true },
      { key: 'findingsRegressed', label: 'Regressed findings', value: sum((d) => d.counts.findingsRegressed), href: findings('status=regressed'), worse: true },
      { key: 'findingsResolved', label: 'Resolved findings', value: sum((d) => d.counts.findingsResolved), href: findings('tab=resolved'), worse: false },
      { key: 'aiAdded', label: 'AI agents added', value: sum((d) => d.counts.aiAgentsAdded), href: null, worse: false },
      { key: 'aiRemoved', label: 'AI agents removed', value: sum((d) => d.counts.aiAgentsRemoved), href: null, worse: false },
      { key: 'identitiesAdded', label: 'Identities added', value: sum((d) => d.counts.identitiesAdded), href: null, worse: false },
      { key: 'identitiesRemoved', label: 'Identities removed', value: sum((d) => d.counts.identitiesRemoved), href: null, worse: false },
    ],
  };
}
