import { readFile } from 'node:fs/promises';
import { parseCsv } from '@core/discovery/import/csv';
import { AGENTS_CSV_COLUMNS } from '@core/exports/inventory-csv';
import { goToAnalysis } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string }[] } }; automationDetails: { id: string }; properties: { scan: { id: string } }; results: { ruleId: string; ruleIndex: number; level: string }[] }[];
}

/** What a SARIF consumer needs of the log: version 2.1.0, runs naming their scan, results pointing at their rules. */
function checkSarif(log: SarifLog): number {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toMatch(/sarif-2\.1\.0/);
  let results = 0;
  for (const run of log.runs) {
    expect(run.tool.driver.name).toBe('Agent Warden');
    expect(run.automationDetails.id).toContain(run.properties.scan.id);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
    }
    results += run.results.length;
  }
  return results;
}

interface OcsfEvent {
  class_uid: number;
  type_uid: number;
  status_id: number;
  finding_info: { uid: string; title: string };
  metadata: { version: string; event_code: string; correlation_uid: string };
  resources: { uid: string; owner?: { name: string }; labels: string[] }[];
}

test.describe('Findings export as OCSF and SARIF, Inventory as CSV, the Reports screen’s exports', () => {
  test('downloads the shown findings as OCSF 1.3.0 JSON Lines, one Detection Finding a line', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    await goToAnalysis(page, 'Findings');
    const main = page.getByRole('main');
    const items = main.getByTestId('finding');
    await expect(items.first()).toBeVisible({ timeout: 60_000 });
    await app.dismissToasts();
    const shown = await items.count();

    const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export OCSF JSONL' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^agent-warden-findings-(scan-[A-Za-z0-9]{1,8}|\d+-accounts)-\d{4}-\d{2}-\d{2}\.ocsf\.jsonl$/);
    const text = await readFile(await download.path(), 'utf8');
    const events = text.trimEnd().split('\n').map((line) => JSON.parse(line) as OcsfEvent);
    expect(events).toHaveLength(shown);
    for (const event of events) {
      expect(event.class_uid).toBe(2004);
      expect(event.type_uid).toBe(200400 + Math.floor(event.type_uid % 100));
      expect(event.metadata.version).toBe('1.3.0');
      expect(event.finding_info.uid).toMatch(/\S/);
      expect(event.metadata.correlation_uid).toMatch(/\S/);
    }
    expect(new Set(events.map((e) => e.finding_info.uid)).size).toBe(events.length);
    // The owner and tier of the agents ride on their resources.
    expect(events.some((e) => e.resources.some((r) => r.owner !== undefined && r.labels.some((l) => l.startsWith('tier:'))))).toBe(true);
    await app.dismissToasts();
    await page.evaluate("document.querySelector('.bulk-bar')?.scrollIntoView({ block: 'start' })");
    await saveScreenshots(page, 'findings-export-ocsf');

    // SARIF of a filtered view: the findings shown (critical only), from the back end's writer (the CLI's).
    await page.evaluate("location.hash = '#/findings?severity=critical'");
    await expect.poll(() => items.count()).toBeLessThan(shown);
    const critical = await items.count();
    expect(critical).toBeGreaterThan(0);
    await expect(main.getByTestId('findings-export-hint')).toHaveText(`Exports the ${critical} findings shown, from the newest scans of 3 accounts`);
    await app.dismissToasts();
    const [sarifDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export SARIF' }).click()]);
    expect(sarifDownload.suggestedFilename()).toMatch(/^agent-warden-findings-3-accounts-\d{4}-\d{2}-\d{2}\.sarif$/);
    const sarif = JSON.parse(await readFile(await sarifDownload.path(), 'utf8')) as SarifLog;
    expect(sarif.runs).toHaveLength(3);
    expect(checkSarif(sarif)).toBe(critical);
    expect(sarif.runs.flatMap((run) => run.results).every((result) => result.level === 'error')).toBe(true);

    // The Inventory's Export JSON: the identities shown, with the view naming the scans they came from.
    await app.goTo('Inventory');
    const count = main.getByTestId('inventory-count');
    await expect(count).toContainText(/\d+ of \d+/, { timeout: 60_000 });
    const listed = Number(/^([\d,]+) of/.exec((await count.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? 'NaN');
    const [inventoryDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(inventoryDownload.suggestedFilename()).toMatch(/^agent-warden-inventory-3-accounts-\d{4}-\d{2}-\d{2}\.json$/);
    const inventory = JSON.parse(await readFile(await inventoryDownload.path(), 'utf8')) as { view: { scans: { id: string }[] }; agents: { arn: string; scanId: string }[] };
    expect(inventory.view.scans.length).toBe(3);
    expect(inventory.agents).toHaveLength(listed);
    const scanIds = new Set(inventory.view.scans.map((scan) => scan.id));
    for (const agent of inventory.agents) expect(scanIds.has(agent.scanId)).toBe(true);

    // The Inventory's Export CSV: the same identities shown (the screen hides AWS-managed roles by
    // default, so the rows are named), the CLI's columns, each row naming its scan.
    await expect(main.getByTestId('inventory-export-hint')).toContainText(`Exports the ${listed.toLocaleString('en-US')} identities shown, from the newest scans of 3 accounts`);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^agent-warden-inventory-3-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parseCsv(await readFile(await csvDownload.path(), 'utf8')).map((record) => record.fields);
    expect(header).toEqual([...AGENTS_CSV_COLUMNS]);
    expect(rows).toHaveLength(listed);
    expect(rows.map((row) => row[0])).toEqual(inventory.agents.map((agent) => agent.arn));
    const scanColumn = AGENTS_CSV_COLUMNS.indexOf('scanId');
    for (const row of rows) expect(scanIds.has(row[scanColumn] ?? '')).toBe(true);
    // No cell a spreadsheet would run as a formula (the demo has no hostile name; the channel's test has).
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    await app.dismissToasts();
    await saveScreenshots(page, 'inventory-export');

    // The Reports screen's Exports panel: every file for security tools, of the report's scope.
    await app.goTo('Reports');
    const panel = main.getByTestId('exports-panel');
    await expect(panel.getByRole('listitem')).toHaveCount(7);
    await expect(panel).toContainText('GitHub code scanning');
    await expect(panel).toContainText('Amazon Security Lake');
    const [reportSarif] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download Findings SARIF 2.1.0' }).click()]);
    expect(reportSarif.suggestedFilename()).toMatch(/^agent-warden-findings-3-accounts-\d{4}-\d{2}-\d{2}\.sarif$/);
    expect(checkSarif(JSON.parse(await readFile(await reportSarif.path(), 'utf8')) as SarifLog)).toBe(shown);
    await expect(main.getByRole('status').filter({ hasText: `Saved ${reportSarif.suggestedFilename()}` })).toBeVisible();
    await page.evaluate("document.querySelector('[data-testid=exports-panel]')?.closest('section')?.scrollIntoView({ block: 'start' })");
    await saveScreenshots(page, 'reports-exports');
  });
});
