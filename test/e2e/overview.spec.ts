/**
 * The Overview on the demo company, in Chromium: it is where the app lands once there are scans; the
 * verdict, the posture score and how it is computed show; a KPI opens the Findings screen with the same
 * count; a chart shows its figures as a table; a bar opens its list; one account scopes it; light and
 * dark screenshots.
 */
import { AppShellPage } from './pages/app-shell-page';
import { ConnectionsPage } from './pages/connections-page';
import { expectVisibleFocus, tabTo } from './support/keyboard';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

test.describe('Overview', () => {
  test('lands on the Overview; verdict, score and formula; a KPI opens Findings with its count; tables; one account; light and dark', async ({ app, warden }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // Opened again on its plain address, a workspace with scans starts on the Overview.
    const fresh = new AppShellPage(page);
    await fresh.open(warden.url);
    await expect(fresh.heading).toHaveText('Overview');
    expect(page.url()).toBe(`${warden.origin}/#/overview`);
    const main = page.getByRole('main');
    await expect(main.getByTestId('overview-verdict')).toContainText(/^Not yet: /, { timeout: 60_000 });
    await expect(main.getByTestId('overview-reasons').getByRole('listitem').first()).toBeVisible();
    await expect(main.getByTestId('overview-score-value')).toHaveText(/^\d{1,3}$/);
    const score = Number(await main.getByTestId('overview-score-value').textContent());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    await expect(main.getByTestId('overview-formula')).toBeHidden();
    await main.getByText('How is this computed?').click();
    await expect(main.getByTestId('overview-formula')).toContainText('Each identity weighs 3 (Tier 1)');
    await main.getByText('How is this computed?').click();

    // Each KPI says its change since the previous scan.
    const kpi = main.getByTestId('kpi-openCriticalHigh');
    await expect(kpi).toContainText('Open critical and high findings');
    await expect(kpi).toContainText(/since the previous scan|No previous scan|No change/);
    await expect(kpi).toContainText('fewer is better');
    await app.dismissToasts();
    // The whole screen in one picture: the window made as tall as the screen (main scrolls, not the page).
    await page.setViewportSize({ width: 1280, height: 2750 });
    await saveScreenshots(page, 'overview');
    await page.setViewportSize({ width: 1280, height: 840 });

    // A chart as a table: the same figures, its links reachable by keyboard.
    const tiers = main.getByTestId('chart-tiers');
    await expect(tiers.getByRole('img').first()).toHaveAttribute('aria-label', /^Identities by risk tier: Tier 1 \d+, Tier 2 \d+, Tier 3 \d+$/);
    const label = (await tiers.getByRole('img').first().getAttribute('aria-label')) ?? '';
    const tier1 = /Tier 1 (\d+)/.exec(label)?.[1] ?? '';
    await tiers.getByRole('button', { name: 'Show as table' }).click();
    await expect(tiers.getByRole('button', { name: 'Show as chart' })).toHaveAttribute('aria-pressed', 'true');
    await expect(tiers.getByRole('table').getByRole('row', { name: /Tier 1/ })).toContainText(tier1);
    const steps = main.getByTestId('chart-steps');
    await steps.getByRole('button', { name: 'Show as table' }).click();
    await expect(steps.getByRole('table').getByRole('rowheader', { name: 'Step 3: Non-human identities first' })).toBeVisible();
    await expect(main.getByTestId('chart-trend').getByRole('img').first()).toHaveAttribute('aria-label', /open \d+, new \d+, resolved \d+/);

    // The Tier 1 figure of the table opens the Inventory narrowed to Tier 1, with the same count.
    await tiers.getByRole('link', { name: new RegExp(`^${tier1} Identities by risk tier, Tier 1$`) }).click();
    await expect(page).toHaveURL(/#\/inventory\?tier=1$/);
    await expect(main.getByTestId('inventory-count').locator('strong')).toHaveText(tier1, { timeout: 60_000 });

    // A bar opens its list too (by mouse): the Tier 2 bar, the Inventory narrowed to Tier 2.
    await app.goTo('Overview');
    await tiers.locator('.recharts-bar-rectangle').nth(1).click();
    await expect(page).toHaveURL(/#\/inventory\?tier=2$/);

    // The open critical/high KPI, reached by Tab from the score's disclosure and opened with Enter,
    // opens Findings with its query, and the list counts the same.
    await app.goTo('Overview');
    const value = (await kpi.getByTestId('kpi-value').textContent()) ?? '';
    expect(value).toMatch(/^\d+$/);
    await main.getByText('How is this computed?').focus();
    await tabTo(page, kpi);
    await expectVisibleFocus(kpi);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/findings\?severity=critical,high&status=new,open,regressed$/);
    await expect(app.heading).toHaveText('Findings');
    await expect(main.getByTestId('findings-count')).toHaveText(new RegExp(`^${value} of `), { timeout: 60_000 });

    // One account: the address says so, the figures are that account's, and the KPI links keep it.
    await app.goTo('Overview');
    const account = main.getByRole('combobox', { name: 'Account' });
    const sandbox = account.locator('option', { hasText: 'quillmere-sandbox' });
    await account.selectOption((await sandbox.getAttribute('value')) ?? '');
    await expect(page).toHaveURL(/#\/overview\?account=\d{12}$/);
    await expect(main.getByTestId('view-line')).toContainText('quillmere-sandbox');
    await expect(kpi).toHaveAttribute('href', /account=\d{12}/);

    // Dark: the verdict and score still read.
    await account.selectOption('');
    await expect(page).toHaveURL(/#\/overview$/);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(main.getByTestId('overview-verdict')).toBeVisible();
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('an empty workspace asked for the Overview says nothing is scanned yet and offers the ways in', async ({ page, warden }) => {
    const app = new AppShellPage(page);
    await app.open(`${warden.url}&/overview`);
    await expect(app.heading).toHaveText('Overview');
    await expect(app.main.getByRole('heading', { name: 'Nothing scanned yet' })).toBeVisible();
    await expect(app.main.getByRole('link', { name: 'New scan' })).toBeVisible();
    await expect(app.main.getByRole('button', { name: 'Explore the demo company' })).toBeVisible();
  });
});
