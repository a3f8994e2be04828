/**
 * The rows an Overview figure counts (`OverviewFilter.match`), applied to what `agents:list` and
 * `findings:list` answer. The integration test holds every KPI to these counts, so a figure and the
 * list it opens agree; the screens can filter with the same functions.
 */
import type { AgentRow, FindingRow, KeyAgeBucket, OverviewFilter } from './contract';

/** What a finding filter reads: a whole row (`findings:list`) or a summary (`findings:summaries`) alike. */
export type FilteredFinding = Pick<FindingRow, 'scanId' | 'principalArn' | 'severity' | 'status' | 'ruleId' | 'isNew' | 'step'>;

export type InventoryMatch = Extract<OverviewFilter, { screen: 'inventory' }>['match'];
export type FindingsMatch = Extract<OverviewFilter, { screen: 'findings' }>['match'];

/** How a key-age bucket reads, on the Overview's chart and the Inventory's filter alike. */
export const KEY_AGE_LABELS: Record<KeyAgeBucket, string> = { lt30: '< 30 days', d30to90: '30–90 days', d90to365: '90–365 days', gt365: '> 1 year', unknown: 'Age unknown' };

/** The bucket of one key's age in days at the scan (null: unknown). */
export function keyAgeBucket(days: number | null): KeyAgeBucket {
  if (days === null) return 'unknown';
  if (days < 30) return 'lt30';
  if (days < 90) return 'd30to90';
  if (days < 365) return 'd90to365';
  return 'gt365';
}

/**
 * The bucket of an identity's oldest active access key, null when it has none. A key of unknown age
 * does not hide a known old one: `unknown` only when no key's age is known.
 */
export function oldestKeyAgeBucket(ages: readonly (number | null)[]): KeyAgeBucket | null {
  if (ages.length === 0) return null;
  let oldest: number | null = null;
  for (const age of ages) if (age !== null && (oldest === null || age > oldest)) oldest = age;
  return keyAgeBucket(oldest);
}

/** The inventory's rows for a match: AWS-managed roles are left out, as the inventory does by default. */
export function matchesInventory(row: AgentRow, match: InventoryMatch): boolean {
  return !row.awsManaged && matchesInventoryFields(row, match);
}

/** The match alone, AWS-managed roles included: the inventory screen shows them when asked to. */
export function matchesInventoryFields(row: AgentRow, match: InventoryMatch): boolean {
  if (match.ai !== undefined && row.ai !== match.ai) return false;
  if (match.tier !== undefined && row.tier !== match.tier) return false;
  if (match.owner === 'none' && row.owner !== null) return false;
  if (match.owner === 'any' && row.owner === null) return false;
  if (match.status !== undefined && row.status !== match.status) return false;
  if (match.activeKeys !== undefined && row.activeKeyCount > 0 !== match.activeKeys) return false;
  if (match.keyAge !== undefined && oldestKeyAgeBucket(row.activeAccessKeyAges ?? []) !== match.keyAge) return false;
  return true;
}

/** The tier of the identity a finding names as principal, in the finding's own scan ('none': no principal, or not an inventory row). */
export type FindingTierOf = (finding: FilteredFinding) => '1' | '2' | '3' | 'none';

/** A lookup from `agents:list` rows, by scan and the finding's principal ARN. */
export function tierLookup(agents: readonly AgentRow[]): FindingTierOf {
  const tiers = new Map(agents.map((row) => [`${row.scanId}\n${row.arn}`, String(row.tier) as '1' | '2' | '3']));
  return (finding) => (finding.principalArn === null ? 'none' : (tiers.get(`${finding.scanId}\n${finding.principalArn}`) ?? 'none'));
}

export function matchesFindings(finding: FilteredFinding, match: FindingsMatch, tierOf: FindingTierOf): boolean {
  if (match.severities !== undefined && !match.severities.includes(finding.severity)) return false;
  if (match.statuses !== undefined && !match.statuses.includes(finding.status)) return false;
  if (match.ruleId !== undefined && finding.ruleId !== match.ruleId) return false;
  if (match.isNew !== undefined && finding.isNew !== match.isNew) return false;
  if (match.step !== undefined && finding.step !== match.step) return false;
  if (match.tier !== undefined && tierOf(finding) !== match.tier) return false;
  return true;
}

/** How many rows of the lists a filter counts. */
export function countFilter(filter: OverviewFilter, lists: { agents: readonly AgentRow[]; findings: readonly FilteredFinding[]; resolvedSinceLastScan: readonly FilteredFinding[] }): number {
  if (filter.screen === 'inventory') return lists.agents.filter((row) => matchesInventory(row, filter.match)).length;
  const tierOf = tierLookup(lists.agents);
  const rows = filter.match.list === 'findings' ? lists.findings : lists.resolvedSinceLastScan;
  return rows.filter((row) => matchesFindings(row, filter.match, tierOf)).length;
}
