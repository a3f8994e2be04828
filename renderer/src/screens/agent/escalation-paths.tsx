import type { ReactNode } from 'react';
import type { AgentDetail } from '@shared/contract';

const OUTCOMES: Record<string, string> = {
  'full-admin': 'Can become a full administrator',
  'iam-write': 'Can gain write access to IAM',
  'pass-any-role': 'Can run its code as any role a service can assume',
};

/** The outcome in words (the agent page and the review meeting's slide); null for one this build does not know. */
export function escalationOutcomeLabel(outcome: string): string | null {
  return Object.hasOwn(OUTCOMES, outcome) ? (OUTCOMES[outcome] ?? null) : null;
}

/** Each path to more power, step by step: who acts, with which technique and actions, and what it gains. */
export function EscalationPaths({ paths }: { paths: AgentDetail['escalationPaths'] }): ReactNode {
  if (paths.length === 0) return <p className="data-table__muted">No privilege escalation path found from this identity.</p>;
  return (
    <ol className="escalation">
      {paths.map((path, index) => (
        <li key={index} className="escalation__path">
          <p className="escalation__outcome">{escalationOutcomeLabel(path.outcome) ?? path.outcome}</p>
          <ol className="escalation__steps">
            {path.steps.map((step, stepIndex) => (
              <li key={stepIndex} className="escalation__step">
                <p>
                  <span className="mono-wrap">{step.from}</span> → <strong>{step.technique}</strong> → <span className="mono-wrap">{step.to}</span>
                </p>
                <p className="escalation__actions">
                  {step.actions.map((action) => (
                    <code key={action}>{action}</code>
                  ))}
                </p>
                <p className="escalation__explanation">{step.explanation}</p>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
