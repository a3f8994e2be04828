import { goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { PoliciesPage } from './pages/policies-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

test.describe('People and AI administrators are not AI agents', () => {
  test('the demo lists Identity Center roles as human access and the ML deploy role as managing AI, not as shadow AI', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await app.dismissToasts();

    // An IAM Identity Center permission-set role: people sign in through it.
    await inventory.search.fill('AWSReservedSSO_DataScientist');
    await expect(inventory.rows.first()).toBeVisible();
    await expect(inventory.rows.first().getByTestId('human-access-badge')).toHaveText('Human access');
    await expect(inventory.rows.first().locator('.ai-badge:not(.ai-badge--human)')).toHaveCount(0);
    await inventory.search.fill('AWSReservedSSO');
    await expect(inventory.rows.first().getByTestId('human-access-badge')).toBeVisible();
    await saveScreenshots(page, 'inventory-human-access');

    // A deploy role with SageMaker control-plane permissions only.
    await inventory.search.fill('github-actions-ml-deploy');
    await expect(inventory.count).toContainText(/^1 of /);
    const deploy = inventory.row('github-actions-ml-deploy');
    await expect(deploy.getByTestId('manages-ai-badge')).toHaveText('Manages AI');
    await inventory.search.fill('deploy');
    await saveScreenshots(page, 'inventory-ai-use');

    // Its page says which, in the AI section.
    await inventory.search.fill('github-actions-ml-deploy');
    await deploy.getByRole('link', { name: 'github-actions-ml-deploy', exact: true }).click();
    await expect(app.heading).toContainText('github-actions-ml-deploy');
    await expect(page.getByRole('main').getByTestId('manages-ai-badge')).toBeVisible();
    await expect(page.getByRole('main')).toContainText('Manages AI: its AI permissions only create and configure AI resources');
    await page.getByRole('main').getByRole('heading', { name: 'AI signals' }).scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'agent-manages-ai');

    // Neither is shadow AI.
    await goToAnalysis(page, 'Shadow AI');
    await expect(page.getByRole('main')).not.toContainText('github-actions-ml-deploy');
    await expect(page.getByRole('main')).not.toContainText('AWSReservedSSO_');

    // One gap, one finding: each built-in policy names the catalogue rule that reports its violations.
    await app.goTo('Policies');
    const builtIn = new PoliciesPage(page).builtInPolicies;
    await expect(builtIn.getByRole('row').filter({ hasText: 'owned agent' })).toContainText('Reported as agent_missing_owner findings');
    await expect(builtIn.getByRole('row').filter({ hasText: 'registered identity' })).toContainText('Reported as shadow_ai_unregistered findings');
    await builtIn.scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'policies-built-in');
  });
});
