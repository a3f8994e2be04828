import type { ReactNode } from 'react';
import { Callout } from '../../components/callout';
import { CodeBlock } from '../../components/code-block';
import { describeAwsPrincipal, readTrustPolicy, trustWarnings, type TrustStatement } from './trust-model';

function Who({ statement }: { statement: TrustStatement }): ReactNode {
  const items: ReactNode[] = [];
  if (statement.anyone) items.push(<li key="anyone" className="trust__anyone">Anyone (any AWS account)</li>);
  for (const service of statement.services) items.push(<li key={`s-${service}`}>The AWS service <span className="mono">{service}</span></li>);
  for (const principal of statement.aws) items.push(<li key={`a-${principal}`} className="mono-wrap">{describeAwsPrincipal(principal)}</li>);
  for (const provider of statement.federated) items.push(<li key={`f-${provider}`}>Identities federated by <span className="mono-wrap">{provider}</span></li>);
  if (items.length === 0) items.push(<li key="none" className="data-table__muted">No principal named</li>);
  return <ul className="trust__who">{items}</ul>;
}

/** Who may assume the role, in words, with the raw document below for the record. */
export function TrustPolicyView({ document }: { document: Record<string, unknown> }): ReactNode {
  const statements = readTrustPolicy(document);
  return (
    <div className="stack stack--tight">
      {statements.length === 0 ? <p className="data-table__muted">The trust policy has no statements.</p> : null}
      <ol className="trust">
        {statements.map((statement, index) => {
          const warnings = trustWarnings(statement);
          return (
            <li key={index} className={`trust__statement trust__statement--${statement.effect.toLowerCase()}`}>
              <p className="trust__title">
                <strong>{statement.effect === 'Allow' ? 'Can assume' : 'Denied'}</strong>
                {statement.notPrincipal ? ' (everyone except, NotPrincipal)' : ''} with{' '}
                <span className="mono">{statement.actions.join(', ') || 'no action'}</span>:
              </p>
              <Who statement={statement} />
              {statement.conditions.length > 0 ? (
                <div className="trust__conditions">
                  <p className="trust__label">Only when</p>
                  <ul>
                    {statement.conditions.map((condition, conditionIndex) => (
                      <li key={conditionIndex}>
                        <span className="mono">{condition.key}</span> <span className="data-table__muted">{condition.operator}</span>{' '}
                        <span className="mono-wrap">{condition.values.join(' or ')}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : statement.effect === 'Allow' ? (
                <p className="trust__label">No conditions.</p>
              ) : null}
              {warnings.map((warning) => (
                <Callout key={warning} tone="danger" title="Warning">
                  <p>{warning}</p>
                </Callout>
              ))}
            </li>
          );
        })}
      </ol>
      <details className="disclosure">
        <summary>Trust policy JSON</summary>
        <CodeBlock code={JSON.stringify(document, null, 2)} label="trust policy" />
      </details>
    </div>
  );
}
