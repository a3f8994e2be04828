/**
 * An Overview figure's address opens a screen that shows exactly the figure's count: on the demo, in
 * Chromium, the Findings screen narrowed by step and by the tier of the finding's principal, and the
 * Inventory narrowed to Tier 1 identities on long-lived keys, each with its filter shown and clearable.
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
});
