import { expect, type Locator, type Page } from '@playwright/test';

export type ThresholdLabel = 'Access key rotation' | 'Unused access key' | 'Grace period for new keys' | 'Unused role';

export class SettingsPage {
  readonly heading: Locator;
  readonly workspacePanel: Locator;
  readonly workspacePath: Locator;
  readonly thresholdsForm: Locator;
  readonly saveThresholds: Locator;
  readonly resetThresholds: Locator;
  readonly savedConfirmation: Locator;
  readonly openAnother: Locator;
  readonly saveCopy: Locator;
  readonly pathDialog: Locator;
  readonly version: Locator;
  readonly knownAccountsPanel: Locator;
  /** The declared accounts, one row each (absent when there are none). */
  readonly knownAccounts: Locator;
  readonly noKnownAccounts: Locator;
  readonly addKnownAccountForm: Locator;
  readonly knownAccountId: Locator;
  readonly knownAccountLabel: Locator;
  readonly addKnownAccount: Locator;
  readonly knownAccountsStatus: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Settings' });
    this.workspacePanel = main.getByRole('region', { name: 'Workspace' });
    this.workspacePath = main.getByTestId('workspace-path');
    this.thresholdsForm = main.getByRole('form', { name: 'Finding thresholds' });
    this.saveThresholds = this.thresholdsForm.getByRole('button', { name: 'Save thresholds' });
    this.resetThresholds = this.thresholdsForm.getByRole('button', { name: 'Reset to defaults' });
    this.savedConfirmation = this.thresholdsForm.getByText('Thresholds saved.');
    this.openAnother = main.getByRole('button', { name: 'Open another workspace…' });
    this.saveCopy = main.getByRole('button', { name: 'Save a copy…' });
    this.pathDialog = page.getByRole('dialog');
    this.version = main.getByTestId('app-version');
    this.knownAccountsPanel = main.getByRole('region', { name: 'Known accounts' });
    this.knownAccounts = this.knownAccountsPanel.getByRole('table', { name: 'Declared known accounts' }).getByTestId('known-account');
    this.noKnownAccounts = this.knownAccountsPanel.getByTestId('known-accounts-empty');
    this.addKnownAccountForm = this.knownAccountsPanel.getByRole('form', { name: 'Add a known account' });
    this.knownAccountId = this.addKnownAccountForm.getByLabel('Account ID', { exact: true });
    this.knownAccountLabel = this.addKnownAccountForm.getByLabel('Label', { exact: true });
    this.addKnownAccount = this.addKnownAccountForm.getByRole('button', { name: 'Add account' });
    this.knownAccountsStatus = this.addKnownAccountForm.getByRole('status');
  }

  knownAccount(accountId: string): Locator {
    return this.knownAccounts.filter({ has: this.page.getByRole('rowheader', { name: accountId, exact: true }) });
  }

  removeKnownAccount(accountId: string): Locator {
    return this.knownAccount(accountId).getByRole('button', { name: new RegExp(`^Remove ${accountId} `) });
  }

  /** Type an account and its label from the keyboard and press Enter. */
  async declareKnownAccount(accountId: string, label: string): Promise<void> {
    await this.knownAccountId.fill(accountId);
    await this.knownAccountId.press('Tab');
    await expect(this.knownAccountLabel).toBeFocused();
    await this.page.keyboard.type(label);
    await this.page.keyboard.press('Enter');
  }

  threshold(label: ThresholdLabel): Locator {
    return this.thresholdsForm.getByLabel(label, { exact: true });
  }

  async setThreshold(label: ThresholdLabel, days: number | string): Promise<void> {
    await this.threshold(label).fill(String(days));
  }

  /** Use the browser-mode path dialog ("Open another workspace…" / "Save a copy…"). */
  async submitPath(button: Locator, path: string): Promise<void> {
    await button.click();
    await expect(this.pathDialog).toBeVisible();
    const field = this.pathDialog.getByRole('textbox');
    await field.fill(path);
    await field.press('Enter');
  }
}
