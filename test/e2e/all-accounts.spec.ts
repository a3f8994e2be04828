import { AgentPage, goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

test.describe('All accounts on the demo company', () => {
  test('the Inventory lists all three accounts, narrows to the sandbox and its Bedrock API key; a past scan links to its inventory as a past view', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await app.dismissToasts();
    const main = page.getByRole('main');
    await expect(main.getByTestId('view-line')).toContainText('Current state of 3 accounts');
    // The per-account counts add up to the rows counted.
    const countText = (await inventory.count.textContent()) ?? '';
    const shown = Number(/^([\d,]+) of/.exec(countText)?.[1]?.replace(/,/g, ''));
    const parts = [...((await main.getByTestId('inventory-account-counts').textContent()) ?? '').matchAll(/quillmere-(prod|staging|sandbox) ([\d,]+)/g)];
    expect(parts.map((part) => part[1]).sort()).toEqual(['prod', 'sandbox', 'staging']);
    expect(parts.reduce((sum, part) => sum + Number((part[2] ?? '0').replace(/,/g, '')), 0)).toBe(shown);
    // Rows of every account, by name (the ID on hover): sorted by account, the first and last differ.
    await inventory.table.getByRole('columnheader', { name: 'Account' }).click();
    await expect(inventory.rows.first().getByTestId('inventory-account')).toHaveText('quillmere-prod');
    await saveScreenshots(page, 'inventory-all-accounts');

    // The account filter, by name and alias, in the address.
    const accountFilter = main.getByRole('search').getByRole('combobox', { name: 'Account' });
    const sandboxOption = accountFilter.locator('option', { hasText: 'quillmere-sandbox' });
    await expect(sandboxOption).toHaveText(/^quillmere-sandbox \(\d{12}\)$/);
    await accountFilter.selectOption((await sandboxOption.getAttribute('value')) ?? '');
    await expect(page).toHaveURL(/account=\d{12}/);
    await expect(main.getByTestId('inventory-account-counts')).toHaveCount(0);
    const accounts = await inventory.rows.getByTestId('inventory-account').allTextContents();
    expect(new Set(accounts)).toEqual(new Set(['quillmere-sandbox']));
    // The sandbox's headline story: a Bedrock API key someone made this week.
    await inventory.search.fill('BedrockAPIKey');
    await expect(inventory.row('BedrockAPIKey-hk4z')).toBeVisible();
    await inventory.row('BedrockAPIKey-hk4z').getByRole('link', { name: 'BedrockAPIKey-hk4z' }).click();
    const agent = new AgentPage(page);
    await expect(agent.heading).toContainText('BedrockAPIKey-hk4z');
    await expect(main.getByTestId('agent-account')).toContainText('quillmere-sandbox');
    await expect(main.getByText(/Bedrock API key/i).first()).toBeVisible();
    await expect(main.getByTestId('view-line')).toContainText('From the newest');

    // A scan with a newer one of its account: its page links to its inventory, a past view.
    await app.goTo('Scans');
    const scanLinks = main.getByRole('table').getByRole('rowheader').getByRole('link');
    const count = await scanLinks.count();
    let past = false;
    for (let index = count - 1; index >= 0 && !past; index -= 1) {
      await app.goTo('Scans');
      await scanLinks.nth(index).click();
      await expect(main.getByTestId('scan-results')).toBeVisible();
      past = (await main.getByTestId('scan-past-note').count()) > 0;
    }
    expect(past).toBe(true);
    await app.dismissToasts();
    await saveScreenshots(page, 'scan-detail-past');
    const scanUrl = page.url();
    const scanId = decodeURIComponent(/#\/scans\/([^?]+)/.exec(scanUrl)?.[1] ?? '');
    await main.getByTestId('scan-inventory-link').click();
    await expect(page).toHaveURL(new RegExp(`#/inventory\\?scan=${encodeURIComponent(scanId)}`));
    await expect(main.getByTestId('view-line')).toContainText('A past view');
    await expect(inventory.rows.first()).toBeVisible();
    // Its rows open the identity as that scan saw it: a past view too, with the way to the current one.
    await inventory.rows.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/#\/agents\/.+\?scan=/);
    await expect(main.getByTestId('view-line')).toContainText('A past view');
    await expect(main.getByTestId('agent-current-link')).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'agent-past-view');
    await main.getByTestId('agent-current-link').click();
    await expect(page).not.toHaveURL(/\?scan=/);
    await expect(main.getByTestId('view-line')).toContainText('From the newest');
  });
});
