/**
 * The "What changed" panel of a scan as data: each figure of `changes:get` with where it leads. The
 * findings' figures open the Findings screen on this scan, narrowed the way the lifecycle names them
 * (new, regressed, resolved since the previous scan); the identities' figures list the identities,
 * each opening its page in the scan that has it (an identity removed: the earlier scan).
 */
import type { DiffIdentity, ScanDiff } from '@shared/contract';
import { agentPath } from '../agent/agent-route';

export interface ChangeLink {
  text: string;
  href: string;
  /** A second line: an owner or tier change's before → after. */
  detail?: string;
}

export interface ChangeFigure {
  key: 'shadowAi' | 'aiAdded' | 'aiRemoved' | 'identitiesAdded' | 'identitiesRemoved' | 'findingsNew' | 'findingsRegressed' | 'findingsResolved' | 'owners' | 'tiers';
  label: string;
  value: number;
  /** The filtered list the figure counts (findings), else null. */
  href: string | null;
  /** The rows behind the figure, when the panel lists them itself. */
  items: ChangeLink[];
  /** More is worse (new shadow AI, new findings): the figure is marked when it is not zero. */
  worse: boolean;
}

const agentHref = (arn: string, scanId: string): string => `#${agentPath(arn, scanId)}`;
/** Who created it (CloudTrail, on what appeared), as the second line; none when unknown. Text, never markup. */
const creator = (row: { createdBy?: string | null }): { detail?: string } => (row.createdBy != null ? { detail: `created by ${row.createdBy}` } : {});
const identities = (rows: readonly (DiffIdentity & { createdBy?: string | null })[], scanId: string): ChangeLink[] =>
  rows.map((row) => ({ text: row.name, href: agentHref(row.arn, scanId), ...creator(row) }));

export function changeFigures(diff: ScanDiff): ChangeFigure[] {
  const to = diff.to.scanId;
  const from = diff.from?.scanId ?? to;
  const findings = (query: string): string => `#/findings?scan=${encodeURIComponent(to)}&${query}`;
  const { counts } = diff;
  return [
    { key: 'shadowAi', label: 'New shadow AI', value: counts.shadowAiAdded, href: null, items: diff.shadowAi.added.map((s) => ({ text: s.name, href: agentHref(s.arn, to), ...creator(s) })), worse: true },
    { key: 'findingsNew', label: 'New findings', value: counts.findingsNew, href: findings('status=new'), items: [], worse: true },
    { key: 'findingsRegressed', label: 'Regressed findings', value: counts.findingsRegressed, href: findings('status=regressed'), items: [], worse: true },
    { key: 'findingsResolved', label: 'Resolved findings', value: counts.findingsResolved, href: findings('tab=resolved'), items: [], worse: false },
    { key: 'aiAdded', label: 'AI agents added', value: counts.aiAgentsAdded, href: null, items: identities(diff.aiAgents.added, to), worse: false },
    { key: 'aiRemoved', label: 'AI agents removed', value: counts.aiAgentsRemoved, href: null, items: identities(diff.aiAgents.removed, from), worse: false },
    { key: 'identitiesAdded', label: 'Identities added', value: counts.identitiesAdded, href: null, items: identities(diff.identities.added, to), worse: false },
    { key: 'identitiesRemoved', label: 'Identities removed', value: counts.identitiesRemoved, href: null, items: identities(diff.identities.removed, from), worse: false },
    {
      key: 'owners',
      label: 'Owner changes',
      value: counts.ownerChanges,
      href: null,
      items: diff.owners.changed.map((c) => ({ text: c.name, href: agentHref(c.arn, to), detail: `${c.from ?? 'no owner'} → ${c.to ?? 'no owner'}` })),
      worse: false,
    },
    {
      key: 'tiers',
      label: 'Tier changes',
      value: counts.tierChanges,
      href: null,
      items: diff.tiers.changed.map((c) => ({ text: c.name, href: agentHref(c.arn, to), detail: `Tier ${c.from} → Tier ${c.to}` })),
      worse: false,
    },
  ];
}
