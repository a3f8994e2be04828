import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { ConnectionsPage } from './pages/connections-page';
import { ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';
import type { WardenServer } from './support/warden-server';

async function api<T>(request: APIRequestContext, warden: WardenServer, channel: string, input: unknown): Promise<T> {
  const response = await request.post(`${warden.origin}/api/${channel}`, { headers: { Authorization: `Bearer ${warden.token}` }, data: input });
  const envelope = (await response.json()) as { ok: boolean; value: T };
  expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
  return envelope.value;
}

test.describe('Demo company, persistent', () => {
  test('is one file in the app-data folder, and "Reset the demo" in the banner builds it again from scratch', async ({ app, warden, page }) => {
    test.setTimeout(90_000);
    await new ConnectionsPage(app.page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 60_000 });
    expect(existsSync(join(warden.appDataDir, 'Agent Warden', 'demo.sqlite'))).toBe(true);

    // Something done in the demo: a changed threshold.
    type Thresholds = { keyRotationDays: number; keyUnusedDays: number; keyGraceDays: number; roleUnusedDays: number };
    const { thresholds } = await api<{ thresholds: Thresholds }>(page.request, warden, 'settings:get', {});
    await api(page.request, warden, 'settings:update', { thresholds: { ...thresholds, keyRotationDays: thresholds.keyRotationDays + 33 } });

    await app.demoBanner.getByRole('button', { name: 'Reset the demo' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Reset the demo?' });
    await expect(dialog).toContainText('Your own workspace is not touched');
    await dialog.getByRole('button', { name: 'Reset the demo' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByText('The demo company is reset, dated as of today.')).toBeVisible();
    await expect(app.demoBanner).toBeVisible();
    await expect(app.heading).toHaveText('Scans');
    await expect(new ScansPage(app.page).rows.first()).toBeVisible();

    const after = await api<{ thresholds: Thresholds }>(page.request, warden, 'settings:get', {});
    expect(after.thresholds.keyRotationDays).toBe(thresholds.keyRotationDays);
  });
});
