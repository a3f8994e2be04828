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
