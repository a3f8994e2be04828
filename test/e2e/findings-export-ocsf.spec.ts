import { readFile } from 'node:fs/promises';
import { goToAnalysis } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

interface OcsfEvent {
  class_uid: number;
  type_uid: number;
  status_id: number;
  finding_info: { uid: string; title: string };
  metadata: { version: string; event_code: string; correlation_uid: string };
  resources: { uid: string; owner?: { name: string }; labels: string[] }[];
}

test.describe('Findings export as OCSF', () => {
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
    expect(download.suggestedFilename()).toMatch(/^agent-warden-findings-\d{4}-\d{2}-\d{2}\.ocsf\.jsonl$/);
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

    // The Inventory's Export JSON: the identities shown, with the view naming the scans they came from.
    await app.goTo('Inventory');
    const count = main.getByTestId('inventory-count');
    await expect(count).toContainText(/\d+ of \d+/, { timeout: 60_000 });
    const listed = Number(/^([\d,]+) of/.exec((await count.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? 'NaN');
    const [inventoryDownload] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(inventoryDownload.suggestedFilename()).toMatch(/^agent-warden-inventory-\d{4}-\d{2}-\d{2}\.json$/);
    const inventory = JSON.parse(await readFile(await inventoryDownload.path(), 'utf8')) as { view: { scans: { id: string }[] }; agents: { arn: string; scanId: string }[] };
    expect(inventory.view.scans.length).toBe(3);
    expect(inventory.agents).toHaveLength(listed);
    const scanIds = new Set(inventory.view.scans.map((scan) => scan.id));
    for (const agent of inventory.agents) expect(scanIds.has(agent.scanId)).toBe(true);
    await saveScreenshots(page, 'inventory-export');
  });
});
