import { InventoryPage } from './pages/analysis-pages';
import { AppShellPage, SECTION_NAMES } from './pages/app-shell-page';
import { expect, test } from './support/fixtures';
import { importVendorExport } from './support/vendor-export';

test.describe('Navigation', () => {
  test('the sidebar has exactly the sections the page object names, and each opens its screen', async ({ app }) => {
    await expect(app.nav.getByRole('link')).toHaveText([...SECTION_NAMES]);
    for (const section of SECTION_NAMES) {
      await app.goTo(section);
      await expect(app.navLink(section)).toHaveAttribute('aria-current', 'page');
      await expect(app.nav.locator('[aria-current="page"]')).toHaveCount(1);
    }
  });

  test('an agent’s page keeps Inventory highlighted, and the link back works', async ({ app }) => {
    await importVendorExport(app);
    await app.goTo('Inventory');
    const inventory = new InventoryPage(app.page);
    await inventory.row('helpdesk-vendor').getByRole('link', { name: 'helpdesk-vendor', exact: true }).click();
    await expect(app.heading).toContainText('helpdesk-vendor');
    expect(app.page.url()).toContain('#/agents/');
    await expect(app.navLink('Inventory')).toHaveAttribute('aria-current', 'page');
    await expect(app.nav.locator('[aria-current="page"]')).toHaveCount(1);

    await app.navLink('Inventory').click();
    await expect(app.heading).toHaveText('Inventory');
    await expect(app.navLink('Inventory')).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('First landing', () => {
  test('an empty workspace opened on its plain address starts on Connections', async ({ app, warden }) => {
    await expect(app.heading).toHaveText('Connections');
    expect(app.page.url()).toBe(`${warden.origin}/#/connections`);
  });

  test('while the landing is being decided, the Overview’s heading does not flash before Connections', async ({ page, warden }) => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/overview:get$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(warden.url);
    const app = new AppShellPage(page);
    await expect(app.main.getByRole('status').filter({ hasText: 'Opening the workspace…' })).toBeVisible();
    await expect(app.heading).toHaveCount(0);
    release();
    await expect(app.heading).toHaveText('Connections');
    expect(page.url()).toBe(`${warden.origin}/#/connections`);
  });

  test('an empty workspace opened on another route shows the inventory when asked for it, not Connections', async ({ page, warden }) => {
    const app = new AppShellPage(page);
    await app.open(`${warden.url}&/settings`);
    await expect(app.heading).toHaveText('Settings');
    await app.goTo('Inventory');
    await expect(app.main.getByRole('heading', { name: 'Nothing scanned yet' })).toBeVisible();
    await expect(app.heading).toHaveText('Inventory');
  });

  test('a workspace with a scan starts on the Overview', async ({ app, page, warden }) => {
    await importVendorExport(app);
    const fresh = new AppShellPage(page);
    await fresh.open(warden.url);
    await expect(fresh.heading).toHaveText('Overview');
    await expect(page.getByTestId('overview-verdict')).toBeVisible();
    expect(page.url()).toBe(`${warden.origin}/#/overview`);
    // The inventory is one click away, and no longer decides the landing.
    await fresh.goTo('Inventory');
    await expect(new InventoryPage(page).row('helpdesk-vendor')).toBeVisible();
  });
});
