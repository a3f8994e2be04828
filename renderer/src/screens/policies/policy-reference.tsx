import type { ReactNode } from 'react';
import { AGENT_VIEW_TYPES, POLICY_EXAMPLES, POLICY_LIMITS_TEXT, POLICY_VARIABLE, type PolicyExample } from '@shared/policy-language';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';

/** Where each object type of the view is reached from, for its heading. */
const REACHED_FROM: Record<string, string> = {
  Agent: POLICY_VARIABLE,
  Workload: 'each of agent.workloads',
  AccessKey: 'each of agent.accessKeys',
  ServiceCredential: 'each of agent.serviceCredentials',
  Trust: 'agent.trust',
  FindingCounts: 'agent.findingCounts',
};

/** The fields an expression can use, worked examples, and the limits: the language on one panel. */
export function PolicyReference({ onUse }: { onUse: (example: PolicyExample) => void }): ReactNode {
  return (
    <Panel title="Reference" description="Expressions are CEL. Each one sees a single variable, agent: one governed identity of the scan.">
      <div className="policy-ref">
        <section aria-labelledby="policy-ref-examples">
          <h3 id="policy-ref-examples" className="policy-ref__heading">
            Examples
          </h3>
          <ul className="policy-ref__examples">
            {POLICY_EXAMPLES.map((example) => (
              <li key={example.title}>
                <div className="policy-ref__example-head">
                  <span>{example.title}</span>
                  <Button size="sm" variant="ghost" onClick={() => onUse(example)} aria-label={`Use example: ${example.title}`}>
                    Use
                  </Button>
                </div>
                {example.appliesTo !== null ? (
                  <code className="policy-ref__code">
                    <span className="policy-ref__label">applies to </span>
                    {example.appliesTo}
                  </code>
                ) : null}
                <code className="policy-ref__code">{example.condition}</code>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="policy-ref-fields">
          <h3 id="policy-ref-fields" className="policy-ref__heading">
            Fields
          </h3>
          <p className="policy-ref__note">
            Governed agents only: roles and machine IAM users, never service-linked roles, IAM Identity Center roles or people’s IAM users. Ages are whole days at the time of the scan. Fields marked “or null” may be null: check{' '}
            <code>!= null</code> first.
          </p>
          {AGENT_VIEW_TYPES.map((type, index) => (
            <details key={type.name} className="policy-ref__type" open={index === 0}>
              <summary>
                <span className="mono">{type.name}</span> <span className="policy-ref__muted">— {REACHED_FROM[type.name] ?? type.description}</span>
              </summary>
              <dl className="policy-ref__fields">
                {type.fields.map((field) => (
                  <div key={field.name}>
                    <dt>
                      <code>{type.name === 'Agent' ? `agent.${field.name}` : `.${field.name}`}</code>{' '}
                      <span className="policy-ref__muted">
                        {field.type}
                        {field.nullable === true ? ' or null' : ''}
                      </span>
                    </dt>
                    <dd>{field.description}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ))}
        </section>

        <section aria-labelledby="policy-ref-language">
          <h3 id="policy-ref-language" className="policy-ref__heading">
            Language
          </h3>
          <p className="policy-ref__note">
            <code>== != &lt; &lt;= &gt; &gt;= &amp;&amp; || ! ?: in</code>, <code>size()</code>, <code>has()</code>, the macros <code>all</code>, <code>exists</code>, <code>exists_one</code>, <code>map</code>,{' '}
            <code>filter</code>, and on text <code>startsWith</code>, <code>endsWith</code>, <code>contains</code>, <code>matches</code>, <code>lowerAscii</code>. Integers are whole numbers; text is in quotes.
          </p>
          <ul className="policy-ref__limits">
            {POLICY_LIMITS_TEXT.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      </div>
    </Panel>
  );
}
