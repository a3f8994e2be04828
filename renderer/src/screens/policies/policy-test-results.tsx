import type { ReactNode } from 'react';
import type { AccountView, PolicyTestResult } from '@shared/contract';
import { Callout } from '../../components/callout';
import { LoadingState } from '../../components/loading-state';
import { Panel } from '../../components/panel';
import { accountNameOf, accountOptions, ViewLine } from '../../components/view-line';
import { TierBadge } from '../../components/tier-badge';
import { formatCount, plural } from '../../lib/format';
import { agentPath } from '../agent/agent-route';
import { caretLines, problemText } from './policy-model';

export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: PolicyTestResult; stale: boolean }
  | { status: 'failed'; message: string };

const FIELD_LABELS = { condition: 'Condition', appliesTo: 'Applies to' } as const;

function Counts({ result }: { result: PolicyTestResult }): ReactNode {
  const e = result.evaluation;
  if (e === null) return null;
  const items: [string, number, string][] = [
    ['Evaluated', e.evaluated, ''],
    ['Failing', e.failing, e.failing > 0 ? 'policy-count--bad' : 'policy-count--good'],
    ['Could not be evaluated', e.errors, e.errors > 0 ? 'policy-count--warn' : ''],
    ['Not in scope', e.notApplicable, ''],
  ];
  return (
    <dl className="policy-counts" data-testid="policy-test-counts">
      {items.map(([label, value, tone]) => (
        <div key={label} className={`policy-count ${tone}`}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface PolicyTestResultsProps {
  state: TestState;
  accounts: readonly AccountView[];
  accountId: string | null;
  onAccount: (accountId: string | null) => void;
}

/** What trying the expressions on every account's newest scan (or one account's) gave: problems with positions, or counts, failing agents and errors. */
export function PolicyTestResults({ state, accounts, accountId, onAccount }: PolicyTestResultsProps): ReactNode {
  const filter =
    accounts.length > 1 || accountId !== null ? (
      <label className="filter">
        <span className="filter__label">Test on</span>
        <select className="select select--sm" value={accountId ?? ''} onChange={(event) => onAccount(event.target.value === '' ? null : event.target.value)} data-testid="policy-test-account">
          <option value="">All accounts</option>
          {accountOptions(accounts).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    ) : null;
  return (
    <Panel title="Test the policy" description="Tries the expressions as they are in the form on each account’s newest scan, without saving anything." actions={filter ?? undefined}>
      <div className="policy-test" aria-live="polite" data-testid="policy-test">
        {state.status === 'idle' ? (
          <p className="policy-test__idle">Press “Test the policy” (or Ctrl+Enter in an expression) to see which agents would fail.</p>
        ) : state.status === 'running' ? (
          <LoadingState label="Evaluating the policy…" rows={2} />
        ) : state.status === 'failed' ? (
          <Callout tone="danger" title="The test did not run" role="alert">
            <p>{state.message}</p>
          </Callout>
        ) : (
          <TestOutcome result={state.result} stale={state.stale} />
        )}
      </div>
    </Panel>
  );
}

function TestOutcome({ result, stale }: { result: PolicyTestResult; stale: boolean }): ReactNode {
  const staleNote = stale ? <p className="policy-test__stale">The expressions changed since this test; test again to see their effect.</p> : null;
  if (result.problems.length > 0) {
    return (
      <>
        {staleNote}
        <Callout tone="danger" title="The policy does not compile">
          <ul className="policy-problems">
            {result.problems.map((problem) => (
              <li key={`${problem.field}-${problem.offset}`}>
                <strong>{FIELD_LABELS[problem.field]}</strong> — {problemText(problem)}
                <pre className="policy-caret">{caretLines(problem)}</pre>
              </li>
            ))}
          </ul>
        </Callout>
      </>
    );
  }
  if (result.view.scans.length === 0 || result.evaluation === null) {
    return (
      <>
        {staleNote}
        <Callout tone="info" title="It compiles">
          <p>There is no completed scan to try it on yet. Scan an account or import its exports, then test again.</p>
        </Callout>
      </>
    );
  }
  const e = result.evaluation;
  // A single-scan view links to the agent in that scan; the current state to its account's newest.
  const scanId = result.view.kind === 'scan' ? (result.view.scans[0]?.id ?? null) : null;
  const accounts = result.view.accounts;
  return (
    <>
      {staleNote}
      <ViewLine view={result.view} currentHref="#/policies" />
      <Counts result={result} />
      {e.failing === 0 && e.errors === 0 ? (
        <Callout tone="success" title={e.evaluated === 0 ? 'No agent is in its scope' : 'Every agent in scope satisfies it'}>
          <p>{e.evaluated === 0 ? 'Check the applies-to expression: it leaves every agent out.' : 'Saved as it is, this policy would raise no finding in these scans.'}</p>
        </Callout>
      ) : null}
      {result.failingAgents.length > 0 ? (
        <div className="policy-test__section">
          <h3 className="policy-test__heading">
            {plural(e.failing, 'agent fails', 'agents fail')} it
            {result.failingAgents.length < e.failing ? <span className="policy-ref__muted"> — the first {result.failingAgents.length} shown</span> : null}
          </h3>
          <div className="table-scroll">
            <table className="data-table data-table--compact" aria-label="Agents the policy fails for" data-testid="policy-failing-agents">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {result.failingAgents.map((agent) => (
                  <tr key={`${agent.accountId} ${agent.arn}`}>
                    <th scope="row">
                      <a href={`#${agentPath(agent.arn, scanId)}`}>{agent.name}</a>
                    </th>
                    <td>{agent.kind === 'iam-user' ? 'IAM user' : 'IAM role'}</td>
                    <td>
                      <TierBadge tier={agent.tier} />
                    </td>
                    <td title={agent.accountId}>{accountNameOf(accounts, agent.accountId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {e.errors > 0 ? (
        <Callout tone="warning" title={`Could not be evaluated for ${plural(e.errors, 'agent', 'agents')}`}>
          <p>These agents count neither as passing nor as failing. A field that may be null needs a check first, e.g. <code>agent.owner != null &amp;&amp; …</code>.</p>
          <ul className="policy-errors" data-testid="policy-test-errors">
            {result.errorSamples.map((sample) => (
              <li key={sample.arn}>
                <a href={`#${agentPath(sample.arn, scanId)}`}>{sample.name}</a>: <span className="mono-wrap">{sample.message}</span>
              </li>
            ))}
          </ul>
        </Callout>
      ) : null}
    </>
  );
}
