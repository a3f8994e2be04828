/**
 * The 30-day plan in Chromium against the real back end: on a workspace with a scan (an imported
 * export), the Plan screen explains the plan and starts it (by keyboard); a measured task shows
 * "Verified by scan"; a manual task is marked done with evidence and shows "Claimed by NAME", audited as
 * plan.task_claimed; hostile text stays text; the Overview's plan card and the agent page's tier
 * confirmation. The demo company's plan shows every state at once: screenshots light and dark at 1280
 * and 1920.
 */
import { AuditPage, goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expectVisibleFocus, tabTo } from './support/keyboard';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';
import { importVendorExport } from './support/vendor-export';

const NAME = 'Priya Shah';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> Brief the data team';
const HOSTILE_EVIDENCE = 'javascript:alert(document.cookie)';

test.describe('30-day plan', () => {
  test('start the plan, verified vs claimed evidence, audited; hostile text stays text; Overview card; tier confirmation; screenshots', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    page.on('dialog', () => {
      throw new Error('A dialog opened: hostile text ran as markup.');
    });

    // Claims are signed with the name set in Settings.
    await app.goTo('Settings');
    await page.getByRole('textbox', { name: /Your name \(recorded in the audit log\)/ }).fill(NAME);
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText(`New audit entries are recorded as ${NAME}.`)).toBeVisible();
    await importVendorExport(app);

    // Before the start: what the plan is, today's measured state, and Start.
    await app.goTo('Plan');
    const main = page.getByRole('main');
    const intro = main.getByTestId('plan-intro');
    await expect(intro).toContainText('Four weeks to AI agents under control');
    await expect(intro).toContainText('Week 2: Non-human identities first (Tier 1).');
    await expect(main.getByTestId('plan-today')).toContainText(/Measured today, before the start: \d+ of \d+ measured tasks/);
    await expect(main.getByTestId('plan-week-1')).toBeVisible();
    await expect(main.getByRole('button', { name: 'Mark done…' })).toHaveCount(0);
    await app.dismissToasts();
    await saveScreenshots(page, 'plan-not-started');

    // Started by keyboard: Tab to the button, Enter, the date defaults to today, Enter again.
    const start = main.getByRole('button', { name: 'Start the plan' });
    await main.getByRole('heading', { level: 1 }).focus();
    await tabTo(page, start);
    await expectVisibleFocus(start);
    await page.keyboard.press('Enter');
    const startDialog = page.getByRole('dialog', { name: 'Start the plan' });
    await expect(startDialog.getByLabel('Start date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await startDialog.getByRole('button', { name: 'Start the plan' }).press('Enter');
    await expect(startDialog).toBeHidden();
    await expect(main.getByTestId('plan-position')).toHaveText('Week 1, day 1 of 30');
    await expect(main.getByTestId('plan-week-now')).toHaveCount(1);
    await expect(main.getByTestId('plan-week-1').getByTestId('plan-week-now')).toBeVisible();
    await expect(main.getByTestId('plan-next')).toContainText(/^Next:.+week \d · (late, )?due /);
    await expect(main.getByTestId('chart-burn-down').getByRole('img').first()).toHaveAttribute('aria-label', /^Open criteria across evaluations: .*\d+ open of \d+/);
    await main.getByTestId('chart-burn-down').getByRole('button', { name: 'Show as table' }).click();
    await expect(main.getByTestId('chart-burn-down').getByRole('table')).toBeVisible();
    await main.getByTestId('chart-burn-down').getByRole('button', { name: 'Show as chart' }).click();

    // A measured task done by the scan says so, with the scan's link; never a person.
    const verified = main.getByTestId('evidence-scan').first();
    await expect(verified).toContainText(/^Verified by scan \S+ on \w{3} \d{1,2}, \d{4}$/);
    await expect(verified.getByRole('link')).toHaveAttribute('href', /^#\/scans\//);
    await expect(verified.locator('..').getByTestId('task-status')).toHaveText('Verified');

    // A manual task: the evidence is required, then it is claimed by the person at the keyboard.
    const onboarding = main.getByTestId('plan-task-w3-onboarding-path');
    await onboarding.getByRole('button', { name: 'Mark done…' }).click();
    const claim = page.getByRole('dialog', { name: 'Mark done' });
    await claim.getByRole('button', { name: 'Mark done' }).click();
    await expect(claim.getByText('Say what shows it is done: a note or a link.')).toBeVisible();
    await claim.getByLabel('Evidence').fill('https://wiki.example.com/ai-onboarding');
    await claim.getByRole('button', { name: 'Mark done' }).click();
    await expect(claim).toBeHidden();
    const claimed = onboarding.getByTestId('evidence-claim');
    await expect(claimed).toContainText(`Claimed by ${NAME} on`);
    await expect(claimed.getByRole('link', { name: 'https://wiki.example.com/ai-onboarding' })).toHaveAttribute('href', 'https://wiki.example.com/ai-onboarding');
    await expect(onboarding.getByTestId('task-status')).toHaveText('Done (claimed)');
    await expect(onboarding.getByTestId('evidence-scan')).toHaveCount(0);

    // The team's own task with hostile text: a title and a "link" that are text, never markup or a javascript: link.
    await main.getByRole('button', { name: 'Add a task' }).click();
    const add = page.getByRole('dialog', { name: 'Add a task' });
    await add.getByLabel('Title').fill(HOSTILE_TITLE);
    await add.getByLabel('Week').selectOption('2');
    await add.getByRole('button', { name: 'Add task' }).click();
    await expect(add).toBeHidden();
    const own = main.getByTestId('plan-week-2').locator('.plan-task').filter({ hasText: 'Brief the data team' });
    await expect(own.getByRole('heading', { level: 4 })).toHaveText(HOSTILE_TITLE);
    await expect(own.locator('img')).toHaveCount(0);
    await own.getByRole('button', { name: 'Mark done…' }).click();
    await page.getByRole('dialog', { name: 'Mark done' }).getByLabel('Evidence').fill(HOSTILE_EVIDENCE);
    await page.getByRole('dialog', { name: 'Mark done' }).getByRole('button', { name: 'Mark done' }).click();
    await expect(own.getByTestId('claim-note')).toContainText(HOSTILE_EVIDENCE);
    await expect(own.getByTestId('claim-note').getByRole('link')).toHaveCount(0);
    await expect(own.getByTestId('claim-note').getByRole('button', { name: 'Copy the evidence' })).toBeVisible();

    // Reopen withdraws the claim; Remove takes the team's task out.
    await own.getByRole('button', { name: 'Reopen…' }).click();
    await page.getByRole('alertdialog', { name: 'Reopen the task?' }).getByRole('button', { name: 'Reopen' }).click();
    await expect(own.getByTestId('task-status')).toHaveText('Open');
    await own.getByRole('button', { name: /^Remove / }).click();
    await page.getByRole('alertdialog', { name: 'Remove the task?' }).getByRole('button', { name: 'Remove' }).click();
    await expect(own).toHaveCount(0);

    // A built-in task skipped with a reason (too short first), then the owner set.
    const review = main.getByTestId('plan-task-w4-first-tier1-review');
    await review.getByRole('button', { name: 'Skip…' }).click();
    const skip = page.getByRole('dialog', { name: 'Skip task' });
    await skip.getByLabel('Reason').fill('no');
    await skip.getByRole('button', { name: 'Skip task' }).click();
    await expect(skip.getByText('Say why, in at least 10 characters.')).toBeVisible();
    await skip.getByLabel('Reason').fill('Tier 1 reviews run in the quarterly risk board.');
    await skip.getByRole('button', { name: 'Skip task' }).click();
    await expect(review.getByTestId('task-skip')).toContainText(`Skipped by ${NAME} on`);
    await review.getByRole('button', { name: /^Edit / }).click();
    const edit = page.getByRole('dialog', { name: 'Edit task' });
    await edit.getByLabel('Owner').fill('Sam Lee');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(review.locator('.plan-task__who')).toContainText('Sam Lee');
    await review.getByRole('button', { name: 'Unskip' }).click();
    await expect(review.getByTestId('task-skip')).toHaveCount(0);

    // A restart says what it clears before anything is cleared. The menu closes on Escape.
    await main.getByText('More', { exact: true }).click();
    await main.getByRole('button', { name: 'Restart the plan…' }).focus();
    await page.keyboard.press('Escape');
    await expect(main.getByRole('button', { name: 'Restart the plan…' })).toBeHidden();
    await main.getByText('More', { exact: true }).click();
    await main.getByRole('button', { name: 'Restart the plan…' }).click();
    const restart = page.getByRole('dialog', { name: 'Restart the plan' });
    await expect(restart.getByTestId('restart-clears')).toContainText('every claim');
    await restart.getByRole('button', { name: 'Cancel' }).click();
    await expect(onboarding.getByTestId('evidence-claim')).toContainText(`Claimed by ${NAME}`);

    // The audit log has the claim, signed.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    const claimRow = audit.table.getByRole('row').filter({ hasText: 'plan.task_claimed' }).first();
    await expect(claimRow).toContainText(NAME);
    await expect(audit.table.getByRole('row').filter({ hasText: 'plan.started' })).toHaveCount(1);

    // The agent page: a person confirms the tier in force, signed and dated.
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await inventory.row('helpdesk-vendor').getByRole('link', { name: 'helpdesk-vendor', exact: true }).click();
    const confirmation = main.getByTestId('tier-confirmation');
    await expect(confirmation).toContainText('Not confirmed by a person yet.');
    const confirmButton = confirmation.getByRole('button', { name: /^Confirm Tier [123]$/ });
    const tier = ((await confirmButton.textContent()) ?? '').replace('Confirm ', '');
    await confirmButton.click();
    await expect(confirmation).toContainText(new RegExp(`^${tier} confirmed by ${NAME} on \\w{3} \\d{1,2}, \\d{4}$`));
    await expect(confirmation.getByRole('button')).toHaveCount(0);

    // The Overview's plan card opens the plan.
    await app.goTo('Overview');
    const card = main.getByTestId('overview-plan');
    await expect(card).toContainText(/^Plan: week 1 · \d+ of \d+ verified/);
    await expect(main.getByTestId('chart-plan-progress').getByRole('img').first()).toHaveAttribute('aria-label', /^Open criteria across evaluations: .*\d+ open of \d+/);
    await card.click();
    await expect(app.heading).toHaveText('30-day plan');

    // A restart from the menu clears the claims (the dialog said so) and counts from day 1 again.
    await main.getByText('More', { exact: true }).click();
    await main.getByRole('button', { name: 'Restart the plan…' }).click();
    await page.getByRole('dialog', { name: 'Restart the plan' }).getByRole('button', { name: 'Restart the plan' }).click();
    await expect(page.getByRole('dialog', { name: 'Restart the plan' })).toBeHidden();
    await expect(main.getByTestId('plan-summary')).toBeVisible();
    await expect(onboarding.getByTestId('evidence-claim')).toHaveCount(0);
    await expect(onboarding.getByTestId('task-status')).toHaveText('Open');
    await expect(main.getByTestId('plan-task-w4-first-tier1-review').locator('.plan-task__who')).toContainText('Sam Lee');
  });

  test('the demo company: every state at once (verified, claimed, regressed, late); screenshots light and dark at 1280 and 1920', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });
    await app.goTo('Plan');
    const main = page.getByRole('main');
    await expect(main.getByTestId('plan-position')).toHaveText(/^Week 2, day \d+ of 30$/, { timeout: 60_000 });
    await expect(main.getByTestId('evidence-scan').first()).toContainText('Verified by scan');
    await expect(main.getByTestId('evidence-claim').first()).toContainText(/^Claimed by .+ on /);
    const regressed = main.locator('.plan-task--regressed').first();
    await expect(regressed.getByTestId('task-status')).toHaveText('Regressed');
    await expect(regressed.getByTestId('task-regressed')).toContainText(/^Regressed on \w{3} \d{1,2}, \d{4}: scans? .+ found it undone/);
    await expect(main.getByTestId('plan-late').getByRole('listitem').first()).toContainText(/due \w{3} \d{1,2}, \d{4}$/);
    await expect(main.getByTestId('plan-next')).toContainText(/^Next:.+regressed$/);

    // A finding in the way shows its fix; the agents in the way are one link away, the rest in the Inventory.
    const oidc = main.getByTestId('plan-task-w2-oidc-subject-pinned');
    await oidc.getByText('Show the fix').first().click();
    await expect(oidc.getByRole('button', { name: /^Copy (command|policy)$/ }).first()).toBeVisible();
    await oidc.getByText('Show the fix').first().click();
    const owners = main.getByTestId('plan-task-w1-ai-owner');
    const shown = owners.locator('.plan-blocker a');
    const firstAgent = (await shown.first().textContent()) ?? '';
    await shown.first().click();
    await expect(app.heading).toContainText(firstAgent);
    expect(page.url()).toContain('#/agents/');
    await page.goBack();
    await expect(main.getByTestId('plan-position')).toBeVisible();

    // The whole screen (the window as tall as it), light and dark, 1280 and 1920 wide.
    await app.dismissToasts();
    for (const [width, name] of [
      [1280, 'plan'],
      [1920, 'plan-1920'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      const height = await main.evaluate((element: { scrollHeight: number }) => element.scrollHeight);
      await page.setViewportSize({ width, height: Math.min(height, 8000) });
      await saveScreenshots(page, name);
    }
  });
});
