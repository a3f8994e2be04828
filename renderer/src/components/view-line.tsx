/**
 * What a listing shows, said above it: the current state of every account (each account's newest
 * scan, linked), or one scan's own rows, a past view when its account has a newer scan. Shared by
 * Inventory, Findings, Shadow AI and Policies so the four say it the same way.
 */
import type { ReactNode } from 'react';
import type { AccountView, ScanSummary, ViewInfo } from '@shared/contract';
import { Icon } from './icon';
import { RelativeTime } from './relative-time';

/** How people name an account: the team's label, else the alias, else the ID. */
export function accountName(account: Pick<AccountView, 'accountId' | 'alias' | 'label'>): string {
  return account.label ?? account.alias ?? account.accountId;
}

/** The name of an account ID among the workspace's accounts (the ID when it is not one of them). */
export function accountNameOf(accounts: readonly AccountView[], accountId: string | null): string {
  if (accountId === null) return 'an unknown account';
  const account = accounts.find((a) => a.accountId === accountId);
  return account === undefined ? accountId : accountName(account);
}

/** The options of an account filter: every account of the workspace, by name and alias, with its ID. */
export function accountOptions(accounts: readonly AccountView[]): { value: string; label: string }[] {
  return [...accounts]
    .sort((a, b) => accountName(a).localeCompare(accountName(b)))
    .map((account) => {
      const names = [...new Set([account.label, account.alias].filter((name): name is string => name !== null && name !== account.accountId))];
      return { value: account.accountId, label: names.length === 0 ? account.accountId : `${names.join(' · ')} (${account.accountId})` };
    });
}

function scanHref(scan: ScanSummary): string {
  return `#/scans/${encodeURIComponent(scan.id)}`;
}

function sourceWord(scan: ScanSummary): string {
  return scan.source === 'import' ? 'import' : scan.source === 'demo' ? 'demo scan' : 'scan';
}

/**
 * The line above a listing. `currentHref` is where the same screen shows the current state (offered
 * from a past view).
 */
export function ViewLine({ view, currentHref }: { view: ViewInfo; currentHref: string }): ReactNode {
  if (view.kind === 'scan') {
    const scan = view.scans[0];
    if (scan === undefined) return null;
    return (
      <p className={view.past ? 'scan-line scan-line--past' : 'scan-line'} data-testid="view-line">
        <Icon name="scan" size={14} />
        <span>
          {view.past ? <strong>A past view: </strong> : null}
          the {sourceWord(scan)} of <span className="mono">{accountNameOf(view.accounts, scan.accountId)}</span>, <RelativeTime at={scan.startedAt} /> ·{' '}
          <a href={scanHref(scan)}>scan details</a>
          {view.past ? (
            <>
              {' '}
              · a newer scan of this account exists: <a href={currentHref}>show the current state</a>
            </>
          ) : (
            <>
              {' '}
              · <a href={currentHref}>all accounts</a>
            </>
          )}
        </span>
      </p>
    );
  }
  if (view.scans.length === 0) return null;
  return (
    <p className="scan-line" data-testid="view-line">
      <Icon name="scan" size={14} />
      <span>
        Current state of {view.scans.length === 1 ? 'the account, from its newest scan' : `${view.scans.length} accounts, each from its newest scan`}:{' '}
        {view.scans.map((scan, index) => (
          <span key={scan.id}>
            {index > 0 ? ', ' : null}
            <a href={scanHref(scan)} title={`Scan ${scan.id}`}>
              {accountNameOf(view.accounts, scan.accountId)}
            </a>{' '}
            <RelativeTime at={scan.startedAt} />
          </span>
        ))}
      </span>
    </p>
  );
}
