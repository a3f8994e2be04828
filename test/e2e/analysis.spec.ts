import { AgentPage, AuditPage, FindingsPage, goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

const XSS = '<img src=x onerror=alert(1)>';

function inDays(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

test.describe('Analysis on the demo company', () => {
  test('find an agent, see why its tier, accept a finding, see it audited, and AWS text stays text', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // Inventory: search narrows at once; the state is in the address.
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await app.dismissToasts();
    await saveScreenshots(page, 'inventory');
    await inventory.search.fill('ci-legacy-jenkins');
    await expect(inventory.count).toContainText(/^1 of /);
    // The address follows once typing pauses.
    await expect(page).toHaveURL(/q=ci-legacy-jenkins/);
    // Reload: the search comes back from the address.
    await page.reload();
    await expect(inventory.search).toHaveValue('ci-legacy-jenkins');

    // Keyboard: focus the table, Enter opens the active row.
    await inventory.table.focus();
    await page.keyboard.press('Enter');
    const agent = new AgentPage(page);
    await expect(agent.heading).toContainText('ci-legacy-jenkins');
    await expect(agent.tierReasons.or(page.getByText('No rule raised it'))).toBeVisible();
    await expect(agent.findings.getByRole('row')).not.toHaveCount(0);
    await app.dismissToasts();
    await saveScreenshots(page, 'agent');

    // Registry with markup in it: shown as text, never run.
    await agent.saveRegistry({ owner: 'platform-team', purpose: XSS });
    await page.reload();
    await expect(agent.registry.getByLabel(/^Purpose/)).toHaveValue(XSS);

    // A finding of this agent: accept its risk.
    await agent.findings.getByRole('link').first().click();
    await expect(app.heading).toHaveText('Findings');
    const findings = new FindingsPage(page);
    const item = findings.expanded();
    await expect(item).toBeVisible();
    // A copyable command says which shells its quoting is for.
    await expect(item.getByTestId('fix-shell')).toHaveText('For bash, zsh or another POSIX shell.');
    await findings.acceptRisk(item, 'Legacy CI retires next quarter; tracked in OPS-42.', inDays(30));
    await expect(item.locator('.finding__status')).toContainText('Accepted');
    await expect(item.getByTestId('acceptance')).toContainText('OPS-42');
    await app.dismissToasts();
    await saveScreenshots(page, 'findings');

    // The audit log has both changes, and the chain verifies.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    await expect(audit.table).toContainText('OPS-42');
    await expect(audit.table).toContainText(XSS);
    await audit.verifyButton.click();
    await expect(page.getByText('The chain is intact')).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'audit');

    await goToAnalysis(page, 'Shadow AI');
    await expect(page.getByTestId('shadow-ai-table').or(page.getByText('No shadow AI'))).toBeVisible();
    await saveScreenshots(page, 'shadow-ai');

    // The owner typed above shows as text in the inventory too; nothing ever ran.
    await goToAnalysis(page, 'Inventory');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});
