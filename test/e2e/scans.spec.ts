import { ConnectionsPage } from './pages/connections-page';
import { ScanDetailPage, ScansPage } from './pages/scans-page';
import { MOTO_ACCOUNT } from './support/aws-profiles';
import { expect, test } from './support/fixtures';

/** Every region code, so a scan has plenty to do while it is cancelled. */
const MANY_REGIONS =
  'us-east-1, us-east-2, us-west-1, us-west-2, eu-west-1, eu-west-2, eu-west-3, eu-central-1, eu-north-1, ap-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, ap-southeast-2, ca-central-1, sa-east-1';

test.describe('Scans', () => {
  test('an empty history leads to New scan, Import and the demo; New scan checks its fields', async ({ app }) => {
    await app.goTo('Scans');
    const scans = new ScansPage(app.page);
    await expect(scans.empty).toBeVisible();
    await expect(app.main.getByRole('link', { name: 'Import files' }).first()).toBeVisible();
    await expect(scans.demoButton).toBeVisible();
    await app.main.getByRole('button', { name: 'New scan' }).last().click();
    await expect(scans.newScan.dialog).toBeVisible();
    expect(app.page.url()).toMatch(/#\/scans\/new$/);
    await app.page.keyboard.press('Escape');
    await expect(scans.newScan.dialog).toBeHidden();
    expect(app.page.url()).toMatch(/#\/scans$/);

    // New scan checks its fields before starting.
    const dialog = await scans.openNewScan();
    await dialog.start.click();
    await expect(dialog.target).toHaveAccessibleDescription(/Choose a saved connection or a profile/);
    await expect(dialog.target).toBeFocused();

    // A profile's region is prefilled; a wrong region and an ARN for a role name are explained.
    await dialog.chooseTarget('dev');
    await expect(dialog.regions).toHaveValue('eu-west-1');
    await dialog.regions.fill('eu-west-1, atlantis-1');
    await dialog.organization.check();
    await dialog.memberRoleName.fill('arn:aws:iam::123456789012:role/WardenReadOnly');
    await dialog.start.click();
    await expect(dialog.regions).toHaveAccessibleDescription(/“atlantis-1” is not a region code/);
    await expect(dialog.memberRoleName).toHaveAccessibleDescription(/A role name, not an ARN/);
    await expect(dialog.regions).toBeFocused();

    // Every enabled region needs no list.
    await dialog.everyRegion.check();
    await expect(dialog.regions).toHaveCount(0);
    await dialog.cancel.click();
    await expect(dialog.dialog).toBeHidden();
  });

  test('a live scan of a static-keys profile against moto: progress rows (kept across navigation and reload), then per-collector outcomes', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    await connections.addConnection({ name: 'Sandbox', profile: 'dev', regions: 'eu-west-1' });
    // A connection's own "Scan" opens New scan with it chosen and its regions filled in.
    await connections.connection('Sandbox').scanButton.click();
    const scans = new ScansPage(app.page);
    await expect(scans.newScan.dialog).toBeVisible();
    await expect(scans.newScan.target).toHaveValue(/^connection:/);
    await expect(scans.newScan.regions).toHaveValue('eu-west-1');
    await scans.newScan.start.click();
    await expect(scans.newScan.dialog).toBeHidden();

    const job = scans.job('Scan Sandbox');
    await expect(job.root).toBeVisible();
    await expect(job.progressBar).toBeVisible();
    await expect(job.step('Check credentials and account')).toBeVisible();

    // Progress survives leaving the screen, and a reload: the panel is seeded from scans:jobs and
    // then follows the events to the end (a scan that ended during the reload shows its outcome: the
    // tab remembers which jobs it follows).
    await app.goTo('Settings');
    await app.goTo('Scans');
    await expect(job.root).toBeVisible();
    await app.page.reload();
    await expect(job.root).toBeVisible();
    await expect(job.steps.first()).toBeVisible();

    expect(await job.waitForEnd()).toBe('Completed');
    await expect(job.progressBar).toHaveAttribute('aria-valuenow', '100');
    expect(await job.steps.count()).toBeGreaterThan(3);
    // Under moto some collectors are refused or missing: the rows say so instead of pretending.
    const stepStatuses = await job.steps.locator('.status-badge').allTextContents();
    expect(stepStatuses).not.toContain('Running');

    const row = scans.row('Sandbox');
    await expect(row.status).toHaveText('Completed');
    await expect(row.cell('Account')).toContainText(MOTO_ACCOUNT);
    await expect(row.cell('Regions')).toContainText('eu-west-1');
    await expect(row.cell('Outcomes')).toContainText(/\d+ ok/);
    expect(Number(await row.cell('API calls').textContent())).toBeGreaterThan(0);

    await job.viewScan.click();
    const detail = new ScanDetailPage(app.page);
    await expect(detail.heading).toHaveText('Sandbox');
    await expect(detail.heading).toBeFocused();
    await expect(detail.summary).toContainText(MOTO_ACCOUNT);
    await expect(detail.summary).toContainText(/arn:aws:(iam|sts)::123456789012:/);
    const outcomes = await detail.outcomes();
    expect(outcomes.length).toBeGreaterThan(3);
    expect(outcomes).toContain('OK');
    for (const outcome of outcomes) expect(['OK', 'Access denied', 'Throttled', 'Not available', 'Failed']).toContain(outcome);
    // Each collector with its region (or Global), calls and duration; API calls per operation.
    await expect(detail.collectors).toContainText('Global');
    await expect(detail.collectors).toContainText('eu-west-1');
    await expect(detail.apiCalls).toContainText('sts:GetCallerIdentity');

    // Back to the history with the browser's own Back.
    await app.page.goBack();
    await expect(scans.heading).toBeVisible();
    await expect(scans.rows).toHaveCount(1);
  });

  test('Cancel stops a running scan: cancelled, never shown as complete', async ({ app }) => {
    await app.goTo('Scans');
    const scans = new ScansPage(app.page);
    const dialog = await scans.openNewScan();
    await dialog.chooseTarget('dev');
    await dialog.regions.fill(MANY_REGIONS);
    await dialog.start.click();
    const job = scans.job('Scan dev');
    await expect(job.cancelButton).toBeEnabled();
    await job.cancelButton.click();
    expect(await job.waitForEnd()).toBe('Cancelled');
    await expect(job.root.getByRole('status')).toContainText('Scan cancelled');
    await expect(job.root).not.toContainText('Scan finished');
    await expect(job.viewScan).toHaveCount(0);
    await expect(job.cancelButton).toHaveCount(0);

    // The history shows no complete scan for it.
    await expect(scans.rows.filter({ hasText: 'Completed' })).toHaveCount(0);
  });
});
