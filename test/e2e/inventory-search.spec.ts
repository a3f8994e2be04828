import { goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { expect, test } from './support/fixtures';
import { importVendorExport } from './support/vendor-export';

test.describe('Inventory search and the address', () => {
  test('filters on each keystroke, writes the address once typing pauses, and gives way to Back and to Clear', async ({ app }) => {
    const { page } = app;
    await importVendorExport(app);
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.row('helpdesk-vendor')).toBeVisible();
    const start = page.url();

    // Typed key by key, faster than the address is written: the table follows every key, the address
    // the settled text only, in one history entry. The page's clock is held while the keys are typed:
    // on a loaded machine a key could otherwise arrive after the pause (300 ms), and the address would
    // rightly follow the text typed so far; the test is about the rule, not the machine's speed.
    await page.evaluate(`{
      const replace = history.replaceState.bind(history);
      window.addressWrites = [];
      history.replaceState = (...args) => { window.addressWrites.push(String(args[2] ?? '')); return replace(...args); };
    }`);
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await inventory.search.pressSequentially('helpdesk', { delay: 20 });
    await expect(inventory.count).toContainText(/^1 of /);
    // Nothing is written while the keys come (the clock has not moved), then the pause writes it once.
    expect((await page.evaluate<string[]>('window.addressWrites')).filter((target) => target.includes('q='))).toEqual([]);
    await page.clock.runFor(350);
    await page.clock.resume();
    await expect(page).toHaveURL(/[?&]q=helpdesk(&|$)/);
    // Only the settled text reaches the address, once; no partial text ("q=h", "q=help") is ever written.
    // (Other writes, such as a refetch settling the route, are not the search's and not counted.)
    const searchWrites = (await page.evaluate<string[]>('window.addressWrites')).filter((target) => target.includes('q='));
    expect(searchWrites).toHaveLength(1);
    expect(searchWrites[0]).toMatch(/[?&]q=helpdesk(&|$)/);
    const history = await page.evaluate('history.length');

    // A filter chosen right after typing keeps the text typed (nothing is lost to the pause).
    await inventory.search.fill('billing');
    await page.getByRole('main').getByLabel('Tier').selectOption('');
    await expect(page).toHaveURL(/[?&]q=billing(&|$)/);
    await expect(inventory.search).toHaveValue('billing');
    expect(await page.evaluate('history.length')).toBe(history);

    // Leaving the box by a click on a row writes the text at once: Back finds it.
    await inventory.search.fill('helpdesk');
    await inventory.row('helpdesk-vendor').getByRole('link', { name: 'helpdesk-vendor', exact: true }).click();
    await expect(app.heading).toContainText('helpdesk-vendor');
    await page.goBack();
    await expect(inventory.search).toHaveValue('helpdesk');
    await expect(inventory.count).toContainText(/^1 of /);

    // Clear empties the box, even of a text not yet in the address.
    await inventory.search.fill('help');
    await page.getByRole('main').getByRole('button', { name: /Clear/ }).click();
    await expect(inventory.search).toHaveValue('');
    await expect(inventory.row('billing-vendor')).toBeVisible();
    await page.waitForTimeout(500);
    await expect(inventory.search).toHaveValue('');
    expect(page.url()).not.toContain('q=');
    expect(start).not.toContain('q=');
  });
});
