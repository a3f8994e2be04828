/**
 * The hostile-names fixture (test/fixtures/hostile/) imported through the UI, then every screen
 * visited: no dialog may open, no element the names describe may exist (no `img[src=x]`, no script,
 * no `onerror` attribute), and the names are shown as text. The app fixture also fails the test on any
 * console error, so an inline script blocked by the CSP would be caught too.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { FORGED, LEGAL_IN_IAM } from '../fixtures/hostile/hostile-strings';
import { AgentPage, AuditPage, FindingsPage, goToAnalysis, InventoryPage } from './pages/analysis-pages';
import { ImportPage } from './pages/import-page';
import { PoliciesPage } from './pages/policies-page';
import { ScanDetailPage, ScansPage } from './pages/scans-page';
import { expect, test } from './support/fixtures';

const HOSTILE = resolve(__dirname, '../fixtures/hostile');
const AUTHZ = resolve(HOSTILE, 'hostile-authorization-details.json');
const REPORT = resolve(HOSTILE, 'hostile-credential-report.csv');

/** Nothing the names describe became part of the page. */
async function expectNothingInjected(page: Page, dialogs: readonly string[], where: string): Promise<void> {
  expect(dialogs, `dialogs opened on ${where}`).toEqual([]);
  await expect(page.locator('img[src="x"]'), where).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [onclick]'), where).toHaveCount(0);
  // The app's own scripts are files; an inline one, or one mentioning alert, came from the data.
  const injectedScripts = await page.evaluate<number>("[...document.scripts].filter((s) => s.src === '' || s.text.includes('alert')).length");
  expect(injectedScripts, `injected scripts on ${where}`).toBe(0);
  // No link to the OSC 8 sequence's target either.
  await expect(page.locator('a[href*="://evil.example"]'), where).toHaveCount(0);
}

test.describe('Hostile names', () => {
  test('imported through the UI: every screen shows them as text and runs none of them', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });

    // Import both files through the browser's file inputs.
    await app.goTo('Import');
    const imports = new ImportPage(page);
    await imports.chooseFile('authorization-details', AUTHZ);
    await imports.chooseFile('credential-report', REPORT);
    await imports.importButton.click();
    const job = imports.job();
    expect(await job.waitForEnd()).toBe('Completed');
    await expectNothingInjected(page, dialogs, 'Import');

    // Inventory: the names are text in the table; the markup one is found by searching for it.
    await goToAnalysis(page, 'Inventory');
    const inventory = new InventoryPage(page);
    await expect(inventory.rows.first()).toBeVisible({ timeout: 60_000 });
    await expectNothingInjected(page, dialogs, 'Inventory');
    for (const name of [FORGED.imgName, FORGED.scriptName, FORGED.hyperlinkName, FORGED.substitutionName, FORGED.quoteName, LEGAL_IN_IAM.formulaNames[1] ?? '']) {
      await inventory.search.fill(name);
      await expect(inventory.count).toContainText(/^1 of /);
      await expect(inventory.row(name)).toBeVisible();
      await expectNothingInjected(page, dialogs, `Inventory searching ${name}`);
    }

    // A right-to-left override cannot make a name read as another ("admin\u202Egpj.exe" would show
    // as "adminexe.jpg"): the control is shown as a visible escape, in the table and on its page.
    await inventory.search.fill('gpj.exe');
    await expect(inventory.count).toContainText(/^1 of /);
    const bidiShown = 'admin\\u{202E}gpj.exe';
    await expect(inventory.rows.first()).toContainText(bidiShown);
    expect(await inventory.rows.first().innerText()).not.toContain('\u202E');
    await inventory.rows.first().getByRole('link', { name: bidiShown, exact: true }).click();
    await expect(new AgentPage(page).heading).toContainText(bidiShown);
    await goToAnalysis(page, 'Inventory');

    // The agent page of the markup-named role: heading, tags, registry (owner prefilled from a tag).
    await inventory.search.fill(FORGED.imgName);
    await inventory.row(FORGED.imgName).getByRole('link', { name: FORGED.imgName, exact: true }).click();
    const agent = new AgentPage(page);
    await expect(agent.heading).toContainText(FORGED.imgName);
    await expect(page.getByRole('main')).toContainText(FORGED.ownerTag);
    await expectNothingInjected(page, dialogs, 'agent page');
    await agent.saveRegistry({ purpose: FORGED.scriptName });
    await page.reload();
    await expect(agent.registry.getByLabel(/^Purpose/)).toHaveValue(FORGED.scriptName);
    await expectNothingInjected(page, dialogs, 'agent page after saving the registry');

    // Findings, one opened from the agent page, its fix shown as text.
    await agent.findings.getByRole('link').first().click();
    await expect(app.heading).toHaveText('Findings');
    const findings = new FindingsPage(page);
    const opened = findings.expanded();
    await expect(opened).toBeVisible();
    await expect(opened).toContainText(FORGED.imgName);
    await expectNothingInjected(page, dialogs, 'Findings with a finding open');
    // The full-admin findings of the roles named or pathed with shell syntax: their fixes are text.
    await goToAnalysis(page, 'Findings');
    await expect(findings.items.first()).toBeVisible();
    expect(await findings.items.count()).toBeGreaterThan(50);
    for (const shown of [FORGED.substitutionName, FORGED.quoteName, FORGED.backtickName, LEGAL_IN_IAM.commandPath, LEGAL_IN_IAM.markupPath, FORGED.newlineCommandName.split('\n')[0] ?? '']) {
      const item = findings.items.filter({ hasText: 'Full administrator access' }).filter({ hasText: shown }).first();
      await item.locator('.finding__summary').click();
      await expect(item.locator('.finding__summary')).toHaveAttribute('aria-expanded', 'true');
      // The fix is a command shown as text (quoted, so the name may appear in quoting); the name is in the facts.
      await expect(item.locator('pre')).toContainText('aws iam ');
      await expect(item.locator('.finding__facts')).toContainText(shown);
      await expectNothingInjected(page, dialogs, `Findings with the fix on ${shown} open`);
    }

    // The role whose description and path carry markup.
    await goToAnalysis(page, 'Inventory');
    await inventory.search.fill('path-command');
    await inventory.row('path-command').getByRole('link', { name: 'path-command', exact: true }).click();
    await expect(agent.heading).toContainText('path-command');
    await expect(page.getByRole('main')).toContainText(LEGAL_IN_IAM.commandPath);
    await expectNothingInjected(page, dialogs, 'agent page with a hostile path and description');

    await goToAnalysis(page, 'Shadow AI');
    const shadow = page.getByTestId('shadow-ai-table');
    await expect(shadow).toBeVisible();
    await expect(shadow).toContainText(FORGED.scriptName);
    await expect(shadow).toContainText(FORGED.hyperlinkName);
    await expectNothingInjected(page, dialogs, 'Shadow AI');

    // Policies: a draft tested against the scan lists the hostile agents it fails for.
    await app.goTo('Policies');
    const policies = new PoliciesPage(page);
    await expect(policies.builtInPolicies).toBeVisible();
    await expectNothingInjected(page, dialogs, 'Policies');
    await policies.newButton.click();
    await policies.fill({ name: 'owned', condition: 'agent.owner != null' });
    await policies.test();
    await expect(policies.failingAgents).toContainText(FORGED.substitutionName);
    await expect(policies.failingAgents).toContainText(FORGED.scriptName);
    await expectNothingInjected(page, dialogs, 'Policies test results');

    await app.goTo('Scans');
    const scans = new ScansPage(page);
    await expect(scans.rows).toHaveCount(1);
    await scans.rows.first().getByRole('link').first().click();
    await expect(new ScanDetailPage(page).collectors).toContainText('2 users, 19 roles');
    await expectNothingInjected(page, dialogs, 'scan detail');

    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    await expect(audit.table).toContainText(FORGED.scriptName);
    await audit.verifyButton.click();
    await expect(page.getByText('The chain is intact')).toBeVisible();
    await expectNothingInjected(page, dialogs, 'Audit log');

    await app.goTo('Settings');
    await expectNothingInjected(page, dialogs, 'Settings');
  });
});
