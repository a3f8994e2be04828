import { readFile } from 'node:fs/promises';
import { goToAnalysis } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

const SANDBOX = '111100003333';

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF): enough to check the export's cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}

test.describe('Findings of every account', () => {
  test('all three demo accounts, filtered to the sandbox, searched, two accepted with one reason, exported as CSV', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    await goToAnalysis(page, 'Findings');
    const main = page.getByRole('main');
    const items = main.getByTestId('finding');
    await expect(items.first()).toBeVisible({ timeout: 60_000 });

    // Every account: the view line names three, and findings of each are listed with their account.
    await expect(main.getByTestId('view-line')).toContainText('Current state of 3 accounts');
    const accountCells = main.getByTestId('finding-account');
    const names = new Set(await accountCells.allTextContents());
    expect(names.size).toBe(3);
    await expect(main.getByTestId('findings-totals')).toContainText(/\d+ open · \d+ accepted, across 3 accounts/);
    await app.dismissToasts();
    await saveScreenshots(page, 'findings-all-accounts');

    // The owner column: the registry's owner of the finding's identity; searching by it finds its findings.
    const owned = main.locator('.finding__owner:not(.finding__owner--none)');
    await expect(owned.first()).toBeVisible();
    const owner = (await owned.first().textContent()) ?? '';
    expect(owner).not.toBe('');
    await main.getByTestId('findings-search').fill(owner);
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(items.first()).toBeVisible();
    await expect(main.getByTestId('findings-count')).not.toContainText(/^(\d+) of \1 /);
    for (const item of await items.all()) await expect(item.getByTestId('finding-owner')).toContainText(owner);
    await main.getByTestId('findings-search').fill('');
    await expect(page).not.toHaveURL(/[?&]q=/);

    // The sandbox only: the address says so, every row is the sandbox's.
    const account = main.getByTestId('findings-account');
    await account.selectOption(SANDBOX);
    await expect(page).toHaveURL(new RegExp(`account=${SANDBOX}`));
    await expect(main.getByTestId('view-line')).toContainText('Current state of the account');
    await expect(accountCells.first()).toBeVisible();
    const sandboxName = (await accountCells.first().textContent()) ?? '';
    expect(sandboxName).toMatch(/sandbox/i);
    for (const text of await accountCells.allTextContents()) expect(text).toBe(sandboxName);

    // Search: the Bedrock API key's user, by name.
    await main.getByTestId('findings-search').fill('BedrockAPIKey');
    await expect(page).toHaveURL(/[?&]q=BedrockAPIKey/);
    await expect(main.getByTestId('findings-count')).toContainText(/^\d+ of /);
    const shown = await items.count();
    expect(shown).toBeGreaterThanOrEqual(2);
    for (const item of await items.all()) await expect(item).toContainText(/BedrockAPIKey/i);
    const totalsBefore = (await main.getByTestId('findings-totals').textContent()) ?? '';
    const acceptedBefore = Number(/(\d+) accepted/.exec(totalsBefore)?.[1] ?? 'NaN');

    // Select all shown, then none.
    await main.getByTestId('select-all-shown').check();
    await expect(main.getByTestId('selected-count')).toHaveText(`${shown} selected`);
    await main.getByTestId('select-all-shown').uncheck();
    await expect(main.getByTestId('selected-count')).toHaveCount(0);

    // Bulk triage from the keyboard: two checkboxes, then Accept risk… with one reason.
    const first = items.nth(0);
    const second = items.nth(1);
    await first.getByTestId('finding-select').focus();
    await page.keyboard.press('Space');
    await second.getByTestId('finding-select').check();
    await expect(main.getByTestId('selected-count')).toHaveText('2 selected');
    await main.getByRole('toolbar', { name: 'Act on the shown findings' }).getByRole('button', { name: 'Accept risk…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept the risk of 2 findings' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('bulk-subject').getByRole('listitem')).toHaveCount(2);
    await dialog.getByLabel('Reason').fill('Sandbox key rotates with the hackathon clean-up, SEC-118.');
    await dialog.getByLabel('Accepted until').fill(inDays(30));
    await saveScreenshots(page, 'findings-bulk-accept');
    await dialog.getByRole('button', { name: 'Accept risk' }).click();
    await expect(dialog).toBeHidden();
    await expect(first.locator('.finding__status')).toContainText('Accepted');
    await expect(second.locator('.finding__status')).toContainText('Accepted');
    await expect(main.getByTestId('findings-totals')).toContainText(`${acceptedBefore + 2} accepted`);
    await expect(main.getByTestId('selected-count')).toHaveCount(0);

    // Export what is shown as CSV: the CLI's columns, one row per finding shown, the sandbox's only.
    const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^agent-warden-findings-(scan-[A-Za-z0-9]{1,8}|\d+-accounts)-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const rows = parseCsv(await readFile(path, 'utf8'));
    const [header, ...body] = rows;
    expect(header?.slice(0, 11)).toEqual(['id', 'ruleId', 'severity', 'step', 'title', 'principalArn', 'resourceArn', 'resourceId', 'accountId', 'scanId', 'region']);
    expect(body).toHaveLength(shown);
    const column = (name: string): number => header?.indexOf(name) ?? -1;
    for (const row of body) {
      expect(row[column('accountId')]).toBe(SANDBOX);
      expect(row[column('principalArn')]).toContain('BedrockAPIKey');
    }
    const accepted = body.filter((row) => row[column('status')] === 'accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(2);
    expect(accepted.map((row) => row[column('acceptedReason')])).toContain('Sandbox key rotates with the hackathon clean-up, SEC-118.');
    await app.dismissToasts();
    // The list itself: checkbox, severity, title, account and owner columns, status.
    await page.evaluate("document.querySelector('.bulk-bar')?.scrollIntoView({ block: 'start' })");
    await saveScreenshots(page, 'findings-sandbox-search');

    // ?scan= of an older scan (the oldest in the history, a week before): that scan's own findings, a past view said so.
    await app.goTo('Scans');
    const oldest = await new ScansPage(page).rows.last().locator('a.data-table__link').getAttribute('href');
    const scanId = decodeURIComponent(/#\/scans\/([^?]+)/.exec(oldest ?? '')?.[1] ?? '');
    expect(scanId).not.toBe('');
    await page.goto(`${page.url().split('#')[0]}#/findings?scan=${encodeURIComponent(scanId)}`);
    await expect(main.getByTestId('view-line')).toContainText('A past view');
    await expect(items.first()).toBeVisible();
    await expect(main.getByTestId('findings-totals')).not.toContainText('across');
  });
});
