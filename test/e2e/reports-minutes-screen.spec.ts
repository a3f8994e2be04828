/**
 * The Reports screen's choices (issue 13): the report (leadership, or the minutes of a held meeting),
 * the scope (all accounts or one) and a preview drawn in the app by the print page's own component
 * before "Save PDF…"; and "Save PDF…" on a held meeting's Minutes view. `warden serve --demo` prints
 * with this machine's Chromium. Screenshots in light and dark.
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
  dir = mkdtempSync(join(tmpdir(), 'warden-reports-minutes-'));
  warden = await startWardenServer({ extraArgs: ['--demo'], env: { ...process.env, WARDEN_CHROME: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' } });
});
test.afterAll(async () => {
  await warden.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Reports: choose the held meeting minutes, preview them, save the PDF', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${warden.url}&/reports`);
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  // The leadership report's scope: all accounts, or one of the demo's accounts.
  const scope = page.getByLabel('Scope');
  await expect.poll(() => scope.locator('option').count()).toBeGreaterThan(1);
  await page.getByLabel('Report', { exact: true }).selectOption('minutes:demo-held-meeting');
  await expect(page.getByLabel('Scope')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show preview' }).click();
  const preview = page.getByTestId('report-preview');
  await expect(preview.getByRole('heading', { name: 'Minutes: Tier 1 agent review' })).toBeVisible();
  await expect(preview).toContainText('Evidence SHA-256');
  await expect(preview).toContainText('Approved as a true record');
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Save PDF…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^MN-\d{8}-[0-9a-f]{8}\.pdf$/);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Approved as a true record');
  await saveScreenshots(page, 'reports-minutes');
});

test('Reports: the leadership preview follows the scope', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${warden.url}&/reports`);
  const scope = page.getByLabel('Scope');
  await expect.poll(() => scope.locator('option').count()).toBeGreaterThan(1);
  const options = scope.locator('option');
  const values: string[] = [];
  for (let index = 0; index < (await options.count()); index += 1) values.push((await options.nth(index).getAttribute('value')) ?? '');
  const account = values.find((value) => /^\d{12}$/.test(value));
  expect(account).toBeDefined();
  await scope.selectOption(account ?? '');
  await page.getByRole('button', { name: 'Show preview' }).click();
  const preview = page.getByTestId('report-preview');
  await expect(preview.getByText('Top 5 risks')).toBeVisible({ timeout: 30_000 });
  await expect(preview).toContainText(account ?? 'none');
});

test('Minutes view: Save PDF on a held meeting', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`${warden.url}&/reviews/demo-held-meeting/minutes`);
  await expect(page.getByRole('heading', { name: 'Minutes: Tier 1 agent review', level: 1 })).toBeVisible();
  await page.getByLabel('Paper').selectOption('letter');
  await expect(page.getByLabel('Paper')).toHaveValue('letter');
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Save PDF…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^MN-\d{8}-[0-9a-f]{8}\.pdf$/);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  await expect(page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}` })).toBeVisible();
  await saveScreenshots(page, 'minutes-save-pdf');
});
