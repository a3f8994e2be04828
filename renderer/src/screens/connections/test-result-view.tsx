import type { ReactNode } from 'react';
import { Badge } from '../../components/badge';
import { Callout } from '../../components/callout';
import { CodeBlock } from '../../components/code-block';
import { Spinner } from '../../components/spinner';
import { FAILURE_TITLES, splitAction, type TestOutcome } from './test-outcome';

function ActionAdvice({ action }: { action: string }): ReactNode {
  const parts = splitAction(action);
  const commands = [...new Set(parts.filter((part) => part.kind === 'code').map((part) => part.text))];
  const onlyCommands = parts.every((part) => part.kind === 'code' || part.text.trim() === '');
  return (
    <div className="test-result__action">
      <p>
        <span className="test-result__label">What to do: </span>
        {onlyCommands
          ? `run ${commands.length === 1 ? 'this command' : 'these commands'} in a terminal, then test again.`
          : parts.map((part, index) => (part.kind === 'code' ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>))}
      </p>
      {commands.map((command) => (
        <CodeBlock key={command} code={command} label="command" />
      ))}
    </div>
  );
}

/** The outcome of a "Test", inline under the connection or profile it belongs to. */
export function TestResultView({ outcome, subject }: { outcome: TestOutcome; subject: string }): ReactNode {
  if (outcome.status === 'running') {
    return (
      <p className="test-result test-result--running">
        <Spinner />
        Testing {subject}: asking AWS STS who these credentials belong to…
      </p>
    );
  }
  if (outcome.status === 'error') {
    return (
      <div className="test-result">
        <Callout tone="danger" title="The test could not run">
          <p>{outcome.error.message}</p>
        </Callout>
      </div>
    );
  }
  const { result } = outcome;
  if (!result.ok) {
    return (
      <div className="test-result" data-testid="test-result">
        <Callout tone="danger" title={FAILURE_TITLES[result.failure]}>
          <p className="test-result__message">{result.message}</p>
          {result.action.trim() !== '' ? <ActionAdvice action={result.action} /> : null}
          <p className="test-result__kind">Failure kind: {result.failure}</p>
        </Callout>
      </div>
    );
  }
  return (
    <div className="test-result" data-testid="test-result">
      <Callout
        tone="success"
        title={
          <>
            Connected to account <span className="mono test-result__account">{result.accountId}</span>
            {result.accountAlias !== null ? <span className="test-result__alias"> ({result.accountAlias})</span> : null}
          </>
        }
      >
        <dl className="facts facts--compact">
          <dt>Identity ARN</dt>
          <dd className="mono">{result.arn}</dd>
          <dt>User ID</dt>
          <dd className="mono">{result.userId}</dd>
          {result.accountAlias !== null ? (
            <>
              <dt>Account alias</dt>
              <dd>{result.accountAlias}</dd>
            </>
          ) : null}
        </dl>
        {result.assumedRole ? (
          <p>
            <Badge tone="accent">Role assumed</Badge> The scanner will act as this role.
          </p>
        ) : null}
      </Callout>
    </div>
  );
}
