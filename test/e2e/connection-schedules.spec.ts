import Database from 'better-sqlite3';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

/**
 * Schedules on the Connections screen against the real back end: set in the connection's form, shown
 * with the next run the back end computed. The timing itself (due, missed, no overlap, DST) is
 * tested with a fake clock in test/unit/schedules; nothing here waits for real hours.
 */
test.describe('Connection schedules', () => {
  test('a schedule is set in the form, shows its next run, changes, and turns off', async ({ app }) => {
    const connections = new ConnectionsPage(app.page);
    const form = await connections.openAddForm();
    await form.fill({ name: 'Nightly', profile: 'dev' });
    await form.fillSchedule({ kind: 'daily', at: '02:30', timeZone: 'Europe/Berlin' });
    // A window tall enough for the whole form, schedule fields included.
    const viewport = app.page.viewportSize();
    await app.page.setViewportSize({ width: 1280, height: 1040 });
    await saveScreenshots(app.page, 'connection-form-schedule');
    if (viewport !== null) await app.page.setViewportSize(viewport);
    await form.submit.click();
    await expect(form.dialog).toBeHidden();

    const nightly = connections.connection('Nightly');
    await expect(nightly.root).toContainText('Daily at 02:30 (Europe/Berlin)');
    const next = nightly.root.getByTestId('schedule-runs').locator('time').first();
    await expect(nightly.root.getByTestId('schedule-runs')).toContainText('Next run');
    // The next 02:30 in Berlin: within a day from now, at 00:30 or 01:30 UTC (summer or winter time).
    const nextAt = await next.getAttribute('datetime');
    expect(nextAt).toMatch(/T0[01]:30:00\.000Z$/);
    const untilNext = Date.parse(nextAt ?? '') - Date.now();
    expect(untilNext).toBeGreaterThan(0);
    expect(untilNext).toBeLessThanOrEqual(25 * 3_600_000);

    // Edit: every 6 hours; a value out of range is refused on the field first.
    await nightly.editButton.click();
    await form.expectOpen('Edit “Nightly”');
    await expect(form.scheduleKind).toHaveValue('daily');
    await expect(form.scheduleTimeZone).toHaveValue('Europe/Berlin');
    await form.fillSchedule({ kind: 'every', hours: '200' });
    await form.submit.click();
    await form.expectFieldError(form.scheduleHours, /1 to 168/);
    await form.scheduleHours.fill('6');
    await form.submit.click();
    await expect(form.dialog).toBeHidden();
    await expect(nightly.root).toContainText('Every 6 hours');
    await expect(nightly.root.getByTestId('schedule-runs')).toContainText(/in [56] hours/);
    await saveScreenshots(app.page, 'connections-schedule');

    // It is in the workspace: a reload shows it; the audit log records who set it.
    await app.page.reload();
    await expect(connections.connection('Nightly').root).toContainText('Every 6 hours');

    await nightly.editButton.click();
    await form.fillSchedule({ kind: 'off' });
    await form.submit.click();
    await expect(form.dialog).toBeHidden();
    await expect(nightly.root.locator('dd', { hasText: /^Off$/ })).toBeVisible();
    await expect(nightly.root.getByTestId('schedule-runs')).toHaveCount(0);
  });

  test('warden serve runs a due schedule: the scan starts on its own and its outcome shows as the last run', async ({ app, warden }) => {
    const connections = new ConnectionsPage(app.page);
    const form = await connections.openAddForm();
    await form.fill({ name: 'Hourly', profile: 'dev', regions: 'us-east-1' });
    await form.fillSchedule({ kind: 'every', hours: '1' });
    await form.submit.click();
    await expect(form.dialog).toBeHidden();
    const hourly = connections.connection('Hourly');
    await expect(hourly.root).toContainText('Every hour');

    // No waiting for an hour: the schedule is made to have been set two hours ago, in the workspace
    // file itself (as a laptop that slept through its run would find it)…
    const db = new Database(warden.workspacePath);
    try {
      db.prepare('UPDATE connections SET schedule_set_at = ? WHERE name = ?').run(new Date(Date.now() - 2 * 3_600_000).toISOString(), 'Hourly');
    } finally {
      db.close();
    }
    // …and a change of the connection (its Test) has the server's scheduler look at once.
    await hourly.test();
    const runs = hourly.root.getByTestId('schedule-runs');
    await expect(runs).toContainText('Last scheduled run: Completed', { timeout: 90_000 });
    await expect(runs).toContainText(/in (59 minutes|1 hour)/);
    await saveScreenshots(app.page, 'connections-schedule-ran');
    // The scan it ran is in the history like any other.
    await app.page.getByRole('link', { name: 'Scans', exact: true }).click();
    await expect(app.page.getByRole('main')).toContainText('Hourly');
  });
});
