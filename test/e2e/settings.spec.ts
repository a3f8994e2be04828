import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AuditPage, FindingsPage } from './pages/analysis-pages';
import { AppShellPage } from './pages/app-shell-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';
import { importVendorExport } from './support/vendor-export';

test.describe('Settings', () => {
  test('shows the workspace file, its schema version and the app version', async ({ app, warden }) => {
    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await expect(settings.workspacePath).toHaveText(warden.workspacePath);
    await expect(settings.workspacePanel).toContainText(/Schema version\s*\d+/);
    await expect(settings.workspacePanel).toContainText(/Size\s*[\d.]+ (B|KB|MB)/);
    await expect(settings.version).toContainText(/Agent Warden \d+\.\d+\.\d+/);
    await expect(app.workspaceName).toHaveText('workspace.sqlite');
  });

  test('saves a threshold, and it is still there after a reload', async ({ app }) => {
    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await expect(settings.threshold('Access key rotation')).toHaveValue('90');

    await settings.setThreshold('Access key rotation', 60);
    await settings.threshold('Access key rotation').press('Enter');
    await expect(settings.savedConfirmation).toBeVisible();

    await app.page.reload();
    await expect(settings.threshold('Access key rotation')).toHaveValue('60');

    await settings.resetThresholds.click();
    await expect(settings.threshold('Access key rotation')).toHaveValue('90');
    await settings.saveThresholds.click();
    await expect(settings.savedConfirmation).toBeVisible();
  });

  test('refuses thresholds out of range, with the range in the message', async ({ app }) => {
    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await settings.setThreshold('Unused role', 0);
    await settings.setThreshold('Grace period for new keys', 400);
    await settings.saveThresholds.click();
    await expect(settings.threshold('Unused role')).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.threshold('Unused role')).toHaveAccessibleDescription(/from 1 to 3650 days/);
    await expect(settings.threshold('Grace period for new keys')).toHaveAccessibleDescription(/from 0 to 365 days/);
    await expect(settings.threshold('Grace period for new keys')).toBeFocused();
    await expect(settings.savedConfirmation).toBeHidden();
  });

  test('saves a copy and opens another workspace by path (browser mode)', async ({ app, warden }) => {
    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    const folder = dirname(warden.workspacePath);

    const copy = join(folder, 'copy-for-review.sqlite');
    await settings.submitPath(settings.saveCopy, copy);
    await expect(settings.pathDialog).toBeHidden();
    await expect(app.toasts).toContainText(`Saved a copy to ${copy}`);
    expect(existsSync(copy)).toBe(true);

    const other = join(folder, 'second.sqlite');
    await settings.submitPath(settings.openAnother, other);
    await expect(settings.pathDialog).toBeHidden();
    await expect(app.toasts).toContainText('Opened workspace “second.sqlite”.');
    await expect(settings.workspacePath).toHaveText(other);
    await expect(app.workspaceName).toHaveText('second.sqlite');

    // A file that is not a workspace is refused in the back end's words; the dialog stays open and
    // the file is left as it was.
    const notes = join(folder, 'notes.txt');
    await writeFile(notes, 'meeting notes, not a workspace\n');
    await settings.submitPath(settings.openAnother, notes);
    await expect(settings.pathDialog.getByRole('alert')).toBeVisible();
    await settings.pathDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(settings.pathDialog).toBeHidden();
    expect(await readFile(notes, 'utf8')).toBe('meeting notes, not a workspace\n');
    await expect(settings.workspacePath).toHaveText(other);
  });

  test('another window follows when the workspace changes (event stream)', async ({ app, warden, context }) => {
    const other = new AppShellPage(await context.newPage());
    await other.open(warden.url);
    await expect(other.workspaceName).toHaveText('workspace.sqlite');

    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await settings.submitPath(settings.openAnother, join(dirname(warden.workspacePath), 'shared-review.sqlite'));
    await expect(app.workspaceName).toHaveText('shared-review.sqlite');
    // The second window heard `workspace:changed` over GET /api/events and reloaded what it shows.
    await expect(other.workspaceName).toHaveText('shared-review.sqlite');
  });

  test('declares known accounts with inline validation, from the keyboard; they stay, are audited, and can be removed', async ({ app }) => {
    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await expect(settings.noKnownAccounts).toBeVisible();

    // Nothing typed: both fields say what they need, and focus goes to the first.
    await settings.addKnownAccount.click();
    await expect(settings.knownAccountId).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.knownAccountId).toHaveAccessibleDescription(/Enter the 12-digit AWS account ID/);
    await expect(settings.knownAccountLabel).toHaveAccessibleDescription(/Say whose account it is/);
    await expect(settings.knownAccountId).toBeFocused();

    await settings.declareKnownAccount('46462253201', 'Vendor: Datadog');
    await expect(settings.knownAccountId).toHaveAccessibleDescription(/exactly 12 digits; this has 11/);
    await expect(settings.knownAccountLabel).not.toHaveAttribute('aria-invalid', 'true');
    await expect(settings.knownAccounts).toHaveCount(0);

    // Dashes as the AWS console shows the ID are fine.
    await settings.declareKnownAccount('4646-2253-2012', 'Vendor: Datadog');
    await expect(settings.knownAccount('464622532012')).toContainText('Vendor: Datadog');
    await expect(settings.knownAccountsStatus).toContainText('Added “Vendor: Datadog” (464622532012).');
    await expect(settings.knownAccountId).toBeFocused();
    await expect(settings.knownAccountId).toHaveValue('');

    await settings.declareKnownAccount('464622532012', 'Datadog again');
    await expect(settings.knownAccountId).toHaveAccessibleDescription(/464622532012 is already listed as “Vendor: Datadog”/);
    await settings.knownAccountId.fill('111100009999');
    await settings.knownAccountLabel.fill('Security audit account');
    await settings.knownAccountLabel.press('Enter');
    await expect(settings.knownAccounts).toHaveCount(2);

    await app.page.reload();
    await expect(settings.knownAccounts).toHaveCount(2);
    await expect(settings.knownAccount('111100009999')).toContainText('Security audit account');

    // Remove from the keyboard: focus moves to the row that took its place.
    await settings.removeKnownAccount('464622532012').focus();
    await app.page.keyboard.press('Enter');
    await expect(settings.knownAccount('464622532012')).toHaveCount(0);
    await expect(settings.knownAccountsStatus).toContainText('Removed “Vendor: Datadog” (464622532012).');
    await expect(settings.removeKnownAccount('111100009999')).toBeFocused();

    await app.goTo('Audit log');
    const audit = new AuditPage(app.page);
    await expect(audit.table).toContainText('known account 464622532012');
    await expect(audit.table).toContainText('known account 111100009999');
  });

  test('declaring a vendor account silences its cross-account finding on the scan already imported', async ({ app }) => {
    await importVendorExport(app);

    await app.goTo('Findings');
    const findings = new FindingsPage(app.page);
    const crossAccount = findings.items.filter({ hasText: 'A role trusts another account without an external ID' });
    await expect(crossAccount).toHaveCount(2);
    const helpdesk = crossAccount.filter({ hasText: 'helpdesk-vendor' });
    await helpdesk.getByRole('button', { expanded: false }).click();
    await expect(helpdesk).toContainText("999900001234 is not one of this workspace's known accounts");
    await expect(helpdesk).toContainText('Settings → Known accounts');

    await app.goTo('Settings');
    const settings = new SettingsPage(app.page);
    await settings.declareKnownAccount('999900001234', 'Vendor: Helpdeskly');
    await expect(settings.knownAccount('999900001234')).toBeVisible();

    // No new scan: the stored findings are worked out again when they are next shown.
    await app.goTo('Findings');
    await expect(crossAccount).toHaveCount(1);
    await expect(crossAccount).toContainText('billing-vendor');
  });
});
