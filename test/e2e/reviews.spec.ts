/**
 * Review meetings end to end on the demo company, against the real back end: plan a meeting, reorder its
 * agenda by buttons, then run it from the KEYBOARD ONLY in full-screen meeting mode (keep with a note,
 * re-tier with a reason, decommission with a reason), leave and resume, end it, read the minutes, and
 * find the decisions in the audit log and the registry. Screenshots of meeting mode, light and dark, at
 * 1920×1080 and 1280×720.
 */
import { readFile } from 'node:fs/promises';
import { AuditPage, goToAnalysis } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { MeetingModePage, MeetingPage, ReviewsPage } from './pages/reviews-pages';
import { expect, test } from './support/fixtures';
import { tabTo } from './support/keyboard';
import { saveScreenshots } from './support/screenshots';

const HOSTILE_NOTE = 'Checked with <b>Ops</b> <img src=x onerror=alert(1)>';

test.describe('Review meetings', () => {
  test('a whole meeting from the keyboard: keep, re-tier, decommission; minutes, audit log and registry', async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // Reviews: the cadence (defaults) with its way to Settings; plan a meeting.
    await app.goTo('Reviews');
    const reviews = new ReviewsPage(page);
    await expect(reviews.cadence).toContainText('Tier 1 every 30 days, Tier 2 every 90 days, Tier 3 every 182 days');
    await expect(reviews.cadence.getByRole('link', { name: 'Change it in Settings' })).toHaveAttribute('href', '#/settings');
    await expect(reviews.meetings.getByRole('row').nth(1)).toBeVisible();
    await app.dismissToasts();
    await saveScreenshots(page, 'reviews');
    await reviews.plan({ title: 'E2E agent review', attendees: 'Ana Lima\nBen Okafor' });

    // The planned meeting: its agenda, reordered by buttons (the focus stays on the moved row).
    const meeting = new MeetingPage(page);
    await expect(meeting.heading).toHaveText('E2E agent review');
    await expect(meeting.agendaItems.nth(3)).toBeVisible({ timeout: 30_000 });
    const before = await meeting.agendaNames();
    const first = before[0] ?? '';
    const second = before[1] ?? '';
    await meeting.agenda.getByRole('button', { name: `Move ${first} down`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => meeting.agendaNames()).toEqual([second, first, ...before.slice(2)]);
    await expect(meeting.agenda.getByRole('button', { name: `Move ${first} down`, exact: true })).toBeFocused();
    await saveScreenshots(page, 'reviews-agenda');
    const names = (await meeting.agendaNames()).slice(0, 3);
    const arns = (await meeting.agendaArns()).slice(0, 3);
    const [keepName, retierName, decommissionName] = names as [string, string, string];
    const [, retierArn, decommissionArn] = arns as [string, string, string];

    // Start from the keyboard: meeting mode fills the window, no sidebar.
    await meeting.startButton.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/reviews\/[^/]+\/meeting$/);
    const mode = new MeetingModePage(page);
    await expect(mode.agentName).toHaveText(keepName);
    await expect(app.nav).toHaveCount(0);
    await expect(mode.position).toHaveText(/^Agent 1 of \d+$/);
    await expect(mode.progress).toHaveText(/^0 of \d+ agents decided$/);

    // Screenshots as the room sees it, both sizes, light and dark (without the demo's welcome toast).
    await app.dismissToasts();
    for (const [width, height] of [
      [1920, 1080],
      [1280, 720],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(mode.agentName).toBeInViewport();
      await saveScreenshots(page, `meeting-mode-${width}x${height}`);
    }

    // `?` shows every key, `?` again hides it.
    await page.keyboard.press('?');
    await expect(mode.keysDialog).toBeVisible();
    await expect(mode.keysDialog).toContainText('Decommission');
    await saveScreenshots(page, 'meeting-mode-keys', ['light']);
    await page.keyboard.press('?');
    await expect(mode.keysDialog).toBeHidden();

    // 1. A note (typed as text, hostile markup and all), then K: keep.
    await expect(mode.keys.getByRole('button', { name: 'Defer' })).toBeEnabled();
    await page.keyboard.press('n');
    const noteDialog = mode.dialog('Note');
    await expect(noteDialog).toBeVisible();
    await page.keyboard.type(HOSTILE_NOTE);
    await page.keyboard.press('Control+Enter');
    await expect(noteDialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'To be recorded with the decision' })).toContainText(HOSTILE_NOTE);
    await page.keyboard.press('k');
    await expect(mode.decision).toContainText('Decided: Keep');
    await expect(mode.decision).toContainText('By Ana Lima, Ben Okafor');
    await expect(mode.progress).toHaveText(/^1 of \d+ agents decided$/);
    // Decisions are final: another decision key on it is refused, in words.
    await page.keyboard.press('d');
    await expect(mode.status).toContainText('decided already');

    // Esc leaves; the meeting stays in progress and resumes at the first agent without a decision.
    await page.keyboard.press('Escape');
    await expect(meeting.heading).toHaveText('E2E agent review');
    await expect(app.nav).toBeVisible();
    await tabTo(page, meeting.resumeLink);
    await page.keyboard.press('Enter');
    await expect(mode.agentName).toHaveText(retierName);
    await expect(mode.position).toHaveText(/^Agent 2 of \d+$/);
    // A closed lid or a crashed window: reopening the address resumes at the same place.
    await page.reload();
    await expect(mode.agentName).toHaveText(retierName);
    await expect(mode.progress).toHaveText(/^1 of \d+ agents decided$/);

    // 2. T: re-tier, with the new tier and a reason.
    await expect(mode.keys.getByRole('button', { name: 'Defer' })).toBeEnabled();
    await page.keyboard.press('t');
    const retier = mode.dialog('Re-tier');
    await expect(retier).toBeVisible();
    // The focus is on the first tier that is not the current one; Space chooses it.
    const chosen = (await retier.locator('input[type="radio"]:focus').getAttribute('value')) ?? '';
    expect(['1', '2', '3']).toContain(chosen);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Reads only the staging bucket since the October change.');
    await page.keyboard.press('Enter');
    await expect(retier).toBeHidden();
    await expect(mode.decision).toContainText(`Decided: Re-tier to Tier ${chosen}`);

    // 3. → then D: decommission, with a reason.
    await page.keyboard.press('ArrowRight');
    await expect(mode.agentName).toHaveText(decommissionName);
    await expect(mode.keys.getByRole('button', { name: 'Defer' })).toBeEnabled();
    await page.keyboard.press('d');
    const decommission = mode.dialog('Decommission');
    await expect(decommission).toBeVisible();
    await page.keyboard.type('Replaced by the new pipeline role; nothing calls it.');
    await page.keyboard.press('Enter');
    await expect(decommission).toBeHidden();
    await expect(mode.decision).toContainText('Decided: Decommission');
    await expect(mode.progress).toHaveText(/^3 of \d+ agents decided$/);

    // E ends it (Cancel has the focus first, so Tab to End meeting); the minutes follow.
    await page.keyboard.press('e');
    const endDialog = page.getByRole('alertdialog', { name: 'End the meeting?' });
    await expect(endDialog).toContainText('carried over to the next meeting');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/reviews\/[^/]+\/minutes$/);

    // The minutes: attendees, each decision with its note and evidence hash, what was carried over.
    await page.setViewportSize({ width: 1280, height: 840 });
    const minutes = page.getByTestId('minutes');
    await expect(minutes.getByRole('heading', { level: 1 })).toHaveText('Minutes: E2E agent review');
    await expect(page.getByTestId('minutes-attendees')).toHaveText('Ana Lima, Ben Okafor');
    const decisions = page.getByTestId('minutes-decisions').getByRole('listitem');
    await expect(decisions).toHaveCount(3);
    await expect(decisions.nth(0)).toContainText(`${keepName}: Keep`);
    await expect(decisions.nth(0)).toContainText(HOSTILE_NOTE);
    await expect(decisions.nth(0).locator('img, b')).toHaveCount(0);
    await expect(decisions.nth(1)).toContainText(`${retierName}: Re-tier to Tier ${chosen}`);
    await expect(decisions.nth(1)).toContainText('Reads only the staging bucket since the October change.');
    await expect(decisions.nth(2)).toContainText(`${decommissionName}: Decommission`);
    for (const hash of await page.getByTestId('evidence-hash').allInnerTexts()) expect(hash.trim()).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId('minutes-carried-over')).toBeVisible();
    await saveScreenshots(page, 'reviews-minutes');

    // The audit log has each decision.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    const ours = audit.table.getByRole('row').filter({ hasText: 'E2E agent review' });
    await expect(ours.filter({ hasText: 'review.decision' })).toHaveCount(3);
    await expect(ours.filter({ hasText: 'review.decision' }).filter({ hasText: 'retier' })).toHaveCount(1);
    await expect(ours.filter({ hasText: 'review.decision' }).filter({ hasText: 'decommission' })).toHaveCount(1);
    await expect(ours.filter({ hasText: 'review.end' })).toHaveCount(1);

    // The registry: the re-tiered agent carries the override with the room's reason; the other is decommissioned.
    await page.goto(`${page.url().replace(/#.*$/, '')}#/agents/${encodeURIComponent(retierArn)}`);
    await expect(page.getByTestId('tier-override')).toContainText(`Override to Tier ${chosen}: “Reads only the staging bucket since the October change.”`);
    await expect(page.getByTestId('agent-reviews')).toContainText(`Re-tier to Tier ${chosen} on`);
    await expect(page.getByTestId('agent-reviews').getByRole('link', { name: 'E2E agent review' })).toBeVisible();
    await page.goto(`${page.url().replace(/#.*$/, '')}#/agents/${encodeURIComponent(decommissionArn)}`);
    await expect(page.getByRole('main').locator('.agent-header__facts')).toContainText('Decommissioned');

    // A follow-up meeting: the kept agent added to its agenda by hand shows what changed since that review.
    await app.goTo('Reviews');
    await reviews.plan({ title: 'E2E follow-up', attendees: 'Ana Lima' });
    await expect(meeting.heading).toHaveText('E2E follow-up');
    const add = page.getByRole('combobox', { name: 'Add an agent to the agenda' });
    await expect(add).toBeEnabled();
    const option = add.getByRole('option').filter({ hasText: keepName }).first();
    await add.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await page.getByRole('main').getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(async () => (await meeting.agendaNames()).at(-1)).toBe(keepName);
    await meeting.startButton.click();
    await expect(mode.position).toHaveText(/^Agent 1 of \d+$/);
    await page.keyboard.press('End');
    await expect(mode.agentName).toHaveText(keepName);
    const changed = page.getByRole('region', { name: 'What changed since its last review' });
    await expect(changed).toContainText('in “E2E agent review”: Keep.');
    await saveScreenshots(page, 'meeting-mode-changes', ['light']);
  });
});

test.describe('Review meetings: action items', () => {
  test('the demo’s planned meeting: an action item, keep with changes, defer; the item is tracked on Reviews and the agent page until done', async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    await app.goTo('Reviews');
    const reviews = new ReviewsPage(page);
    // The demo's held meeting left an overdue action item.
    await expect(reviews.actionItems.getByText('Overdue').first()).toBeVisible();

    // The calendar: one combined monthly meeting, as an .ics file saved as the back end wrote it.
    await page.getByRole('main').getByRole('button', { name: 'Export calendar' }).click();
    const calendarDialog = page.getByRole('dialog', { name: 'Export the review calendar' });
    await calendarDialog.getByRole('radio', { name: 'One combined monthly meeting' }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), calendarDialog.getByRole('button', { name: 'Export .ics' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('RRULE:FREQ=MONTHLY');
    expect(ics).toMatch(/DTSTART;TZID=/);
    await expect(calendarDialog).toBeHidden();
    const planned = reviews.meetings.getByRole('row').filter({ hasText: 'Planned' }).first();
    await planned.getByRole('rowheader').getByRole('link').click();

    const meeting = new MeetingPage(page);
    // The meeting's own title once it is loaded (the heading says "Meeting" while it loads).
    await expect(meeting.startButton).toBeVisible();
    await expect(meeting.heading).not.toHaveText('Meeting');
    const title = (await meeting.heading.innerText()).trim();
    const [firstArn] = await meeting.agendaArns();
    await meeting.startButton.focus();
    await page.keyboard.press('Enter');
    const mode = new MeetingModePage(page);
    await expect(mode.position).toHaveText(/^Agent 1 of \d+$/);
    // Keys act on an agent once its page is loaded (the decision keys are enabled then).
    const ready = mode.keys.getByRole('button', { name: 'Defer' });
    await expect(ready).toBeEnabled();

    // A: an action item (what, owner, due date), waiting for the decision; then C records it with keep with changes.
    await page.keyboard.press('a');
    const itemDialog = mode.dialog('Action item');
    await expect(itemDialog).toBeVisible();
    await page.keyboard.type('Move the key into Secrets Manager');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Ana Lima');
    await page.keyboard.press('Enter');
    await expect(itemDialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'To be recorded with the decision' })).toContainText('Move the key into Secrets Manager — Ana Lima');
    await page.keyboard.press('c');
    const changes = mode.dialog('Keep with changes');
    await expect(changes.getByRole('list', { name: 'Action items already added' })).toContainText('Move the key into Secrets Manager');
    await page.keyboard.press('Enter');
    await expect(changes).toBeHidden();
    await expect(mode.decision).toContainText('Decided: Keep with changes');
    await expect(mode.decision).toContainText('Move the key into Secrets Manager — Ana Lima, due');

    // → then F: defer to a date (30 days on, as proposed) with a reason.
    await page.keyboard.press('ArrowRight');
    await expect(mode.position).toHaveText(/^Agent 2 of \d+$/);
    await expect(ready).toBeEnabled();
    await page.keyboard.press('f');
    const defer = mode.dialog('Defer');
    await expect(defer).toBeVisible();
    // The reason has the focus; the date (proposed 30 days on) comes after it.
    await page.keyboard.type('Owner on leave until next month.');
    await page.keyboard.press('Enter');
    await expect(defer).toBeHidden();
    await expect(mode.decision).toContainText(/Decided: Defer to \d{4}-\d{2}-\d{2}/);
    await app.dismissToasts();
    await saveScreenshots(page, 'meeting-mode-decided', ['light', 'dark']);

    await page.keyboard.press('e');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('minutes').getByRole('heading', { level: 1 })).toHaveText(`Minutes: ${title}`);
    await expect(page.getByRole('table', { name: 'Action items' })).toContainText('Move the key into Secrets Manager');

    // Tracked afterwards: on Reviews, and on the agent's page, until marked done there.
    await app.goTo('Reviews');
    await expect(reviews.actionItems.getByRole('row').filter({ hasText: 'Move the key into Secrets Manager' })).toContainText('Ana Lima');
    await page.goto(`${page.url().replace(/#.*$/, '')}#/agents/${encodeURIComponent(firstArn ?? '')}`);
    const panel = page.getByTestId('agent-reviews');
    await expect(panel).toContainText(`Keep with changes on`);
    const row = panel.getByRole('row').filter({ hasText: 'Move the key into Secrets Manager' });
    await row.getByRole('button', { name: 'Mark “Move the key into Secrets Manager” done' }).click();
    await expect(row).toHaveCount(0);
  });
});

test.describe('Review cadence', () => {
  test('set per tier in Settings, it is the cadence the Reviews screen works with', async ({ app }) => {
    const { page } = app;
    await app.goTo('Reviews');
    const reviews = new ReviewsPage(page);
    await expect(reviews.cadence).toContainText('Tier 1 every 30 days, Tier 2 every 90 days, Tier 3 every 182 days (the defaults)');
    await reviews.cadence.getByRole('link', { name: 'Change it in Settings' }).click();
    await expect(app.heading).toHaveText('Settings');

    const form = page.getByRole('form', { name: 'Review cadence' });
    await expect(form.getByLabel('Tier 1', { exact: true })).toHaveValue('30');
    await form.getByLabel('Tier 1', { exact: true }).fill('0');
    await form.getByRole('button', { name: 'Save cadence' }).click();
    await expect(form.getByLabel('Tier 1', { exact: true })).toHaveAccessibleDescription(/from 1 to 3650 days/);
    await form.getByLabel('Tier 1', { exact: true }).fill('14');
    await form.getByRole('button', { name: 'Save cadence' }).click();
    await expect(form.getByRole('status')).toContainText('Review cadence saved');

    await app.goTo('Reviews');
    await expect(reviews.cadence).toContainText('Tier 1 every 14 days, Tier 2 every 90 days, Tier 3 every 182 days.');
    await expect(reviews.cadence).not.toContainText('the defaults');
  });
});
