import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppShellPage } from './pages/app-shell-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';

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
});
