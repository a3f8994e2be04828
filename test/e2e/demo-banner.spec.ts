import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';

// Issue 10, §4: the demo banner collapses to a slim line, remembered across reloads, keyboard first.
test.describe('Demo banner', () => {
  test('collapses to a slim line from the keyboard, stays collapsed after a reload, keeps Reset reachable, and expands again', async ({ app, page }) => {
    test.setTimeout(90_000);
    await app.goTo('Connections');
    await new ConnectionsPage(app.page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    const collapse = app.demoBanner.getByRole('button', { name: 'Collapse' });
    await expect(collapse).toHaveAttribute('aria-expanded', 'true');
    const fullHeight = (await app.demoBanner.boundingBox())?.height ?? 0;

    await collapse.focus();
    await page.keyboard.press('Enter');
    const expand = app.demoBanner.getByRole('button', { name: 'Show details' });
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    await expect(expand).toBeFocused();
    await expect(app.demoBanner).not.toContainText('A fictional company');
    await expect(app.demoBanner).toContainText('Demo company');
    const slimHeight = (await app.demoBanner.boundingBox())?.height ?? 0;
    expect(slimHeight).toBeLessThan(fullHeight / 2);
    expect(slimHeight).toBeLessThanOrEqual(48);

    // Remembered: a reload (and another screen) shows the slim line.
    await page.reload();
    await expect(app.heading).toBeVisible();
    await app.goTo('Settings');
    await expect(app.demoBanner).toHaveAttribute('data-collapsed', 'true');
    await expect(app.demoBanner).not.toContainText('A fictional company');

    // Reset is still there, and reached by Tab.
    const reset = app.demoBanner.getByRole('button', { name: 'Reset the demo' });
    await expect(reset).toBeVisible();
    await expand.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(reset).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alertdialog', { name: 'Reset the demo?' })).toBeVisible();
    await page.keyboard.press('Escape');

    await expand.click();
    await expect(app.demoBanner).toContainText('A fictional company');
    await page.reload();
    await expect(app.demoBanner).toContainText('A fictional company', { timeout: 15_000 });
  });
});
