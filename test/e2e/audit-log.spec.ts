import { readFile } from 'node:fs/promises';
import { AuditPage, FindingsPage, goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test.describe('Audit log', () => {
  test('records the display name set in Settings, names targets, filters by kind and exports', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // Settings: the name is empty (the OS user is the default), with its limit shown.
    await app.goTo('Settings');
    const nameField = page.getByRole('textbox', { name: /Your name \(recorded in the audit log\)/ });
    await expect(nameField).toHaveValue('');
    await expect(nameField).toHaveAccessibleDescription(/At most 64 characters \(0 used\)/);
    await nameField.fill('x'.repeat(65));
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(nameField).toHaveAccessibleDescription(/a name is at most 64 characters/);
    await nameField.fill('Jane Doe (Security)');
    await expect(nameField).toHaveAccessibleDescription(/\(19 used\)/);
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('New audit entries are recorded as Jane Doe (Security).')).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'settings-your-name');

    // A triage decision on a finding of one agent.
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await inventory.search.fill('ci-legacy-jenkins');
    await inventory.row('ci-legacy-jenkins').getByRole('link', { name: 'ci-legacy-jenkins', exact: true }).click();
    await page.getByRole('main').getByTestId('agent-findings').getByRole('link').first().click();
    const findings = new FindingsPage(page);
    const item = findings.expanded();
    await expect(item).toBeVisible();
    // The title without the subject line beside it.
    const fullTitle = (await item.locator('.finding__title').textContent()) ?? '';
    const subject = (await item.locator('.finding__subject').textContent()) ?? '';
    const findingTitle = fullTitle.slice(0, fullTitle.length - subject.length).trim();
    expect(findingTitle).not.toBe('');
    await findings.acceptRisk(item, 'Retired next quarter (OPS-7).', inDays(30));
    await expect(item.locator('.finding__status')).toContainText('Accepted');

    // The audit log names the person and the finding, not a 64-character fingerprint.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    const acceptRow = audit.table.getByRole('row').filter({ hasText: 'finding.accept' });
    await expect(acceptRow).toHaveCount(1);
    await expect(acceptRow).toContainText('Jane Doe (Security)');
    await expect(acceptRow.locator('.audit-target__name')).toHaveText(findingTitle);
    await expect(acceptRow.locator('.audit-target')).toHaveAttribute('title', /^[0-9a-f]{64}$/);
    await expect(acceptRow.locator('.audit-target__name')).not.toHaveText(/[0-9a-f]{64}/);
    // The settings change that set the name is signed with it too.
    await expect(audit.table.getByRole('row').filter({ hasText: 'settings.update' })).toContainText('Jane Doe (Security)');

    // Filter by kind: only the acceptance is left.
    await page.getByRole('main').getByRole('combobox', { name: 'Kind' }).selectOption('finding.accept');
    await expect(audit.table.getByRole('row').filter({ hasText: 'settings.update' })).toHaveCount(0);
    await expect(audit.table.locator('tbody tr')).toHaveCount(1);
    await expect(page.getByRole('main')).toContainText('1 entry matches the filters.');
    await page.getByRole('main').getByRole('combobox', { name: 'Actor' }).selectOption('Jane Doe (Security)');
    await expect(audit.table.locator('tbody tr')).toHaveCount(1);

    // The filters live in the address: a reload (or a link) shows the same entries.
    await expect(page).toHaveURL(/#\/audit\?actor=Jane\+Doe\+%28Security%29&kind=finding\.accept$/);
    await page.reload();
    await expect(page.getByRole('main').getByRole('combobox', { name: 'Kind' })).toHaveValue('finding.accept');
    await expect(page.getByRole('main').getByRole('combobox', { name: 'Actor' })).toHaveValue('Jane Doe (Security)');
    await expect(audit.table.locator('tbody tr')).toHaveCount(1);
    await expect(page.getByRole('main')).toContainText('1 entry matches the filters.');

    // Export what the filter selects, as CSV and as JSON.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await csvDownload.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,target_name,details,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Jane Doe (Security),finding.accept,');
    await expect(page.getByTestId('export-result')).toHaveText(/Exported 1 entry to audit-log-/);
    await app.dismissToasts();
    await saveScreenshots(page, 'audit-filtered');

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as { actor: string; action: string; targetName: string | null }[];
    expect(json.map((entry) => [entry.actor, entry.action])).toEqual([['Jane Doe (Security)', 'finding.accept']]);

    // The target filter goes to the address too, and its limit is read with it, then seen near it.
    const target = page.getByTestId('audit-target');
    const targetLimit = page.getByTestId('audit-target-limit');
    await expect(target).toHaveAccessibleDescription('Up to 200 characters.');
    await expect(targetLimit).toHaveClass('visually-hidden');
    await target.fill('jenkins');
    await expect(page).toHaveURL(/[?&]target=jenkins$/);
    await target.fill('q'.repeat(250));
    await expect(target).toHaveValue('q'.repeat(200));
    await expect(targetLimit).toBeVisible();
    await expect(targetLimit).toHaveText('200 of 200 characters: the limit.');
    await expect(page.getByText('No entry matches')).toBeVisible();
    await target.fill('');
    await expect(page).toHaveURL(/#\/audit\?actor=Jane\+Doe\+%28Security%29&kind=finding\.accept$/);
    await expect(audit.table.locator('tbody tr')).toHaveCount(1);

    // The chain still verifies with the new actor in it.
    await audit.verifyButton.click();
    await expect(page.getByText('The chain is intact')).toBeVisible();
  });
});
