import { FINDING_STATUSES, SEVERITY_NAMES, type FindingSummary, type OverviewFilter, type SeverityName } from '@shared/contract';
import { matchesFindings, type FindingTierOf } from '@shared/overview-filters';

type FindingsMatch = Extract<OverviewFilter, { screen: 'findings' }>['match'];
export type FindingStatus = FindingSummary['status'];
export type FindingTier = NonNullable<FindingsMatch['tier']>;
const FINDING_TIERS: readonly FindingTier[] = ['1', '2', '3', 'none'];

export const STEP_NAMES: Record<number, string> = {
  1: 'Inventory',
  2: 'Risk tiers',
  3: 'Non-human identities first',
  4: 'Least privilege, just in time',
  5: 'No shadow AI',
  6: 'Data layer',
  7: 'Human in the loop',
  8: 'Traceable audit trail',
  9: 'Prompt injection and poisoning',
  10: 'Governance as code',
};

export type GroupBy = 'rule' | 'step' | 'severity';

export interface FindingsView {
  groupBy: GroupBy;
  /** Any of these severities (`?severity=critical,high`); empty for any. */
  severities: readonly SeverityName[];
  /** Any of these statuses (`?status=new,open,regressed`); empty for any. */
  statuses: readonly FindingStatus[];
  rule: string | null;
  /** One governance step (`?step=3`), or null for any. */
  step: number | null;
  /** The tier of the finding's principal in its scan (`?tier=1`, `none`: no inventory identity), or null for any. */
  tier: FindingTier | null;
  /** `?tab=resolved`: the findings the previous scan had and the current one lacks, instead of the current ones. */
  resolvedSince: boolean;
  /** A governance policy's ID: only the findings of that policy (`policy.id`, from their evidence). */
  policy: string | null;
  newOnly: boolean;
  open: string | null;
  /** One account of the current state (`?account=ID`), or null for all. */
  account: string | null;
  /** One scan's own findings (`?scan=ID`, a past view when a newer scan exists), or null for the current state. */
  scan: string | null;
  /** Free text over title, rule, resource and principal (name or ARN) and owner (`?q=`). */
  search: string;
}

/** The known values of a comma list, in the canonical order, once each (unknown ones dropped). */
function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (value === null) return [];
  const given = new Set(value.split(','));
  return allowed.filter((name) => given.has(name));
}

export function viewFromQuery(query: URLSearchParams): FindingsView {
  const group = query.get('group');
  const step = query.get('step');
  const tier = query.get('tier');
  return {
    groupBy: group === 'step' || group === 'severity' ? group : 'rule',
    severities: listOf(query.get('severity'), SEVERITY_NAMES),
    statuses: listOf(query.get('status'), FINDING_STATUSES),
    rule: query.get('rule'),
    step: step !== null && /^(10|[1-9])$/.test(step) ? Number(step) : null,
    tier: FINDING_TIERS.find((name) => name === tier) ?? null,
    resolvedSince: query.get('tab') === 'resolved',
    policy: query.get('policy'),
    newOnly: query.get('tab') === 'new',
    open: query.get('open'),
    account: query.get('account'),
    scan: query.get('scan'),
    search: query.get('q') ?? '',
  };
}

export function queryFromView(view: FindingsView): URLSearchParams {
  const query = new URLSearchParams();
  if (view.groupBy !== 'rule') query.set('group', view.groupBy);
  if (view.severities.length > 0) query.set('severity', view.severities.join(','));
  if (view.statuses.length > 0) query.set('status', view.statuses.join(','));
  if (view.rule !== null) query.set('rule', view.rule);
  if (view.step !== null) query.set('step', String(view.step));
  if (view.tier !== null) query.set('tier', view.tier);
  if (view.policy !== null) query.set('policy', view.policy);
  if (view.resolvedSince) query.set('tab', 'resolved');
  else if (view.newOnly) query.set('tab', 'new');
  if (view.open !== null) query.set('open', view.open);
  if (view.account !== null) query.set('account', view.account);
  if (view.scan !== null) query.set('scan', view.scan);
  if (view.search.trim() !== '') query.set('q', view.search);
  return query;
}

/** The owner of a finding's identity, by principal ARN (from the registry, as the inventory lists it). */
export type OwnerOf = (finding: FindingSummary) => string | null;

const NO_OWNER: OwnerOf = () => null;

/** The last part of an ARN: the name people know an identity or resource by. */
function arnName(arn: string | null): string {
  if (arn === null) return '';
  return arn.split(/[:/]/).at(-1) ?? arn;
}

/** Whether every word of `search` is in the finding's title, rule, resource or principal (name or ARN), resource ID or owner. */
export function matchesSearch(finding: FindingSummary, search: string, ownerOf: OwnerOf = NO_OWNER): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = [finding.title, finding.ruleId, finding.resourceArn, finding.principalArn ?? '', finding.resourceId ?? '', arnName(finding.resourceArn), arnName(finding.principalArn), ownerOf(finding) ?? '']
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * The part of a view an Overview figure can name, as its `match`: the screen filters with the same
 * `matchesFindings` the Overview's counts are held to, so a figure and the list it opens cannot drift.
 */
export function matchOfView(view: FindingsView): FindingsMatch {
  return {
    list: view.resolvedSince ? 'resolvedSinceLastScan' : 'findings',
    ...(view.severities.length > 0 ? { severities: [...view.severities] } : {}),
    ...(view.statuses.length > 0 ? { statuses: [...view.statuses] } : {}),
    ...(view.rule !== null ? { ruleId: view.rule } : {}),
    ...(view.newOnly && !view.resolvedSince ? { isNew: true } : {}),
    ...(view.step !== null ? { step: view.step } : {}),
    ...(view.tier !== null ? { tier: view.tier } : {}),
  };
}

/** No lookup yet: every principal counts as no inventory identity (only a `tier` filter asks). */
const NO_TIERS: FindingTierOf = () => 'none';

/** `findings`: the rows of the view's list (`findings` or `resolvedSinceLastScan` of `findings:list`). */
export function filterFindings(findings: readonly FindingSummary[], view: FindingsView, ownerOf: OwnerOf = NO_OWNER, tierOf: FindingTierOf = NO_TIERS): FindingSummary[] {
  const match = matchOfView(view);
  return findings.filter(
    (finding) =>
      matchesFindings(finding, match, tierOf) &&
      matchesSearch(finding, view.search, ownerOf) &&
      (view.policy === null || finding.policy?.id === view.policy),
  );
}

export interface FindingGroup {
  key: string;
  title: string;
  subtitle: string | null;
  findings: FindingSummary[];
  worst: SeverityName;
}

const rank = (severity: SeverityName): number => SEVERITY_NAMES.indexOf(severity);

/** Groups, worst first; findings inside a group worst first, then by title. */
export function groupFindings(findings: readonly FindingSummary[], groupBy: GroupBy): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const key = groupBy === 'rule' ? finding.ruleId : groupBy === 'step' ? String(finding.step) : finding.severity;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        key,
        title: groupBy === 'rule' ? finding.ruleId : groupBy === 'step' ? `Step ${finding.step}: ${STEP_NAMES[finding.step] ?? 'Other'}` : finding.severity.charAt(0).toUpperCase() + finding.severity.slice(1),
        subtitle: groupBy === 'rule' ? `Step ${finding.step}: ${STEP_NAMES[finding.step] ?? ''}` : null,
        findings: [],
        worst: finding.severity,
      };
      groups.set(key, group);
    }
    group.findings.push(finding);
    if (rank(finding.severity) < rank(group.worst)) group.worst = finding.severity;
  }
  const result = [...groups.values()];
  for (const group of result) group.findings.sort((a, b) => rank(a.severity) - rank(b.severity) || a.title.localeCompare(b.title));
  if (groupBy === 'step') return result.sort((a, b) => Number(a.key) - Number(b.key));
  return result.sort((a, b) => rank(a.worst) - rank(b.worst) || b.findings.length - a.findings.length || a.key.localeCompare(b.key));
}

export function countBy<K extends string>(findings: readonly FindingSummary[], key: (finding: FindingSummary) => K): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const finding of findings) {
    const k = key(finding);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export interface FindingCounts {
  /** Still to act on: new, open or regressed. */
  open: number;
  /** Risks accepted until a date: counted apart, never in `open`. */
  accepted: number;
  /** Resolved by hand, awaiting the next scan. */
  resolved: number;
  /** Open findings by severity (accepted and resolved ones not included). */
  openBySeverity: Partial<Record<SeverityName, number>>;
  /** Accepted findings by severity. */
  acceptedBySeverity: Partial<Record<SeverityName, number>>;
}

/** The screen's counters: what is open, by severity, with accepted risks and manual resolutions counted apart. */
export function countFindings(findings: readonly FindingSummary[]): FindingCounts {
  const open = findings.filter((finding) => finding.status === 'new' || finding.status === 'open' || finding.status === 'regressed');
  const accepted = findings.filter((finding) => finding.status === 'accepted');
  return {
    open: open.length,
    accepted: accepted.length,
    resolved: findings.filter((finding) => finding.status === 'resolved').length,
    openBySeverity: countBy(open, (finding) => finding.severity),
    acceptedBySeverity: countBy(accepted, (finding) => finding.severity),
  };
}

/** Tomorrow, as YYYY-MM-DD in local time: the earliest date an acceptance may run until. */
export function tomorrow(now: Date = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function validateAcceptance(reason: string, until: string, now: Date = new Date()): { reason: string | null; until: string | null } {
  return {
    reason: reason.trim().length < 10 ? 'Say why, in at least 10 characters.' : null,
    until: !/^\d{4}-\d{2}-\d{2}$/.test(until) ? 'Choose the date the acceptance ends.' : until < tomorrow(now) ? 'The date must be in the future.' : null,
  };
}

/** The name of the governance policy a view is narrowed to, as its findings tell it (the ID when none does). */
export function policyFilterName(findings: readonly FindingSummary[], policyId: string): string {
  for (const finding of findings) {
    if (finding.policy?.id !== policyId) continue;
    const name = finding.policy.name;
    if (name !== null && name !== '') return name;
  }
  return policyId;
}
