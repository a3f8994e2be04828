import type { ReactNode } from 'react';
import { SEVERITY_NAMES, type SeverityName } from '@shared/contract';
import './analysis.css';

export const SEVERITY_LABELS: Record<SeverityName, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Critical first. */
export function severityRank(severity: SeverityName): number {
  return SEVERITY_NAMES.indexOf(severity);
}

export function SeverityBadge({ severity }: { severity: SeverityName }): ReactNode {
  return <span className={`severity-badge severity-badge--${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

/** Finding counts per severity as small coloured numbers; zeros are left out. */
export function SeverityCounts({ counts }: { counts: Record<SeverityName, number> }): ReactNode {
  const shown = SEVERITY_NAMES.filter((severity) => counts[severity] > 0);
  if (shown.length === 0) return <span className="data-table__muted">—</span>;
  const words = shown.map((severity) => `${counts[severity]} ${severity}`).join(', ');
  return (
    <span className="severity-counts" title={words}>
      {shown.map((severity) => (
        <span key={severity} className={`severity-count severity-count--${severity}`} aria-hidden="true">
          {counts[severity]}
        </span>
      ))}
      <span className="visually-hidden">{words}</span>
    </span>
  );
}
