/**
 * "What changed" on a scan's page, on the demo company (issue 14): the production account's newest
 * scan against the one before it — new shadow AI listed and opening its identity, the new findings'
 * figure opening the Findings screen on that scan with as many findings; the account's first scan
 * says everything in it is new; light and dark screenshots.
 */
import { FindingsPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

test.describe('What changed on a scan', () => {
  test('the production scan’s change: shadow AI, findings opening their list, the first scan; light and dark', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    const main = page.getByRole('main');
    const scans = new ScansPage(page);

    await app.goTo('Scans');
    const production = scans.rows.filter({ hasText: /quillmere-prod|111100001111/ });
    await expect(production).toHaveCount(2, { timeout: 60_000 });
    // Newest first: the first is the current scan of the account.
    await production.first().getByRole('rowheader').getByRole('link').click();
    const changes = main.getByTestId('scan-changes');
    await expect(changes).toBeVisible({ timeout: 60_000 });
    await expect(main.getByRole('region', { name: 'What changed' })).toContainText('Since the previous scan of this account');
    await expect(changes.getByTestId('change-shadowAi').locator('dd')).toHaveText('1');
    await expect(changes.getByTestId('change-findingsNew').locator('dd')).toHaveText(/^\d+$/);
    const newFindings = (await changes.getByTestId('change-findingsNew').locator('dd').textContent()) ?? '';
    expect(Number(newFindings)).toBeGreaterThanOrEqual(6);
    await expect(changes.getByTestId('change-identitiesAdded').locator('dd')).toHaveText('2');
    await expect(changes.getByTestId('change-list-shadowAi').getByRole('link')).toHaveText(['claims-notes-summarizer-role']);
    await app.dismissToasts();
    await page.getByRole('region', { name: 'What changed' }).scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'scan-detail-changes');
    const scanUrl = page.url();

    // The new findings' figure opens the Findings screen on this scan, narrowed to new: the same count.
    await changes.getByTestId('change-findingsNew').getByRole('link', { name: `${newFindings} new findings: open the list` }).click();
    await expect(page).toHaveURL(/#\/findings\?scan=[^&]+&status=new$/);
    await expect(new FindingsPage(page).items).toHaveCount(Number(newFindings), { timeout: 60_000 });

    // A shadow AI identity opens its page in this scan.
    await page.goto(scanUrl);
    await main.getByTestId('change-list-shadowAi').getByRole('link', { name: 'claims-notes-summarizer-role' }).click();
    await expect(page).toHaveURL(/#\/agents\/arn%3Aaws%3Aiam%3A%3A111100001111%3Arole%2Fservice-role%2Fclaims-notes-summarizer-role\?scan=/);
    await expect(main.getByRole('heading', { level: 1 })).toContainText('claims-notes-summarizer-role');

    // The account's first scan has nothing before it.
    await app.goTo('Scans');
    await production.nth(1).getByRole('rowheader').getByRole('link').click();
    await expect(main.getByRole('region', { name: 'What changed' })).toContainText('The first scan of this account: everything in it counts as new.', { timeout: 60_000 });
    await expect(main.getByTestId('change-findingsResolved').locator('dd')).toHaveText('0');
  });
});
