import { expect as pwExpect, type Page } from '@playwright/test';
import { FindingsPage, goToAnalysis, InventoryPage, ShadowAiPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';

/** "3 of 57 findings" → { shown: 3, total: 57 }. */
async function findingsCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = await page.getByRole('main').getByTestId('findings-count').innerText();
  const match = /^([\d,]+) of ([\d,]+) finding/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) throw new Error(`Unexpected findings count: ${text}`);
  return { shown: Number(match[1].replace(/,/g, '')), total: Number(match[2].replace(/,/g, '')) };
}

const SHADOW_RULE = 'shadow_ai_unregistered';

/**
 * One change, every screen: the screens keep what they loaded in one cache (never fetched again just
 * because a screen opens), and a committed change invalidates what it touched. Registering an agent
 * in Shadow AI must show in the Inventory and the Findings already visited, with no reload.
 */
test.describe('Cache invalidation', () => {
  test('registering an agent from Shadow AI updates the cached Inventory status and Findings count, without a reload', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;

    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // Visit both screens, so their data is cached.
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await goToAnalysis(page, 'Findings');
    const findings = new FindingsPage(page);
    await expect(findings.items.first()).toBeVisible({ timeout: 60_000 });
    const before = await findingsCount(page);
    await findings.ruleFilter.selectOption(SHADOW_RULE);
    const shadowBefore = (await findingsCount(page)).shown;
    expect(shadowBefore).toBeGreaterThan(0);

    // From here on the page is never reloaded: a marker on window would be lost with it.
    await page.evaluate(() => {
      (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument = true;
    });

    await goToAnalysis(page, 'Shadow AI');
    const shadow = new ShadowAiPage(page);
    await expect(shadow.rows.first()).toBeVisible({ timeout: 60_000 });
    const firstRow = shadow.rows.first();
    const name = await shadow.agentName(firstRow);
    await shadow.register(name, 'ml-platform-team');
    await expect(page.locator('.toasts')).toContainText(`${name} is registered`);
    await app.dismissToasts();
    // Gone from Shadow AI (this screen's own cache follows too).
    await expect(shadow.table.getByRole('link', { name, exact: true })).toHaveCount(0);

    // Inventory, by the sidebar: the cached row now says Registered.
    await goToAnalysis(page, 'Inventory');
    await inventory.search.fill(name);
    await expect(inventory.row(name)).toHaveCount(1);
    await expect(inventory.row(name).locator('.inventory__status')).toHaveText('Registered');

    // Findings: its shadow_ai_unregistered finding is gone from the newest scan.
    await goToAnalysis(page, 'Findings');
    // Registering resolves its shadow-AI finding (and any other that asked for an owner).
    await pwExpect.poll(async () => (await findingsCount(page)).total).toBeLessThan(before.total);
    await findings.ruleFilter.selectOption(SHADOW_RULE);
    await pwExpect.poll(async () => (await findingsCount(page)).shown).toBe(shadowBefore - 1);

    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
