import { ConnectionsPage } from './pages/connections-page';
import { ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';

test.describe('Demo company', () => {
  test('first run and the empty history offer the demo; it opens with a banner everywhere, its scans in the history, and a way back', async ({ app }) => {
    test.setTimeout(90_000);
    const connections = new ConnectionsPage(app.page);
    await expect(connections.firstRun).toContainText('No AWS account at hand?');
    await expect(app.demoBanner).toHaveCount(0);

    await connections.demoButton.click();
    // The demo is built through the real import path, then shown from the scan history.
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    await expect(app.demoBanner).toContainText('You are exploring the demo company');
    await expect(app.heading).toHaveText('Scans');
    await expect(app.workspaceName).toHaveText('Demo workspace');

    const scans = new ScansPage(app.page);
    await expect(scans.rows.first()).toBeVisible();
    await expect(scans.rows.first()).toContainText('Demo');
    // Nothing offers the demo while it is open.
    await expect(app.main.getByRole('button', { name: 'Explore the demo company' })).toHaveCount(0);

    // The banner is on every screen.
    await app.goTo('Settings');
    await expect(app.demoBanner).toBeVisible();
    await app.goTo('Connections');
    await expect(app.demoBanner).toBeVisible();

    await app.demoBanner.getByRole('button', { name: 'Open my workspace (workspace.sqlite)' }).click();
    await expect(app.demoBanner).toHaveCount(0);
    await expect(app.workspaceName).toHaveText('workspace.sqlite');
    await app.goTo('Scans');
    await expect(scans.empty).toBeVisible();

    // The empty scan history offers it too.
    await scans.demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    await expect(scans.rows.first()).toBeVisible();
    await expect(scans.empty).toHaveCount(0);
  });
});
