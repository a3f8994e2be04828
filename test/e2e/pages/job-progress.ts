import { expect, type Locator } from '@playwright/test';

/** One job's live progress panel (a scan or an import): its steps, bar, clock, Cancel and outcome. */
export class JobProgress {
  readonly status: Locator;
  readonly cancelButton: Locator;
  readonly dismissButton: Locator;
  readonly progressBar: Locator;
  readonly elapsed: Locator;
  readonly steps: Locator;
  readonly viewScan: Locator;
  readonly failure: Locator;

  constructor(readonly root: Locator) {
    this.status = root.locator('.job__meta .status-badge');
    this.cancelButton = root.getByRole('button', { name: /^(Cancel|Cancelling…)$/ });
    this.dismissButton = root.getByRole('button', { name: 'Dismiss' });
    this.progressBar = root.getByRole('progressbar');
    this.elapsed = root.getByTestId('job-elapsed');
    this.steps = root.locator('tbody tr');
    this.viewScan = root.getByRole('link', { name: /^View (the )?scan/ });
    this.failure = root.getByRole('alert');
  }

  step(label: string | RegExp): Locator {
    return this.steps.filter({ has: this.root.page().getByRole('rowheader', { name: label }) });
  }

  /** Wait until the job is no longer running; returns its final status word. */
  async waitForEnd(timeout = 60_000): Promise<string> {
    await expect(this.status).not.toHaveText('Running', { timeout });
    return (await this.status.textContent()) ?? '';
  }
}
