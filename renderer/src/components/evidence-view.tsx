import type { ReactNode } from 'react';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `principalArn` → "Principal arn". */
export function humaniseKey(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function Value({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="data-table__muted">none</span>;
  if (typeof value === 'string') return <span className="evidence__text">{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean') return <span className="mono">{String(value)}</span>;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    if (value.length === 0) return <span className="data-table__muted">none</span>;
    return (
      <ul className="evidence__list">
        {value.map((item, index) => (
          <li key={index} className="mono">
            {String(item)}
          </li>
        ))}
      </ul>
    );
  }
  // Policies, statements, paths: the JSON itself, as text.
  return (
    <pre className="evidence__json" tabIndex={0}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}

/** A finding's evidence, readably: one line per key, nested structures as JSON. Everything is text. */
export function EvidenceView({ evidence }: { evidence: Record<string, unknown> }): ReactNode {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <p className="data-table__muted">No evidence recorded.</p>;
  return (
    <dl className="evidence">
      {entries.map(([key, value]) => (
        <div key={key} className="evidence__row">
          <dt>{humaniseKey(key)}</dt>
          <dd>{isPlainObject(value) && Object.keys(value).length <= 6 && Object.values(value).every((v) => typeof v !== 'object' || v === null) ? <EvidenceView evidence={value} /> : <Value value={value} />}</dd>
        </div>
      ))}
    </dl>
  );
}
