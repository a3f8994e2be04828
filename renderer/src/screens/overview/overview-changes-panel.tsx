import '../scans/scan-changes.css';
import './overview-changes.css';
import { useQueries } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { Overview } from '@shared/contract';
import { useApi } from '../../api/api-context';
import { toApiError } from '../../api/api-error';
import { useToast } from '../../app/toast-context';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { accountName } from '../../components/view-line';
import { formatCount, formatDateTime, plural, visibleText } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { scanChangesQuery } from '../scans/queries';
import { Figure } from '../scans/scan-changes-panel';
import { OnboardingSheet } from '../shadow-ai/onboarding-sheet';
import type { OnboardTarget } from '../shadow-ai/onboarding-model';
import { overviewChanges, type AccountDiff } from './overview-changes-model';

/** How many new shadow AI agents are listed before "and N more" (the Shadow AI screen lists them all). */
const LISTED = 8;

/**
 * The Overview's "What changed": since the previous scan of each account in scope, new shadow AI first
 * (each with "Onboard", opening the onboarding sheet), then findings new, regressed and resolved
 * (opening Findings) and identities and AI agents added and removed. Each account's own lists are on
 * its scan page, linked from the description.
 */
export function OverviewChangesPanel({ overview, accountId }: { overview: Overview; accountId: string | null }): ReactNode {
  const api = useApi();
  const toast = useToast();
  const [onboarding, setOnboarding] = useState<OnboardTarget[] | null>(null);
  const accounts = overview.scope.accounts.filter((account) => accountId === null || account.accountId === accountId);
  const diffs = useQueries({ queries: accounts.map((account) => scanChangesQuery(api, account.currentScanId)) });
  const failed = diffs.find((diff) => diff.error !== null);
  if (failed?.error != null) {
    return (
      <Panel title="What changed">
        <ErrorState what="what changed" error={toApiError(failed.error)} onRetry={() => diffs.forEach((diff) => void diff.refetch())} />
      </Panel>
    );
  }
  const loaded = accounts.flatMap((account, index): AccountDiff[] => {
    const diff = diffs[index]?.data;
    return diff === undefined ? [] : [{ accountId: account.accountId, name: account.accountId === null ? 'Imported files' : accountName({ ...account, accountId: account.accountId }), diff }];
  });
  if (loaded.length < accounts.length) {
    return (
      <Panel title="What changed">
        <LoadingState label="Comparing each account with its previous scan…" rows={2} />
      </Panel>
    );
  }
  const changes = overviewChanges(loaded, accountId);
  const several = accounts.length > 1;
  const description =
    changes.compared.length === 0 ? (
      several ? 'Each account has one scan only: nothing to compare yet.' : 'This account has one scan only: nothing to compare yet.'
    ) : (
      <>
        Since the previous scan of {several ? 'each account' : 'the account'}:{' '}
        {changes.compared.map((account, index) => (
          <span key={account.toScanId}>
            {index > 0 ? ' · ' : ''}
            {several ? `${account.name}, ` : ''}
            <a href={`#/scans/${encodeURIComponent(account.toScanId)}`} title="This scan’s page lists every change">
              {formatDateTime(account.fromAt)}
            </a>
          </span>
        ))}
        {changes.firstScanOnly.length > 0 ? ` (${changes.firstScanOnly.map(visibleText).join(', ')}: one scan only)` : ''}.
      </>
    );
  const shown = changes.shadowAi.slice(0, LISTED);
  const target = (agent: (typeof shown)[number]): OnboardTarget => ({ arn: agent.arn, name: agent.name, scanId: agent.scanId });

  return (
    <Panel
      title="What changed"
      description={description}
      actions={
        changes.shadowAi.length > 1 ? (
          <Button variant="primary" size="sm" icon="check-circle" onClick={() => setOnboarding(changes.shadowAi.map(target))}>
            Onboard all {formatCount(changes.shadowAi.length)}
          </Button>
        ) : undefined
      }
    >
      <div className="overview-changes" data-testid="overview-changes">
        <section className={changes.shadowAi.length > 0 ? 'overview-changes__shadow overview-changes__shadow--some' : 'overview-changes__shadow'} aria-label="New shadow AI">
          <p className="overview-changes__shadow-title" data-testid="overview-changes-shadow-count">
            <strong>{formatCount(changes.shadowAi.length)}</strong> new shadow AI {changes.shadowAi.length === 1 ? 'agent' : 'agents'}
            {changes.shadowAi.length === 0 ? <span className="overview-changes__muted"> — nothing unregistered appeared</span> : null}
          </p>
          {shown.length > 0 ? (
            <ul className="overview-changes__agents" aria-label="New shadow AI agents">
              {shown.map((agent) => (
                <li key={`${agent.scanId} ${agent.arn}`} className="overview-changes__agent">
                  <span className="overview-changes__agent-text">
                    <a href={`#${agentPath(agent.arn, agent.scanId)}`} title={agent.arn}>
                      {visibleText(agent.name)}
                    </a>
                    <span className="overview-changes__muted">
                      {several ? ` ${visibleText(agent.account)}` : ''}
                      {agent.createdBy !== null ? `${several ? ',' : ''} created by ${visibleText(agent.createdBy)}` : ''}
                    </span>
                  </span>
                  <Button size="sm" onClick={() => setOnboarding([target(agent)])} aria-label={`Onboard ${visibleText(agent.name)}`}>
                    Onboard
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
          {changes.shadowAi.length > shown.length ? (
            <p className="overview-changes__muted">
              and {formatCount(changes.shadowAi.length - shown.length)} more on <a href="#/shadow-ai">Shadow AI</a>
            </p>
          ) : null}
        </section>
        <dl className="scan-changes overview-changes__figures">
          {changes.figures.map((figure) => (
            <Figure key={figure.key} figure={{ ...figure, items: [] }} />
          ))}
        </dl>
      </div>
      {onboarding !== null ? (
        <OnboardingSheet
          agents={onboarding}
          onClose={() => setOnboarding(null)}
          onDone={(count) => {
            toast(`${count === 1 ? visibleText(onboarding[0]?.name ?? '') : plural(count, 'agent', 'agents')} ${count === 1 ? 'is' : 'are'} registered; recorded in the audit log.`, 'success');
            setOnboarding(null);
          }}
        />
      ) : null}
    </Panel>
  );
}
