/**
 * An Overview figure's address opens a screen that shows exactly the figure's count: on the demo, in
 * Chromium, the Findings screen narrowed by step and by the tier of the finding's principal, and the
 * Inventory narrowed to Tier 1 identities on long-lived keys, each with its filter shown and clearable;
 * the ownership, key-age, trend and plan charts open what they count, by mouse and from their tables.
 */
import type { APIRequestContext } from '@playwright/test';
import type { AgentRow, FindingRow, Overview } from '../../shared/contract';
import { countFilter } from '../../shared/overview-filters';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

async function invoke<T>(request: APIRequestContext, warden: { origin: string; token: string }, channel: string, input: unknown): Promise<T> {
  const response = await request.post(`${warden.origin}/api/${channel}`, { headers: { Authorization: `Bearer ${warden.token}` }, data: input });
  const envelope = (await response.json()) as { ok: boolean; value: T };
  expect(envelope.ok, channel).toBe(true);
  return envelope.value;
}

test.describe('Overview figures open the rows they count', () => {
  test('findings by step and tier, and Tier 1 agents on long-lived keys, count as the Overview does', async ({ app, warden, request }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    const overview = await invoke<Overview>(request, warden, 'overview:get', { accountId: null });
    const { agents } = await invoke<{ agents: AgentRow[] }>(request, warden, 'agents:list', { scanId: null, accountId: null });
    const lists = { agents, ...(await invoke<{ findings: FindingRow[]; resolvedSinceLastScan: FindingRow[] }>(request, warden, 'findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null })) };
    const base = page.url().split('#')[0] ?? '';
    const main = page.getByRole('main');

    // A chart bar of open findings by severity and the principal's tier: `severity=…&status=new,open,regressed&tier=…`.
    const bar = overview.series.findingsBySeverityTier.flatMap((tier) => tier.counts).find((count) => count.value > 0 && count.filter.query.includes('tier=1'));
    expect(bar).toBeDefined();
    if (bar === undefined) return;
    await page.goto(`${base}#/findings?${bar.filter.query}`);
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${bar.value} of `), { timeout: 60_000 });
    await expect(main.getByTestId('tier-filter')).toContainText('Tier 1');
    await expect(main.getByTestId('findings-status').locator('option:checked')).toHaveText('Open (new, open or regressed)');

    // A step with a tier: the address a person could type; counted with the same match the Overview uses.
    const step = overview.series.findingsByStep.find((point) => point.value > 0);
    expect(step).toBeDefined();
    if (step?.filter.screen !== 'findings') return;
    await page.goto(`${base}#/findings?${step.filter.query}`);
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${step.value} of `), { timeout: 60_000 });
    await expect(main.getByTestId('step-filter')).toContainText(`${step.key}:`);
    const stepTier = { screen: 'findings' as const, query: `${step.filter.query}&tier=1`, match: { ...step.filter.match, tier: '1' as const } };
    const stepTierCount = countFilter(stepTier, lists);
    await page.goto(`${base}#/findings?${stepTier.query}`);
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${stepTierCount} of `), { timeout: 60_000 });
    await expect(main.getByTestId('step-filter')).toBeVisible();
    await expect(main.getByTestId('tier-filter')).toBeVisible();
    await saveScreenshots(page, 'findings-overview-filter');
    // Clearing the tier widens to the step's figure again.
    await main.getByTestId('tier-filter').getByRole('button', { name: 'Every tier' }).click();
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${step.value} of `));
    await expect(main.getByTestId('tier-filter')).toHaveCount(0);

    // Tier 1 agents on long-lived keys: `tier=1&keys=1`.
    const keys = overview.kpis.find((kpi) => kpi.id === 'tier1LongLivedKeys');
    expect(keys?.filter.query).toBe('tier=1&keys=1');
    if (keys === undefined) return;
    await page.goto(`${base}#/inventory?keys=1&tier=1`);
    await expect(main.getByTestId('inventory-count').locator('strong')).toHaveText(String(keys.value), { timeout: 60_000 });
    await expect(main.getByTestId('inventory-keys')).toBeChecked();
    await saveScreenshots(page, 'inventory-overview-filter');
    await main.getByTestId('inventory-keys').uncheck();
    const tier1 = overview.kpis.find((kpi) => kpi.id === 'tier1Agents');
    await expect(main.getByTestId('inventory-count').locator('strong')).toHaveText(String(tier1?.value));
    expect(page.url()).not.toContain('keys=1');
  });

  test('ownership, key-age, trend and plan charts open what they count, by mouse and from their tables', async ({ app, warden, request }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    const overview = await invoke<Overview>(request, warden, 'overview:get', { accountId: null });
    const base = page.url().split('#')[0] ?? '';
    const main = page.getByRole('main');
    const count = main.getByTestId('inventory-count').locator('strong');
    const { ownership } = overview.series;

    // The ownership chart's "No owner" bar of AI agents, by mouse: the Inventory lists that many.
    await page.goto(`${base}#/overview`);
    const chart = main.getByTestId('chart-ownership');
    await expect(chart.getByRole('img').first()).toHaveAttribute('aria-label', /^Ownership coverage: AI agents with an owner/, { timeout: 60_000 });
    // Bars are drawn series by series: with an owner (AI agents, all identities), then no owner (the same).
    await chart.locator('.recharts-bar-rectangle').nth(2).click();
    await expect(page).toHaveURL(/#\/inventory\?ai=1&owner=-none$/);
    await expect(count).toHaveText(String(ownership.aiAgents - ownership.aiAgentsOwned), { timeout: 60_000 });
    await expect(main.getByTestId('inventory-owner')).toHaveValue('-none');

    // From the table, by keyboard: all identities with an owner (owner=-any, which the Inventory now reads).
    await page.goto(`${base}#/overview`);
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const owned = chart.getByRole('link', { name: `${ownership.identitiesOwned} All identities with an owner` });
    await owned.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/inventory\?owner=-any$/);
    await expect(count).toHaveText(String(ownership.identitiesOwned), { timeout: 60_000 });
    await expect(main.getByTestId('inventory-owner').locator('option:checked')).toHaveText('Has an owner');

    // Key ages count identities by their oldest key: a bucket opens exactly those identities.
    const bucket = overview.series.keyAges.find((point) => point.key === 'gt365' && point.value > 0) ?? overview.series.keyAges.find((point) => point.value > 0);
    expect(bucket).toBeDefined();
    if (bucket === undefined) return;
    await page.goto(`${base}#/overview`);
    const ages = main.getByTestId('chart-key-ages');
    await ages.getByRole('button', { name: 'Show as table' }).click();
    await ages.getByRole('link', { name: `${bucket.value} Identities by their oldest access key, ${bucket.label}` }).click();
    await expect(page).toHaveURL(new RegExp(`#/inventory\\?keyage=${bucket.key}$`));
    await expect(count).toHaveText(String(bucket.value), { timeout: 60_000 });
    await expect(main.getByTestId('inventory-key-age').locator('option:checked')).toHaveText(bucket.label);

    // The trend across all accounts: the card says where a date goes; the latest opens today's open
    // findings with the same count, an earlier one the Scans list.
    await page.goto(`${base}#/overview`);
    const trend = main.getByTestId('chart-trend');
    await expect(trend).toContainText('The latest date opens today’s open findings; an earlier one opens the list of scans');
    await trend.getByRole('button', { name: 'Show as table' }).click();
    const latest = overview.series.trend.at(-1);
    expect(overview.series.trend.length).toBeGreaterThan(1);
    if (latest === undefined) return;
    await trend.getByRole('link', { name: /: open the open findings now$/ }).click();
    await expect(page).toHaveURL(/#\/findings\?status=new,open,regressed$/);
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${latest.open} of `), { timeout: 60_000 });
    await page.goto(`${base}#/overview`);
    await trend.getByRole('button', { name: 'Show as table' }).click();
    await trend.getByRole('link', { name: /: open the list of scans$/ }).first().click();
    await expect(page).toHaveURL(/#\/scans$/);

    // The plan's progress chart opens the Plan.
    await page.goto(`${base}#/overview`);
    await main.getByTestId('chart-plan-progress').getByRole('link', { name: 'Open the plan →' }).click();
    await expect(page).toHaveURL(/#\/plan$/);
  });
});
