import { expect, type Locator, type Page } from '@playwright/test';
import { JobProgress } from './job-progress';

/** One row of the scan history, found by the scan's name (connection, files or source). */
export class ScanRow {
  readonly link: Locator;
  readonly status: Locator;

  constructor(readonly root: Locator) {
    this.link = root.getByRole('rowheader').getByRole('link');
    this.status = root.locator('.status-badge');
  }

  /** A cell by its column's header (the scan's name, status and source are the row header). */
  cell(column: 'Account' | 'Regions' | 'Identities' | 'Workloads' | 'API calls' | 'Duration' | 'Outcomes'): Locator {
    const index = ['Account', 'Regions', 'Identities', 'Workloads', 'API calls', 'Duration', 'Outcomes'].indexOf(column);
    return this.root.locator('td').nth(index);
  }
}

/** The New scan dialog. */
export class NewScanDialog {
  readonly dialog: Locator;
  readonly target: Locator;
  readonly regions: Locator;
  readonly theseRegions: Locator;
  readonly everyRegion: Locator;
  readonly organization: Locator;
  readonly memberRoleName: Locator;
  readonly start: Locator;
  readonly cancel: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New scan' });
    this.target = this.dialog.getByLabel('Scan with');
    this.regions = this.dialog.getByLabel('Regions to scan');
    this.theseRegions = this.dialog.getByRole('radio', { name: 'These regions' });
    this.everyRegion = this.dialog.getByRole('radio', { name: 'Every region enabled for the account' });
    this.organization = this.dialog.getByRole('checkbox', { name: /Also scan the member accounts/ });
    this.memberRoleName = this.dialog.getByLabel('Role name in each member account');
    this.start = this.dialog.getByRole('button', { name: 'Start scan' });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  /** Choose a saved connection or a profile by the name shown in the list. */
  async chooseTarget(label: string): Promise<void> {
    await this.target.selectOption({ label });
  }
}

export class ScansPage {
  readonly heading: Locator;
  readonly newScanButton: Locator;
  readonly history: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly demoButton: Locator;
  readonly jobs: Locator;
  readonly newScan: NewScanDialog;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Scans' });
    this.newScanButton = main.locator('.page-header').getByRole('button', { name: 'New scan' });
    this.history = main.getByRole('table', { name: 'Scan history' });
    this.rows = this.history.locator('tbody tr');
    this.empty = main.getByRole('heading', { name: 'No scans yet' });
    this.demoButton = main.getByRole('button', { name: 'Explore the demo company' });
    this.jobs = main.getByTestId('job-progress');
    this.newScan = new NewScanDialog(page);
  }

  row(name: string | RegExp): ScanRow {
    return new ScanRow(this.rows.filter({ has: this.page.getByRole('rowheader', { name }) }));
  }

  job(title: string | RegExp): JobProgress {
    return new JobProgress(this.jobs.filter({ has: this.page.getByRole('heading', { level: 2, name: title }) }));
  }

  async openNewScan(): Promise<NewScanDialog> {
    await this.newScanButton.click();
    await expect(this.newScan.dialog).toBeVisible();
    return this.newScan;
  }
}

/** One scan: summary facts, the per-collector table, API calls per operation. */
export class ScanDetailPage {
  readonly heading: Locator;
  readonly backLink: Locator;
  readonly summary: Locator;
  readonly collectors: Locator;
  readonly collectorRows: Locator;
  readonly apiCalls: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1 });
    this.backLink = main.getByRole('link', { name: 'All scans' });
    this.summary = main.getByRole('region', { name: 'Summary' });
    this.collectors = main.getByRole('table', { name: 'Collectors' });
    this.collectorRows = this.collectors.locator('tbody tr');
    this.apiCalls = main.getByRole('table', { name: 'API calls per operation' });
  }

  /** The outcome words shown in the collector table, one per row. */
  async outcomes(): Promise<string[]> {
    return this.collectors.locator('tbody tr .status-badge').allTextContents();
  }
}
