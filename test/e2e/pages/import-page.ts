import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { JobProgress } from './job-progress';

export type ImportPurpose = 'authorization-details' | 'credential-report';

/** The Import screen: two drop zones, the account ID, Import, and the import's progress. */
export class ImportPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly accountId: Locator;
  readonly importButton: Locator;
  readonly startFailure: Locator;
  readonly jobs: Locator;
  readonly howTo: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Import offline files' });
    this.form = main.getByRole('form', { name: 'Import offline files' });
    this.accountId = this.form.getByLabel(/Account ID/);
    this.importButton = this.form.getByRole('button', { name: /^(Import|Importing…|Sending .*|Starting the import…)$/ });
    this.startFailure = this.form.getByRole('alert');
    this.jobs = main.getByTestId('job-progress');
    this.howTo = main.getByRole('region', { name: 'How to export these files' });
  }

  zone(purpose: ImportPurpose): Locator {
    return this.form.locator(`.drop-zone[data-purpose="${purpose}"]`);
  }

  chooseButton(purpose: ImportPurpose): Locator {
    return this.zone(purpose).getByRole('button', { name: /^Choose (file|another)…$/ });
  }

  chosen(purpose: ImportPurpose): Locator {
    return this.page.getByTestId(`chosen-${purpose}`);
  }

  /** The browser way: the hidden file input behind "Choose file…". */
  async chooseFile(purpose: ImportPurpose, path: string): Promise<void> {
    await this.zone(purpose).locator('input[type="file"]').setInputFiles(path);
    await expect(this.chosen(purpose)).toContainText(basename(path));
  }

  /** Drag and drop: a real `drop` event whose DataTransfer holds the file's bytes. */
  async dropFiles(purpose: ImportPurpose, paths: readonly string[]): Promise<void> {
    const files = await Promise.all(paths.map(async (path) => ({ name: basename(path), base64: (await readFile(path)).toString('base64') })));
    const dataTransfer = await this.page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of ${JSON.stringify(files)}) {
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
        transfer.items.add(new File([bytes], name));
      }
      return transfer;
    })()`);
    const zone = this.zone(purpose);
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await expect(zone).toHaveClass(/drop-zone--over/);
    await zone.dispatchEvent('drop', { dataTransfer });
    await dataTransfer.dispose();
  }

  job(): JobProgress {
    return new JobProgress(this.jobs.first());
  }
}
