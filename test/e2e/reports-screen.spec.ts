/**
 * The Reports screen (issue 13): in browser mode `warden serve` prints the leadership report with this
 * machine's Chromium; "Save PDF…" downloads it on the paper and over the period chosen (the preview
 * follows the period too), with every agent in the appendix when ticked, showing the print's steps
 * while it runs. Screenshots in light and dark.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreenshots } from './support/screenshots';
import { startWardenServer, type WardenServer } from './support/warden-server';

let warden: WardenServer;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-reports-screen-'));
  warden = await startWardenServer({ extraArgs: ['--demo'], env: { ...process.env, WARDEN_CHROME: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' } });
});
test.afterAll(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Save PDF downloads the leadership report on the chosen paper and period', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${warden.url}&/reports`);
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Paper').selectOption('letter');
  await expect(page.getByLabel('Paper')).toHaveValue('letter');
  // The period: the demo's scans are a week apart, so over 30 days there is no earlier scan to compare with;
  // the preview and the PDF both say so instead of showing a change.
  await expect(page.getByLabel('Period')).toHaveValue('');
  await page.getByLabel('Period').selectOption('30d');
  await page.getByRole('button', { name: 'Show preview' }).click();
  await expect(page.getByTestId('report-comparison')).toContainText('No earlier scan in this period');
  await page.getByRole('button', { name: 'Hide preview' }).click();
  // The appendix of every agent, only when asked.
  await page.getByLabel('All agents in the appendix').check();
  await expect(page.getByLabel('All agents in the appendix')).toBeChecked();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Save PDF…' }).click();
  // The print job's steps while it runs (the back end's job:progress events).
  const progress = page.getByTestId('report-progress');
  await expect(progress.getByRole('progressbar', { name: 'Printing the report' })).toBeVisible();
  await expect(progress.locator('[data-step]')).toHaveText([/Reading the workspace/, /Drawing the pages/, /Printing the PDF/]);
  const download = await downloading;
  await expect(progress).toHaveCount(0);
  expect(download.suggestedFilename()).toMatch(/^LR-\d{8}-[0-9a-f]{8}\.pdf$/);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  const pageOne = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  expect(pageOne).toContain('Decisions we need');
  // Page 1's sentence under the KPIs ("No earlier scan in this period: …"; the cards say 'no earlier scan').
  expect(pageOne).toMatch(/no earlier scan in this period/i);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Appendix: all agents');
  await expect(page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}` })).toBeVisible();
  await saveScreenshots(page, 'reports');
});

test.describe('where the back end has no browser to print with', () => {
  let bare: WardenServer;
  test.beforeAll(async () => {
    bare = await startWardenServer({ extraArgs: ['--demo'], env: { ...process.env, WARDEN_CHROME: '/no/such/chrome' } });
  });
  test.afterAll(async () => {
    await bare.stop();
  });

  test('Save PDF says why and offers this browser’s print dialog on the same page', async ({ page, context }) => {
    test.setTimeout(60_000);
    // The new tab's print dialog, recorded instead of opened (a headless browser has none to show).
    await context.addInitScript({ content: "window.print = () => { document.documentElement.dataset.printDialog = 'opened'; };" });
    await page.goto(`${bare.url}&/reports`);
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await page.getByLabel('Paper').selectOption('letter');
    await expect(page.getByLabel('Paper')).toHaveValue('letter');
    await page.getByRole('button', { name: 'Save PDF…' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The report could not be printed' });
    await expect(alert).toContainText('This back end cannot print');
    await expect(alert).toContainText('warden report leadership --paper letter --out leadership.pdf');
    await saveScreenshots(page, 'reports-no-printer');
    const opening = context.waitForEvent('page');
    await alert.getByRole('button', { name: 'Print from this browser…' }).click();
    const tab = await opening;
    await expect(tab.locator('html[data-report-ready="true"][data-print-dialog="opened"]')).toHaveCount(1, { timeout: 30_000 });
    expect(new URL(tab.url()).hash).toBe('#/print/leadership?paper=letter&dialog=1');
    await expect(tab.getByRole('heading', { name: 'Are our AI agents under control?' })).toBeVisible();
  });
});
