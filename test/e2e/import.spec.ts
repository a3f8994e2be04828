import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ImportPage } from './pages/import-page';
import { ScanDetailPage, ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';

/** Real exports from public projects (see ../shared/fixtures/real-iam/MANIFEST.md). */
const REAL_IAM = resolve(__dirname, '../../../shared/fixtures/real-iam');
const IAM_VULNERABLE = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');
const CLOUDMAPPER = join(REAL_IAM, 'cloudmapper-demo/us-east-1');
const CLOUDMAPPER_AUTHZ = join(CLOUDMAPPER, 'iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(CLOUDMAPPER, 'credential-report.csv');

test.describe('Import', () => {
  test('a real export by drag and drop: refused with another account’s report, imported alone, in the history with its counts', async ({ app }) => {
    await app.goTo('Import');
    const imports = new ImportPage(app.page);
    await imports.dropFiles('authorization-details', [IAM_VULNERABLE]);
    await expect(imports.chosen('authorization-details')).toContainText('example-authz-iam-vulnerable-2023.json');
    await imports.chooseFile('credential-report', CLOUDMAPPER_REPORT);

    // The report is from another account: the back end says so, and nothing is written.
    await imports.importButton.click();
    const refused = imports.job();
    expect(await refused.waitForEnd()).toBe('Failed');
    await expect(refused.failure).toContainText('The import failed');
    await expect(refused.failure).toContainText('different AWS accounts');
    await expect(refused.failure).toContainText(/123456789012.*200611803367/);
    await refused.dismissButton.click();

    await imports.zone('credential-report').getByRole('button', { name: 'Remove credential-report.csv' }).click();
    await imports.importButton.click();
    const job = imports.job();
    expect(await job.waitForEnd()).toBe('Completed');
    await expect(job.root).toContainText('Imported 41 users and 75 roles of account 200611803367');
    // The form is ready for the next file.
    await expect(imports.chosen('authorization-details')).toHaveCount(0);

    await job.viewScan.click();
    const detail = new ScanDetailPage(app.page);
    await expect(detail.heading).toHaveText('example-authz-iam-vulnerable-2023.json');
    await expect(detail.summary).toContainText('200611803367');
    await expect(detail.collectors).toContainText('41 users, 75 roles');

    await detail.backLink.click();
    const scans = new ScansPage(app.page);
    await expect(scans.rows).toHaveCount(1);
    const row = scans.row('example-authz-iam-vulnerable-2023.json');
    await expect(row.status).toHaveText('Completed');
    await expect(row.root).toContainText('Import');
    await expect(row.cell('Account')).toContainText('200611803367');
    await expect(row.cell('Identities')).toHaveText(/^\d+$/);
    expect(Number(await row.cell('Identities').textContent())).toBeGreaterThanOrEqual(41 + 75);
    await expect(row.cell('API calls')).toHaveText('0');
  });

  test('both files of one account dropped together go to their boxes', async ({ app }) => {
    await app.goTo('Import');
    const imports = new ImportPage(app.page);
    await imports.dropFiles('authorization-details', [CLOUDMAPPER_REPORT, CLOUDMAPPER_AUTHZ]);
    await expect(imports.chosen('authorization-details')).toContainText('iam-get-account-authorization-details.json');
    await expect(imports.chosen('credential-report')).toContainText('credential-report.csv');
    await imports.importButton.click();
    expect(await imports.job().waitForEnd()).toBe('Completed');

    await app.goTo('Scans');
    const row = new ScansPage(app.page).row('iam-get-account-authorization-details.json + credential-report.csv');
    await expect(row.cell('Account')).toContainText('123456789012');
    await expect(row.cell('Outcomes')).toHaveText('2 ok');
  });

  test('how to export the files; nothing chosen; a truncated export gets an error naming what is wrong and where, and no scan', async ({ app }) => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-broken-'));
    try {
      const whole = await readFile(CLOUDMAPPER_AUTHZ, 'utf8');
      const broken = join(dir, 'authz-truncated.json');
      await writeFile(broken, whole.slice(0, Math.floor(whole.length / 2)));

      await app.goTo('Import');
      const imports = new ImportPage(app.page);
      await expect(imports.howTo.locator('pre').first()).toHaveText('aws iam get-account-authorization-details > authz.json');
      await expect(imports.howTo.locator('pre').nth(1)).toHaveText('aws iam generate-credential-report');
      await expect(imports.howTo.locator('pre').nth(2)).toHaveText('aws iam get-credential-report --output text --query Content | base64 -d > report.csv');
      await expect(imports.howTo.getByRole('button', { name: 'Copy authorization-details command' })).toBeVisible();

      // Nothing chosen: Import says what is missing, on the box that needs it.
      await imports.importButton.click();
      await expect(imports.zone('authorization-details')).toContainText('Choose the authorization-details export first');
      await expect(imports.chooseButton('authorization-details')).toBeFocused();

      await imports.chooseFile('authorization-details', broken);
      await imports.importButton.click();
      const job = imports.job();
      expect(await job.waitForEnd()).toBe('Failed');
      await expect(job.failure).toContainText('The import failed');
      // What is wrong, and where in the file.
      await expect(job.failure).toContainText(/truncated JSON.*line \d+, column \d+/);
      await expect(job.step(/authz-truncated\.json/)).toContainText('Failed');
      // Still chosen, to fix and try again.
      await expect(imports.chosen('authorization-details')).toContainText('authz-truncated.json');

      await app.goTo('Scans');
      await expect(new ScansPage(app.page).empty).toBeVisible();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Issue 8, item 6: a broken credential report is blamed on the credential report's row, never on the export's.
  test('a credential report with a duplicate ARN fails on its own row, naming its lines and the ARN', async ({ app }) => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-dup-report-'));
    try {
      const lines = (await readFile(CLOUDMAPPER_REPORT, 'utf8')).trimEnd().split('\n');
      const duplicated = join(dir, 'dup-report.csv');
      await writeFile(duplicated, `${[...lines, lines[lines.length - 1]].join('\n')}\n`);

      await app.goTo('Import');
      const imports = new ImportPage(app.page);
      await imports.chooseFile('authorization-details', CLOUDMAPPER_AUTHZ);
      await imports.chooseFile('credential-report', duplicated);
      await imports.importButton.click();
      const job = imports.job();
      expect(await job.waitForEnd()).toBe('Failed');
      await expect(job.failure).toContainText('dup-report.csv: credential report lines 4 and 5');
      await expect(job.failure).not.toContainText('UNIQUE');
      const reportRow = job.step('Read dup-report.csv');
      await expect(reportRow).toContainText('Failed');
      await expect(reportRow).toContainText('"arn:aws:iam::123456789012:user/user" appears twice');
      const exportRow = job.step('Read iam-get-account-authorization-details.json');
      await expect(exportRow).not.toContainText('Failed');
      await expect(exportRow).not.toContainText('appears twice');

      await app.goTo('Scans');
      await expect(new ScansPage(app.page).empty).toBeVisible();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // An upload is stored under a random temporary name; messages must still name the user's file.
  test('messages name the uploaded file as the user knows it', async ({ app }) => {
    await app.goTo('Import');
    const imports = new ImportPage(app.page);
    await imports.dropFiles('authorization-details', [IAM_VULNERABLE]);
    await imports.chooseFile('credential-report', CLOUDMAPPER_REPORT);
    await imports.importButton.click();
    const refused = imports.job();
    expect(await refused.waitForEnd()).toBe('Failed');
    await expect(refused.failure).toContainText('credential-report.csv is for 123456789012');
    await expect(refused.failure).toContainText('example-authz-iam-vulnerable-2023.json for 200611803367');
    await expect(refused.failure).not.toContainText('.upload');
  });

  // Issue 10, §4: job feedback. The error sits on the file that caused it, without repeating its name;
  // byte counts are the file's; the toast agrees with the result; outcomes are dismissed, never piled up,
  // and come into view.
  test('a broken report fails on its row; the toast agrees; a new import puts the old outcome away; bytes counted; dismissed', async ({ app }) => {
    const dir = await mkdtemp(join(tmpdir(), 'warden-job-feedback-'));
    try {
      const lines = (await readFile(CLOUDMAPPER_REPORT, 'utf8')).trimEnd().split('\n');
      const broken = join(dir, 'dup-report.csv');
      await writeFile(broken, `${[...lines, lines[lines.length - 1]].join('\n')}\n`);

      await app.goTo('Import');
      const imports = new ImportPage(app.page);
      await imports.chooseFile('authorization-details', CLOUDMAPPER_AUTHZ);
      await imports.chooseFile('credential-report', broken);
      await imports.importButton.click();
      const refused = imports.job();
      expect(await refused.waitForEnd()).toBe('Failed');
      await expect(refused.root).toBeInViewport();
      const reportRow = refused.step('Read dup-report.csv');
      await expect(reportRow).toContainText('Failed');
      await expect(reportRow.locator('.data-table__message')).toHaveText(/^credential report lines 4 and 5/);
      await expect(refused.step('Read iam-get-account-authorization-details.json')).not.toContainText('Failed');
      await expect(refused.step('Read iam-get-account-authorization-details.json').locator('.data-table__message')).toHaveText('');
      // The toast says what the panel says; nothing announces it as still importing or finished.
      await expect(app.toasts).toContainText('The import failed.');
      await expect(app.toasts.locator('.toast--danger')).toHaveCount(1);
      await expect(app.toasts).not.toContainText('Importing');
      await expect(app.toasts).not.toContainText('finished');

      // Fixed and imported again: one panel, the new one; the old outcome is put away.
      await imports.zone('credential-report').getByRole('button', { name: 'Remove dup-report.csv' }).click();
      await imports.chooseFile('credential-report', CLOUDMAPPER_REPORT);
      await imports.importButton.click();
      // The new job's panel (reading the fixed report) replaces the old one: wait for it, not the old outcome.
      await expect(imports.job().step('Read credential-report.csv')).toHaveCount(1);
      await expect(imports.jobs).toHaveCount(1);
      const job = imports.job();
      expect(await job.waitForEnd()).toBe('Completed');
      await expect(job.root).toBeInViewport();
      await expect(app.toasts).toContainText('Import finished. Imported');
      // The report's row counts its bytes (its size on disk), not "1 of 1".
      const reportSize = (await stat(CLOUDMAPPER_REPORT)).size;
      const reportProgress = job.step('Read credential-report.csv').locator('td.data-table__num');
      await expect(reportProgress).toHaveText(/^(.+) of \1$/);
      await expect(reportProgress).not.toHaveText('1 B of 1 B');
      expect(reportSize).toBeGreaterThan(1);

      await job.dismissButton.click();
      await expect(imports.jobs).toHaveCount(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
