import { expect, type Locator, type Page } from '@playwright/test';
import { ConnectionFormDialog } from './connection-form-dialog';

/** One saved connection or one profile: a row named by its title, with its buttons and inline test result. */
export class ConnectionsRow {
  readonly testButton: Locator;
  readonly editButton: Locator;
  readonly removeButton: Locator;
  readonly addButton: Locator;
  readonly scanButton: Locator;
  readonly result: Locator;

  constructor(readonly root: Locator) {
    this.testButton = root.getByRole('button', { name: 'Test', exact: true });
    this.editButton = root.getByRole('button', { name: 'Edit', exact: true });
    this.removeButton = root.getByRole('button', { name: 'Remove', exact: true });
    this.addButton = root.getByRole('button', { name: 'Add as connection' });
    this.scanButton = root.getByRole('button', { name: 'Scan', exact: true });
    this.result = root.getByTestId('test-result');
  }

  async test(): Promise<Locator> {
    await this.testButton.click();
    await expect(this.result).toBeVisible({ timeout: 30_000 });
    return this.result;
  }
}

export class ConnectionsPage {
  readonly heading: Locator;
  /** "Add connection" in the page header (shown once there are connections). */
  readonly addButton: Locator;
  readonly firstRun: Locator;
  readonly firstRunAddButton: Locator;
  readonly savedList: Locator;
  readonly profileList: Locator;
  readonly profilesPanel: Locator;
  readonly form: ConnectionFormDialog;
  readonly confirmDialog: Locator;
  readonly scannerPolicyButton: Locator;
  readonly demoButton: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Connections' });
    this.addButton = main.locator('.page-header').getByRole('button', { name: 'Add connection' });
    this.firstRun = main.getByRole('region', { name: 'Connect your first AWS account' });
    this.firstRunAddButton = this.firstRun.getByRole('button', { name: 'Add connection' });
    this.savedList = main.getByRole('list', { name: 'Saved connections' });
    this.profileList = main.getByRole('list', { name: 'AWS profiles' });
    this.profilesPanel = main.getByRole('region', { name: 'Profiles on this computer' });
    this.form = new ConnectionFormDialog(page);
    this.confirmDialog = page.getByRole('alertdialog');
    this.scannerPolicyButton = main.locator('.page-header').getByRole('button', { name: 'Scanner policy' });
    this.demoButton = main.getByRole('button', { name: 'Explore the demo company' });
  }

  connection(name: string): ConnectionsRow {
    return new ConnectionsRow(this.savedList.getByRole('article', { name, exact: true }));
  }

  profile(name: string): ConnectionsRow {
    return new ConnectionsRow(this.profileList.getByRole('article', { name, exact: true }));
  }

  /** Names of the listed profiles, in order. */
  async profileNames(): Promise<string[]> {
    return this.profileList.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  }

  async connectionNames(): Promise<string[]> {
    return this.savedList.getByRole('article').getByRole('heading', { level: 3 }).allTextContents();
  }

  /** Open the add form from whichever "Add connection" button the screen shows. */
  async openAddForm(): Promise<ConnectionFormDialog> {
    // Wait for the list to load (and any start-up redirect to land) before choosing the button.
    await expect(this.firstRun.or(this.addButton)).toBeVisible();
    if (await this.firstRun.isVisible()) await this.firstRunAddButton.click();
    else await this.addButton.click();
    await this.form.expectOpen('Add connection');
    return this.form;
  }

  async addConnection(values: { name: string; profile: string; roleArn?: string; externalId?: string; regions?: string }): Promise<void> {
    const form = await this.openAddForm();
    await form.fill(values);
    await form.submit.click();
    await expect(form.dialog).toBeHidden();
    await expect(this.connection(values.name).root).toBeVisible();
  }

  async removeConnection(name: string): Promise<void> {
    await this.connection(name).removeButton.click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByRole('button', { name: 'Remove connection' }).click();
    await expect(this.confirmDialog).toBeHidden();
  }
}
