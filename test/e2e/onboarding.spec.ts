/**
 * One-step onboarding (issue 14), on the demo company: the Overview's What changed panel lists the new
 * shadow AI with "Onboard"; from Shadow AI, two agents are registered in one sheet by keyboard only,
 * typed at a newcomer's pace, and the time from the Shadow AI screen to the registered state is
 * measured and reported (the "under 30 seconds" claim, docs/continuous-discovery.md). Then: the Shadow
 * AI count dropped by two, the audit log holds a registry.update per agent, each agent is Registered
 * with its owner. Light and dark screenshots of the panel and the sheet.
 */
import type { Page } from '@playwright/test';
import { AuditPage, FindingsPage, goToAnalysis, ShadowAiPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

/** About 48 words a minute: a newcomer's typing, not a test's. */
const KEY_DELAY_MS = 250;
/** Reading the sheet before typing: a newcomer looks before acting. */
const READING_MS = 3_000;
const PURPOSE = 'Summarises claim notes';
const DATA_SCOPE = 'Claims notes';
const OWNER = 'claims-team';

/** Presses Tab (or Shift+Tab) until the focus is on the element, as a keyboard user would; fails after `max`. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab', max = 12): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    const focused = ((await page.locator(':focus').textContent()) ?? '').trim();
    if (focused === name) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${name} not reached with ${key}`);
}

test.describe('One-step onboarding', () => {
  test('What changed on the Overview offers Onboard; two agents registered from Shadow AI in one sheet, by keyboard, timed; audited', async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    const main = page.getByRole('main');
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // The Overview: what changed since each account's previous scan, new shadow AI first with Onboard.
    await app.goTo('Overview');
    const panel = main.getByTestId('overview-changes');
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(main.getByRole('region', { name: 'What changed' })).toContainText('Since the previous scan of each account');
    await expect(panel.getByTestId('overview-changes-shadow-count')).toContainText(/^[1-9]\d* new shadow AI agents?/);
    const onboard = panel.getByRole('button', { name: 'Onboard claims-notes-summarizer-role' });
    await expect(onboard).toBeVisible();
    await expect(panel.getByTestId('change-findingsNew').locator('dd')).toHaveText(/^\d+$/);
    await expect(panel.getByTestId('change-findingsNew').getByRole('link')).toHaveAttribute('href', '#/findings?status=new');
    await expect(panel.getByTestId('change-identitiesAdded').locator('dd')).toHaveText(/^\d+$/);
    await app.dismissToasts();
    await main.getByRole('region', { name: 'What changed' }).scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'overview-what-changed');
    // Onboard opens the sheet on that agent, its owner prefilled when CloudTrail or a tag names one.
    await onboard.click();
    const single = page.getByRole('dialog', { name: 'Register claims-notes-summarizer-role' });
    await expect(single).toBeVisible();
    await expect(single.getByRole('button', { name: 'Register 1 agent', exact: true })).toBeVisible();
    await expect(single.getByLabel(/^Owner/)).toBeEnabled();
    await saveScreenshots(page, 'onboarding-sheet-one');
    await page.keyboard.press('Escape');
    await expect(single).toBeHidden();
    // The new findings' figure opens Findings on the current state, narrowed to new: as many.
    const newFindings = Number(await panel.getByTestId('change-findingsNew').locator('dd').innerText());
    await panel.getByTestId('change-findingsNew').getByRole('link').click();
    await expect(new FindingsPage(page).items).toHaveCount(newFindings, { timeout: 60_000 });

    // Shadow AI: the clock starts when the list is on screen.
    await goToAnalysis(page, 'Shadow AI');
    const shadow = new ShadowAiPage(page);
    await expect(shadow.rows.first()).toBeVisible({ timeout: 60_000 });
    const total = await shadow.rows.count();
    const first = await shadow.agentName(shadow.rows.nth(0));
    const second = await shadow.agentName(shadow.rows.nth(1));
    const arns = [
      await shadow.rows.nth(0).getByRole('rowheader').getByRole('link').getAttribute('title'),
      await shadow.rows.nth(1).getByRole('rowheader').getByRole('link').getAttribute('title'),
    ];
    const started = Date.now();

    // Keyboard only: the first row's checkbox (one click's worth of pointing), Space, Tab past the
    // agent's link to the next row's checkbox, Space, back to "Register…", Enter.
    await shadow.rows.nth(0).getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('shadow-ai-actions')).toContainText('2 agents selected');
    await tabTo(page, 'Register…', 'Shift+Tab');
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: 'Register 2 agents' });
    await expect(sheet).toBeVisible();
    await page.waitForTimeout(READING_MS);
    // The focus starts on the first owner still to fill, else on the purpose.
    for (const name of [first, second]) {
      const owner = sheet.getByLabel(`Owner of ${name}`);
      if ((await owner.inputValue()) === '') {
        await expect(owner).toBeFocused();
        await page.keyboard.type(OWNER, { delay: KEY_DELAY_MS });
        await page.keyboard.press('Tab');
      }
    }
    // A prefilled owner after a typed one is passed with Tab.
    const purposeId = await sheet.getByLabel(/^Purpose/).getAttribute('id');
    for (let i = 0; i < 2 && (await page.locator(':focus').getAttribute('id')) !== purposeId; i += 1) await page.keyboard.press('Tab');
    await expect(sheet.getByLabel(/^Purpose/)).toBeFocused();
    await page.keyboard.type(PURPOSE, { delay: KEY_DELAY_MS });
    await page.keyboard.press('Tab');
    await page.keyboard.type(DATA_SCOPE, { delay: KEY_DELAY_MS });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(sheet.getByLabel('Tier confirmed')).toBeChecked();
    const owners = [await sheet.getByLabel(`Owner of ${first}`).inputValue(), await sheet.getByLabel(`Owner of ${second}`).inputValue()];
    await sheet.getByRole('button', { name: 'Register 2 agents' }).scrollIntoViewIfNeeded();
    await saveScreenshots(page, 'onboarding-sheet');
    await page.keyboard.press('Enter');
    await expect(sheet).toBeHidden();
    await expect(app.toasts).toContainText('2 agents are registered');
    await expect(shadow.rows).toHaveCount(total - 2);
    const seconds = (Date.now() - started) / 1000;
    test.info().annotations.push({ type: 'onboarding-seconds', description: seconds.toFixed(1) });
    console.log(`Onboarding two agents from the Shadow AI screen, keyboard only, ${KEY_DELAY_MS} ms a key, ${READING_MS / 1000} s reading: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
    await expect(shadow.row(first)).toHaveCount(0);
    await expect(shadow.row(second)).toHaveCount(0);

    // Audited: a registry.update per agent.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    await expect(audit.table.locator('tbody tr').filter({ hasText: 'registry.update' })).toHaveCount(2, { timeout: 30_000 });

    // Each agent: Registered, with its owner.
    for (const [index, name] of [first, second].entries()) {
      await page.goto(page.url().replace(/#.*$/, `#/agents/${encodeURIComponent(arns[index] ?? '')}`));
      await expect(main.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 30_000 });
      await expect(main.locator('.badge').getByText('Registered', { exact: true })).toBeVisible();
      await expect(main.getByLabel('Status')).toHaveValue('registered');
      await expect(main.getByLabel(/^Owner/)).toHaveValue(owners[index] ?? '');
    }

    // The two were the new shadow AI (listed first): the Overview's What changed has none left to onboard.
    await app.goTo('Overview');
    await expect(main.getByTestId('overview-changes-shadow-count')).toContainText(/^0 new shadow AI agents/, { timeout: 30_000 });
    await expect(main.getByTestId('overview-changes').getByRole('button', { name: /^Onboard/ })).toHaveCount(0);
  });
});
