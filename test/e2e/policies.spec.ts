import type { Page } from '@playwright/test';
import { goToAnalysis, AuditPage, FindingsPage } from './pages/analysis-pages';
import { ConnectionsPage } from './pages/connections-page';
import { PoliciesPage } from './pages/policies-page';
import { expect, test } from './support/fixtures';
import { saveScreenshots } from './support/screenshots';

const XSS = '<img src=x onerror=alert(1)>';
const NAME = 'AI agents carry a cost center';
const TITLE = `Governance policy "${NAME}" fails`;

async function scrollToTop(page: Page): Promise<void> {
  // As a string: the test project has no DOM types.
  await page.evaluate("window.scrollTo(0, 0); document.querySelector('main')?.scrollTo(0, 0);");
}

test.describe('Policies on the demo company', () => {
  test('write a policy, see where it breaks, test it, save it, see its findings and its audit entry', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await new ConnectionsPage(page).demoButton.click();
    await expect(app.demoBanner).toBeVisible({ timeout: 90_000 });

    await app.goTo('Policies');
    const policies = new PoliciesPage(page);
    await expect(policies.builtInPolicies.getByRole('row')).toHaveCount(4);
    await expect(policies.builtInPolicies).toContainText('registered identity');
    await expect(page.getByRole('heading', { name: 'No policy of your own yet' })).toBeVisible();

    // The editor: a condition with a missing parenthesis is shown at its line and column.
    await policies.newButton.click();
    await expect(app.heading).toHaveText('New policy');
    await expect(policies.reference).toContainText('agent.workloads');
    await policies.fill({
      name: NAME,
      description: `Finance charges AI spend back per team. ${XSS}`,
      severity: 'High',
      appliesTo: 'agent.ai',
      condition: "agent.tags.exists(k, k == 'cost-center'",
      remediation: 'Tag the role with cost-center=<team code>.',
    });
    await policies.test();
    await expect(policies.testPanel).toContainText('The policy does not compile');
    await expect(policies.form.locator('.field__error')).toContainText(/Line 1, column \d+/);
    await expect(policies.condition).toHaveAttribute('aria-invalid', 'true');

    // Fixed, and tried with Ctrl+Enter from the keyboard.
    await policies.condition.fill("agent.tags.exists(k, k.lowerAscii() == 'cost-center')");
    await policies.condition.press('Control+Enter');
    await expect(policies.testCounts).toBeVisible();
    const failing = await policies.count('Failing');
    expect(failing).toBeGreaterThan(0);
    await expect(policies.failingAgents.getByRole('link').first()).toHaveAttribute('href', /^#\/agents\/arn%3Aaws%3Aiam/);
    await app.dismissToasts();
    // Tall enough for the form and the test's results; from the top.
    await page.setViewportSize({ width: 1280, height: 1500 });
    await scrollToTop(page);
    await saveScreenshots(page, 'policy-editor');
    await page.setViewportSize({ width: 1280, height: 840 });

    await policies.saveButton.click();
    await expect(app.heading).toHaveText('Policies');
    await expect(app.toasts).toContainText(`Policy “${NAME}” saved`);
    const row = policies.row(NAME);
    await expect(row).toContainText(`${failing} of`);
    await expect(row).toContainText(XSS);

    // A second one from the reference's examples: "Use" fills the form and tests it at once.
    await policies.newButton.click();
    await policies.reference.getByRole('button', { name: 'Use example: Every AI agent has an owner' }).click();
    await expect(policies.name).toHaveValue('Every AI agent has an owner');
    await expect(policies.testCounts).toBeVisible();
    await policies.saveButton.click();
    await expect(policies.userPolicies.getByTestId('user-policy')).toHaveCount(2);
    await app.dismissToasts();
    await scrollToTop(page);
    await saveScreenshots(page, 'policies');

    // Findings: one per failing agent, named after the policy, without a new scan.
    await row.getByRole('link', { name: 'See findings' }).click();
    await expect(app.heading).toHaveText('Findings');
    const findings = new FindingsPage(page);
    await expect(findings.items.filter({ hasText: TITLE })).toHaveCount(failing);
    // Only this policy's findings, and the filter says which policy; it can be lifted.
    await expect(findings.items).toHaveCount(failing);
    const policyFilter = page.getByTestId('policy-filter');
    await expect(policyFilter).toContainText(NAME);
    expect(page.url()).toContain('policy=');
    await scrollToTop(page);
    await saveScreenshots(page, 'findings-policy', ['light']);
    await policyFilter.getByRole('button', { name: 'Every policy' }).click();
    await expect(policyFilter).toBeHidden();
    await expect(findings.items.filter({ hasText: TITLE })).toHaveCount(failing);

    // Audit log: the creation, with the policy's text shown as text.
    await goToAnalysis(page, 'Audit log');
    const audit = new AuditPage(page);
    await expect(audit.table).toContainText('policy.create');
    await expect(audit.table).toContainText(NAME);
    await expect(audit.table).toContainText(XSS);

    // Disabling takes its findings out at once; the switch is audited too.
    await app.goTo('Policies');
    await policies.row(NAME).getByRole('switch', { name: `${NAME}: enabled` }).click();
    await expect(app.toasts).toContainText('disabled');
    await expect(policies.row(NAME)).toContainText('Disabled');
    await goToAnalysis(page, 'Findings');
    await expect(page.getByTestId('findings-count')).toBeVisible();
    await expect(findings.items.filter({ hasText: TITLE })).toHaveCount(0);
    await goToAnalysis(page, 'Audit log');
    await expect(audit.table).toContainText('policy.disable');

    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});
