import { resolve } from 'node:path';
import { ConnectionsPage } from './pages/connections-page';
import { ImportPage } from './pages/import-page';
import { ScansPage } from './pages/scans-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';
import { expectVisibleFocus, tabTo } from './support/keyboard';

test.describe('Keyboard', () => {
  test('skip link, then the sidebar: Tab, arrows and Enter move between screens', async ({ app }) => {
    const { page } = app;
    // A fresh load of #/connections, so that no start-up redirect has moved the focus yet.
    await page.reload();
    await expect(app.heading).toHaveText('Connections');
    await page.keyboard.press('Tab');
    await expectVisibleFocus(app.skipLink);
    await expect(app.skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(app.main).toBeFocused();

    await tabTo(page, app.navLink('Connections'), { backwards: true });
    await expectVisibleFocus(app.navLink('Connections'));
    await expect(app.navLink('Connections')).toHaveAttribute('aria-current', 'page');

    // Arrows move link by link, in the sidebar's order; End and Home jump to the ends.
    const links = app.nav.getByRole('link');
    const names = (await links.allTextContents()).map((name) => name.trim());
    const at = names.indexOf('Connections');
    await page.keyboard.press('ArrowDown');
    await expectVisibleFocus(links.nth(at + 1));
    await page.keyboard.press('ArrowUp');
    await expect(app.navLink('Connections')).toBeFocused();
    await page.keyboard.press('End');
    await expectVisibleFocus(app.navLink('Settings'));
    await page.keyboard.press('Enter');
    await expect(app.heading).toHaveText('Settings');
    // The new screen's heading takes the focus, so reading starts there.
    await expect(app.heading).toBeFocused();
    await expect(app.navLink('Settings')).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle('Settings · Agent Warden');

    await tabTo(page, app.navLink('Settings'), { backwards: true });
    await page.keyboard.press('ArrowUp');
    await expect(links.nth(names.length - 2)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(links.first()).toBeFocused();
    for (let i = 0; i < at; i += 1) await page.keyboard.press('ArrowDown');
    await expect(app.navLink('Connections')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.heading).toHaveText('Connections');

    // Browser history follows the hash routes.
    await page.goBack();
    await expect(app.heading).toHaveText('Settings');
  });

  test('add a connection without the mouse; Escape closes; focus stays in the dialog', async ({ app }) => {
    const { page } = app;
    const connections = new ConnectionsPage(page);
    await tabTo(page, connections.firstRunAddButton);
    await expectVisibleFocus(connections.firstRunAddButton);
    await page.keyboard.press('Enter');
    const form = connections.form;
    await form.expectOpen('Add connection');
    await expect(form.name).toBeFocused();

    // Escape closes and gives the focus back.
    await page.keyboard.press('Escape');
    await expect(form.dialog).toBeHidden();
    await expect(connections.firstRunAddButton).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(form.name).toBeFocused();
    // Tab never leaves the dialog, forwards or backwards.
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      await expect(form.dialog.locator(':focus')).toHaveCount(1);
    }
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Shift+Tab');
      await expect(form.dialog.locator(':focus')).toHaveCount(1);
    }

    await tabTo(page, form.name);
    await page.keyboard.type('Keyboard only');
    await page.keyboard.press('Tab');
    await expectVisibleFocus(form.profile);
    await page.keyboard.type('dev');
    await expect(form.profile).toHaveValue('dev');
    await tabTo(page, form.regions);
    await page.keyboard.type('eu-west-1, us-east-2');
    // Enter submits the form from any field.
    await page.keyboard.press('Enter');
    await expect(form.dialog).toBeHidden();
    const row = connections.connection('Keyboard only');
    await expect(row.root).toContainText('us-east-2');

    // Edit by keyboard: Enter on Edit, change the name, Enter saves.
    await row.editButton.focus();
    await page.keyboard.press('Enter');
    await form.expectOpen('Edit “Keyboard only”');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Keyboard renamed');
    await page.keyboard.press('Enter');
    await expect(connections.connection('Keyboard renamed').root).toBeVisible();

    // Remove by keyboard: Cancel has the focus, so a stray Enter removes nothing.
    await connections.connection('Keyboard renamed').removeButton.focus();
    await page.keyboard.press('Enter');
    await expect(connections.confirmDialog).toBeVisible();
    await expect(connections.confirmDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(connections.confirmDialog).toBeHidden();
    await expect(connections.connection('Keyboard renamed').root).toBeVisible();
    await expect(connections.connection('Keyboard renamed').removeButton).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(connections.confirmDialog.getByRole('button', { name: 'Remove connection' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(connections.firstRun).toBeVisible();
  });

  test('the thresholds form is submitted with Enter', async ({ app }) => {
    const { page } = app;
    await tabTo(page, app.navLink('Settings'));
    await page.keyboard.press('Enter');
    const settings = new SettingsPage(page);
    await tabTo(page, settings.threshold('Unused access key'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    await expect(settings.savedConfirmation).toBeVisible();
  });

  test('Import: both "Choose file…" buttons and Import by keyboard; New scan opens, checks and closes by keyboard', async ({ app }) => {
    const { page } = app;
    await tabTo(page, app.navLink('Import'));
    await page.keyboard.press('Enter');
    await expect(app.heading).toBeFocused();
    const imports = new ImportPage(page);

    await tabTo(page, imports.chooseButton('authorization-details'));
    await expectVisibleFocus(imports.chooseButton('authorization-details'));
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(resolve(__dirname, '../../../shared/fixtures/real-iam/cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json'));
    await expect(imports.chosen('authorization-details')).toContainText('iam-get-account-authorization-details.json');

    await tabTo(page, imports.chooseButton('credential-report'));
    await expectVisibleFocus(imports.chooseButton('credential-report'));
    await tabTo(page, imports.importButton);
    await page.keyboard.press('Enter');
    expect(await imports.job().waitForEnd()).toBe('Completed');

    await tabTo(page, app.navLink('Scans'), { backwards: true, max: 60 });
    await page.keyboard.press('Enter');
    const scans = new ScansPage(page);
    await tabTo(page, scans.newScanButton);
    await page.keyboard.press('Enter');
    await expect(scans.newScan.target).toBeFocused();
    await tabTo(page, scans.newScan.start);
    await page.keyboard.press('Enter');
    // Started with nothing chosen: the form says what is missing and puts the focus there.
    await expect(scans.newScan.target).toHaveAttribute('aria-invalid', 'true');
    await expect(scans.newScan.target).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(scans.newScan.dialog).toBeHidden();
    await expect(scans.newScanButton).toBeFocused();

    // The history's rows open a scan with Enter on their name.
    await tabTo(page, scans.row('iam-get-account-authorization-details.json').link);
    await page.keyboard.press('Enter');
    await expect(app.heading).toHaveText('iam-get-account-authorization-details.json');
    await expect(app.heading).toBeFocused();
  });
});
