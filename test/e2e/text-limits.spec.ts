import { FindingsPage, goToAnalysis, ShadowAiPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { PoliciesPage } from './pages/policies-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

// Issue 10, §4: input length limits shown, not silently applied.
test.describe('Length limits', () => {
  test('a connection’s name shows its limit, counts what is typed, and says when the limit is reached', async ({ app }) => {
    await app.goTo('Connections');
    const form = await new ConnectionsPage(app.page).openAddForm();
    const limit = form.dialog.getByTestId('field-limit');
    await expect(limit).toHaveText('Up to 80 characters.');
    // Read with the field, not only seen under it.
    await expect(form.name).toHaveAccessibleDescription(/Up to 80 characters\./);
    await form.name.fill('Production');
    await expect(limit).toHaveText('10 of 80 characters.');
    await form.name.fill('x'.repeat(100));
    await expect(form.name).toHaveValue('x'.repeat(80));
    await expect(limit).toHaveText('80 of 80 characters: the limit.');
  });

  test('the policy editor, the triage dialogs, the Shadow AI sheets and a known account’s label show their limits', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    // The policy editor: name, description and remediation each say their limit and count.
    await app.goTo('Policies');
    const policies = new PoliciesPage(page);
    await policies.newButton.click();
    await expect(policies.name).toHaveAccessibleDescription(/Up to 120 characters\./);
    await expect(policies.description).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    await expect(policies.remediation).toHaveAccessibleDescription(/Up to 4,000 characters\./);
    await policies.name.fill('y'.repeat(130));
    await expect(policies.name).toHaveValue('y'.repeat(120));
    await expect(policies.name).toHaveAccessibleDescription(/120 of 120 characters: the limit\./);
    await policies.name.fill('Agents that run as a person have an owner');
    await expect(policies.name).toHaveAccessibleDescription(/41 of 120 characters\./);
    await policies.description.fill('Every identity an AI agent runs as names the person who answers for it.');
    await expect(policies.description).toHaveAccessibleDescription(/71 of 2,000 characters\./);
    await app.dismissToasts();
    await saveScreenshots(page, 'text-limits-policy-editor');

    // Accepting a finding's risk (one finding, then a selection): the reason's limit; resolving: the note's.
    await goToAnalysis(page, 'Findings');
    const findings = new FindingsPage(page);
    const first = findings.items.first();
    await expect(first).toBeVisible({ timeout: 60_000 });
    // The search box: its limit read with it, and seen when the text reaches it.
    const search = page.getByTestId('findings-search');
    const searchLimit = page.getByTestId('findings-search-limit');
    await expect(search).toHaveAccessibleDescription('Up to 200 characters.');
    await expect(searchLimit).toHaveClass('visually-hidden');
    await search.fill('s'.repeat(250));
    await expect(search).toHaveValue('s'.repeat(200));
    await expect(searchLimit).toBeVisible();
    await expect(searchLimit).toHaveText('200 of 200 characters: the limit.');
    await search.fill('');
    await expect(first).toBeVisible();
    await first.locator('.finding__summary').click();
    await findings.expanded().getByRole('button', { name: 'Accept risk…' }).click();
    const reason = findings.acceptDialog.getByLabel('Reason');
    await expect(reason).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    const why = 'Retired next quarter (OPS-7); the role has no write access until then.';
    await reason.fill(why);
    await expect(findings.acceptDialog.getByTestId('field-limit')).toHaveText(`${why.length} of 2,000 characters.`);
    await app.dismissToasts();
    await saveScreenshots(page, 'text-limits-triage');
    await findings.acceptDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(findings.acceptDialog).toBeHidden();

    await findings.items.nth(0).getByTestId('finding-select').check();
    await findings.items.nth(1).getByTestId('finding-select').check();
    const bar = page.getByRole('toolbar', { name: 'Act on the shown findings' });
    await bar.getByRole('button', { name: 'Mark resolved…' }).click();
    const resolveDialog = page.getByRole('dialog', { name: 'Mark 2 findings resolved' });
    const note = resolveDialog.getByLabel('What was done');
    await expect(note).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    await note.fill('z'.repeat(2100));
    await expect(note).toHaveValue('z'.repeat(2000));
    await expect(resolveDialog.getByTestId('field-limit')).toHaveText('2,000 of 2,000 characters: the limit.');
    await resolveDialog.getByRole('button', { name: 'Cancel' }).click();
    await bar.getByRole('button', { name: 'Accept risk…' }).click();
    const bulkAccept = page.getByRole('dialog', { name: 'Accept the risk of 2 findings' });
    await expect(bulkAccept.getByLabel('Reason')).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    await bulkAccept.getByRole('button', { name: 'Cancel' }).click();

    // Shadow AI: registering (owner, purpose) and decommissioning (reason).
    await goToAnalysis(page, 'Shadow AI');
    const shadow = new ShadowAiPage(page);
    await expect(shadow.rows.first()).toBeVisible({ timeout: 60_000 });
    await shadow.select(await shadow.agentName(shadow.rows.first()));
    await page.getByRole('main').getByRole('button', { name: 'Register…', exact: true }).click();
    await expect(shadow.registerDialog.getByLabel(/^Owner/)).toHaveAccessibleDescription(/Up to 200 characters\./);
    await expect(shadow.registerDialog.getByLabel(/^Purpose/)).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    await shadow.registerDialog.getByLabel(/^Owner/).fill('o'.repeat(250));
    await expect(shadow.registerDialog.getByLabel(/^Owner/)).toHaveValue('o'.repeat(200));
    await shadow.registerDialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('main').getByRole('button', { name: 'Mark decommissioned…', exact: true }).click();
    await expect(shadow.decommissionDialog.getByLabel('Reason')).toHaveAccessibleDescription(/Up to 2,000 characters\./);
    await shadow.decommissionDialog.getByRole('button', { name: 'Cancel' }).click();

    // Settings: a known account's label.
    await app.goTo('Settings');
    const label = page.getByRole('main').getByRole('textbox', { name: 'Label', exact: true });
    await expect(label).toHaveAccessibleDescription(/Up to 64 characters\./);
    await label.fill('l'.repeat(70));
    await expect(label).toHaveValue('l'.repeat(64));
    await expect(label).toHaveAccessibleDescription(/64 of 64 characters: the limit\./);
  });
});
