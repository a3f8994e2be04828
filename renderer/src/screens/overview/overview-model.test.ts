import { describe, expect, it } from 'vitest';
import type { Overview, OverviewKpi } from '@shared/contract';
import { BLOCKING_KPIS, changeView, chartLabel, filterHref, KPI_GOOD_DIRECTION, orderedKpis, ownershipRows, percent, scoreChange, severitiesPresent, severityTierRows, shortDate, trendWords, trendRows } from './overview-model';

const findingsFilter = (query: string) => ({ screen: 'findings' as const, query, match: { list: 'findings' as const } });

describe('the Overview view model', () => {
  it('a figure opens its screen with its query, or the bare screen with none', () => {
    expect(filterHref(findingsFilter('severity=critical,high&status=new,open,regressed'))).toBe('#/findings?severity=critical,high&status=new,open,regressed');
    expect(filterHref({ screen: 'inventory', query: '', match: {} })).toBe('#/inventory');
  });

  it('a change reads with its arrow, and is good or bad by the figure’s good direction', () => {
    expect(changeView(3, 'down')).toEqual({ arrow: '▲', text: '3', words: 'Up 3 since the previous scan (worse)', tone: 'bad' });
    expect(changeView(-2, 'down')).toMatchObject({ arrow: '▼', text: '2', tone: 'good' });
    expect(changeView(5, 'up')).toMatchObject({ arrow: '▲', tone: 'good' });
    expect(changeView(1234, 'neutral')).toMatchObject({ text: '1,234', tone: 'neutral', words: 'Up 1,234 since the previous scan' });
    expect(changeView(0, 'down')).toMatchObject({ arrow: '–', text: 'no change', tone: 'neutral' });
    expect(changeView(null, 'down')).toMatchObject({ arrow: null, text: 'no previous scan', tone: 'neutral' });
  });

  it('fewer open findings is good, more resolved is good; the score is better higher', () => {
    expect(KPI_GOOD_DIRECTION.openCriticalHigh).toBe('down');
    expect(KPI_GOOD_DIRECTION.resolvedFindings).toBe('up');
    expect(scoreChange({ value: 78, previous: 81, formula: '' })).toMatchObject({ arrow: '▼', text: '3', tone: 'bad' });
    expect(scoreChange({ value: 81, previous: null, formula: '' }).arrow).toBeNull();
  });

  it('KPIs lead with what stands in the way of “yes”', () => {
    const kpi = (id: OverviewKpi['id']): OverviewKpi => ({ id, label: id, value: 1, previous: null, delta: null, filter: findingsFilter('') });
    expect(orderedKpis([kpi('identities'), kpi('aiAgents'), kpi('openCriticalHigh')]).map((k) => k.id)).toEqual(['openCriticalHigh', 'aiAgents', 'identities']);
    // What stands in the way of a yes is always something to have fewer of.
    expect([...BLOCKING_KPIS].every((id) => KPI_GOOD_DIRECTION[id] === 'down')).toBe(true);
  });

  it('open findings by tier: one row per tier that has any, each severity with its count and link', () => {
    const point = (tier: string, key: string, value: number) => ({ key, label: key, value, filter: findingsFilter(`severity=${key}&tier=${tier}`) });
    const rows = severityTierRows([
      { tier: '1', label: 'Tier 1', counts: [point('1', 'critical', 2), point('1', 'high', 3), point('1', 'info', 0)] },
      { tier: '2', label: 'Tier 2', counts: [point('2', 'critical', 0)] },
      { tier: 'none', label: 'Not an inventory identity', counts: [point('none', 'medium', 1)] },
    ]);
    expect(rows.map((row) => [row.tier, row.label, row.total])).toEqual([
      ['1', 'Tier 1', 5],
      ['none', 'No identity', 1],
    ]);
    expect(rows[0]?.counts).toEqual({ critical: 2, high: 3, medium: 0, low: 0, info: 0 });
    expect(rows[0]?.hrefs.high).toBe('#/findings?severity=high&tier=1');
    expect(rows[0]?.hrefs.low).toBeNull();
    expect(severitiesPresent(rows)).toEqual(['critical', 'high', 'medium']);
  });

  it('ownership coverage: owned and not, as a percentage (nothing to own is full coverage); each part opens its own rows', () => {
    expect(percent(30, 34)).toBe(88);
    expect(percent(0, 0)).toBe(100);
    const inventory = (query: string) => ({ screen: 'inventory' as const, query, match: {} });
    const overview = {
      series: {
        ownership: {
          aiAgents: 34,
          aiAgentsOwned: 30,
          identities: 182,
          identitiesOwned: 159,
          filters: { aiAgentsOwned: inventory('ai=1&owner=-any'), aiAgentsWithoutOwner: inventory('ai=1&owner=-none'), identitiesOwned: inventory('owner=-any'), identitiesWithoutOwner: inventory('owner=-none') },
        },
      },
    } as unknown as Overview;
    expect(ownershipRows(overview)).toEqual([
      { key: 'aiAgents', label: 'AI agents', owned: 30, unowned: 4, percent: 88, ownedHref: '#/inventory?ai=1&owner=-any', unownedHref: '#/inventory?ai=1&owner=-none' },
      { key: 'identities', label: 'All identities', owned: 159, unowned: 23, percent: 87, ownedHref: '#/inventory?owner=-any', unownedHref: '#/inventory?owner=-none' },
    ]);
  });

  it('a trend date opens its scan, today’s findings or the scans, and the card says which', () => {
    const match = { list: 'findings' as const };
    const rows = trendRows([
      { date: '2026-11-29', open: 9, new: 9, resolved: 0, opens: { screen: 'scans', query: '' } },
      { date: '2026-12-01', open: 8, new: 0, resolved: 1, opens: { screen: 'findings', query: 'scan=s2&status=new,open,regressed', scanId: 's2', match } },
      { date: '2026-12-06', open: 7, new: 1, resolved: 2, opens: { screen: 'findings', query: 'status=new,open,regressed', scanId: null, match } },
    ]);
    expect(rows.map((row) => [row.href, row.opensWords])).toEqual([
      ['#/scans', 'the list of scans'],
      ['#/findings?scan=s2&status=new,open,regressed', 'the open findings of the scan of 1 Dec'],
      ['#/findings?status=new,open,regressed', 'the open findings now'],
    ]);
    const scope = (accountId: string | null, accounts: number) => ({ scope: { accountId, accounts: Array.from({ length: accounts }, () => ({})) } }) as unknown as Overview;
    expect(trendWords(scope(null, 3)).click).toMatch(/latest date opens today’s open findings; an earlier one opens the list of scans/);
    expect(trendWords(scope('111122223333', 3)).click).toMatch(/A date opens that day’s scan/);
    expect(trendWords(scope(null, 1)).click).toMatch(/A date opens that day’s scan/);
  });

  it('a chart is named by its figures; a trend day reads as a short UTC date', () => {
    expect(chartLabel('Identities by risk tier', [{ label: 'Tier 1', value: 60 }, { label: 'Tier 2', value: 1093 }])).toBe('Identities by risk tier: Tier 1 60, Tier 2 1,093');
    expect(chartLabel('Empty', [])).toBe('Empty: nothing to show');
    expect(shortDate('2026-12-06')).toBe('6 Dec');
    expect(shortDate('not a date')).toBe('not a date');
  });
});
