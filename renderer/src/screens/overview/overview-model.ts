/**
 * What the Overview shows, computed from `overview:get` without React: the address a figure opens,
 * how a KPI's change reads (arrow, words, whether it is good news), and the rows the charts and their
 * "Show as table" alternatives draw from. Kept here so a unit test holds it.
 */
import type { Overview, OverviewFilter, OverviewKpi, TrendOpens } from '@shared/contract';

/** The address a figure opens: `#/findings?severity=critical,high&…` (`#/inventory` with no filter). */
export function filterHref(filter: OverviewFilter | TrendOpens): string {
  return `#/${filter.screen}${filter.query === '' ? '' : `?${filter.query}`}`;
}

/** Which way a KPI should move: fewer open findings is good, more resolved is good, more AI agents is neither. */
export type GoodDirection = 'down' | 'up' | 'neutral';

export const KPI_GOOD_DIRECTION: Record<OverviewKpi['id'], GoodDirection> = {
  identities: 'neutral',
  aiAgents: 'neutral',
  tier1Agents: 'neutral',
  openCriticalHigh: 'down',
  aiAgentsWithoutOwner: 'down',
  tier1LongLivedKeys: 'down',
  unregisteredAiAgents: 'down',
  reviewsOverdue: 'down',
  acceptedRisks: 'neutral',
  newFindings: 'down',
  resolvedFindings: 'up',
};

/** The KPIs the screen leads with (what is in the way of "yes"), then the size of the estate, then the last scan's movement. */
export const KPI_ORDER: readonly OverviewKpi['id'][] = [
  'openCriticalHigh',
  'tier1LongLivedKeys',
  'aiAgentsWithoutOwner',
  'unregisteredAiAgents',
  'reviewsOverdue',
  'aiAgents',
  'tier1Agents',
  'identities',
  'newFindings',
  'resolvedFindings',
  'acceptedRisks',
];

export interface ChangeView {
  /** `▲`, `▼`, or `–` for no change; null when there is no previous scan to compare with. */
  arrow: '▲' | '▼' | '–' | null;
  /** What is seen beside the arrow: `3`, `no change`, `no previous scan`. */
  text: string;
  /** The same said in full, for a screen reader and a tooltip. */
  words: string;
  tone: 'good' | 'bad' | 'neutral';
}

/** How a change since the previous scan reads, given which way is good for the figure. */
export function changeView(delta: number | null, good: GoodDirection): ChangeView {
  if (delta === null) return { arrow: null, text: 'no previous scan', words: 'No previous scan to compare with', tone: 'neutral' };
  if (delta === 0) return { arrow: '–', text: 'no change', words: 'No change since the previous scan', tone: 'neutral' };
  const up = delta > 0;
  const size = Math.abs(delta).toLocaleString('en-GB');
  const tone = good === 'neutral' ? 'neutral' : (good === 'up') === up ? 'good' : 'bad';
  const judgement = tone === 'good' ? ' (better)' : tone === 'bad' ? ' (worse)' : '';
  return { arrow: up ? '▲' : '▼', text: size, words: `${up ? 'Up' : 'Down'} ${size} since the previous scan${judgement}`, tone };
}

/** What a KPI's good direction says under it, so the colour is never the only cue. */
export function goodDirectionWords(good: GoodDirection): string {
  return good === 'down' ? 'fewer is better' : good === 'up' ? 'more is better' : '';
}

/** The KPIs that stand between the team and a "yes" (the rest describe the estate and the last scan's movement). */
export const BLOCKING_KPIS: ReadonlySet<OverviewKpi['id']> = new Set(['openCriticalHigh', 'tier1LongLivedKeys', 'aiAgentsWithoutOwner', 'unregisteredAiAgents', 'reviewsOverdue']);

/** The KPIs in the screen's order (any the list does not name last, as sent). */
export function orderedKpis(kpis: readonly OverviewKpi[]): OverviewKpi[] {
  const rank = (id: OverviewKpi['id']): number => {
    const index = KPI_ORDER.indexOf(id);
    return index === -1 ? KPI_ORDER.length : index;
  };
  return [...kpis].sort((a, b) => rank(a.id) - rank(b.id));
}

/** One figure of a chart and its table: label, value and, where the series carries one, the list it opens. */
export interface ChartPoint {
  key: string;
  label: string;
  value: number;
  href: string | null;
}

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type SeverityKey = (typeof SEVERITY_ORDER)[number];

/** One tier's bar of open findings, a segment per severity. */
export interface SeverityTierRow {
  tier: string;
  label: string;
  total: number;
  counts: Record<SeverityKey, number>;
  hrefs: Record<SeverityKey, string | null>;
}

/** Open findings by tier, each split by severity, for a stacked bar (tiers with none left out, so the chart is not padded with empty bars). */
export function severityTierRows(series: Overview['series']['findingsBySeverityTier']): SeverityTierRow[] {
  return series
    .map((tier) => {
      const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 } satisfies Record<SeverityKey, number>;
      const hrefs: Record<SeverityKey, string | null> = { critical: null, high: null, medium: null, low: null, info: null };
      for (const point of tier.counts) {
        const key = SEVERITY_ORDER.find((name) => name === point.key);
        if (key === undefined) continue;
        counts[key] = point.value;
        hrefs[key] = filterHref(point.filter);
      }
      const total = SEVERITY_ORDER.reduce((sum, key) => sum + counts[key], 0);
      return { tier: tier.tier, label: tier.tier === 'none' ? 'No identity' : tier.label, total, counts, hrefs };
    })
    .filter((row) => row.total > 0);
}

/** The severities that occur in any tier (so the legend and table name no empty column). */
export function severitiesPresent(rows: readonly SeverityTierRow[]): SeverityKey[] {
  return SEVERITY_ORDER.filter((key) => rows.some((row) => row.counts[key] > 0));
}

/** A series of counts with filters as chart points. */
export function countPoints(series: readonly { key: string; label: string; value: number; filter?: OverviewFilter }[]): ChartPoint[] {
  return series.map((point) => ({ key: point.key, label: point.label, value: point.value, href: point.filter === undefined ? null : filterHref(point.filter) }));
}

/** A share as a whole percentage; 100 when there is nothing to own (nothing is missing an owner). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((100 * part) / whole);
}

/** Ownership coverage as two bars (AI agents, identities), owned and without an owner, each part opening the rows it counts. */
export interface OwnershipRow {
  key: 'aiAgents' | 'identities';
  label: string;
  owned: number;
  unowned: number;
  percent: number;
  ownedHref: string;
  unownedHref: string;
}

export function ownershipRows(overview: Overview): OwnershipRow[] {
  const { ownership } = overview.series;
  const { filters } = ownership;
  return [
    {
      key: 'aiAgents',
      label: 'AI agents',
      owned: ownership.aiAgentsOwned,
      unowned: ownership.aiAgents - ownership.aiAgentsOwned,
      percent: percent(ownership.aiAgentsOwned, ownership.aiAgents),
      ownedHref: filterHref(filters.aiAgentsOwned),
      unownedHref: filterHref(filters.aiAgentsWithoutOwner),
    },
    {
      key: 'identities',
      label: 'All identities',
      owned: ownership.identitiesOwned,
      unowned: ownership.identities - ownership.identitiesOwned,
      percent: percent(ownership.identitiesOwned, ownership.identities),
      ownedHref: filterHref(filters.identitiesOwned),
      unownedHref: filterHref(filters.identitiesWithoutOwner),
    },
  ];
}

/** One date of the trend with the address it opens and what that is, in words (for the link's name). */
export interface TrendRow {
  date: string;
  day: string;
  open: number;
  new: number;
  resolved: number;
  href: string;
  opensWords: string;
}

export function trendRows(trend: Overview['series']['trend']): TrendRow[] {
  return trend.map((point) => {
    const day = shortDate(point.date);
    const opensWords =
      point.opens.screen === 'scans' ? 'the list of scans' : point.opens.scanId === null ? 'the open findings now' : `the open findings of the scan of ${day}`;
    return { date: point.date, day, open: point.open, new: point.new, resolved: point.resolved, href: filterHref(point.opens), opensWords };
  });
}

/** What a click on the trend opens, said on the card (docs/overview.md "Series"). */
export function trendWords(overview: Overview): { what: string; click: string } {
  const oneAccount = overview.scope.accountId !== null || overview.scope.accounts.length === 1;
  return oneAccount
    ? { what: 'Open, new and resolved findings per scan date.', click: 'A date opens that day’s scan: its findings still open, as triaged today.' }
    : { what: 'Open, new and resolved findings per scan date, all accounts.', click: 'The latest date opens today’s open findings; an earlier one opens the list of scans.' };
}

/** `2026-12-06` → `6 Dec` (UTC: a trend's day is a UTC day). */
export function shortDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** A chart's accessible name with its figures: `Identities by tier: Tier 1 60, Tier 2 93, Tier 3 29`. */
export function chartLabel(title: string, points: readonly { label: string; value: number }[]): string {
  return points.length === 0 ? `${title}: nothing to show` : `${title}: ${points.map((point) => `${point.label} ${point.value.toLocaleString('en-GB')}`).join(', ')}`;
}

/** How the score moved, higher being better. */
export function scoreChange(score: Overview['score']): ChangeView {
  return changeView(score.previous === null ? null : score.value - score.previous, 'up');
}
