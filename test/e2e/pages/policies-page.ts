import { expect, type Locator, type Page } from '@playwright/test';

/** The Policies screen: the lists, and the editor with its test results and reference. */
export class PoliciesPage {
  readonly newButton: Locator;
  readonly userPolicies: Locator;
  readonly builtInPolicies: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly severity: Locator;
  readonly appliesTo: Locator;
  readonly condition: Locator;
  readonly remediation: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;
  readonly testPanel: Locator;
  readonly testCounts: Locator;
  readonly failingAgents: Locator;
  readonly reference: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.newButton = main.getByRole('button', { name: 'New policy' });
    this.userPolicies = main.getByTestId('user-policies');
    this.builtInPolicies = main.getByTestId('built-in-policies');
    this.form = main.getByRole('form', { name: 'Policy' });
    this.name = this.form.getByLabel('Name', { exact: true });
    this.description = this.form.getByLabel(/^Description/);
    this.severity = this.form.getByLabel('Severity');
    this.appliesTo = this.form.getByLabel(/^Applies to/);
    this.condition = this.form.getByLabel('Condition', { exact: true });
    this.remediation = this.form.getByLabel(/^Remediation/);
    this.testButton = this.form.getByRole('button', { name: 'Test the policy' });
    this.saveButton = this.form.getByRole('button', { name: 'Save policy' });
    this.testPanel = main.getByTestId('policy-test');
    this.testCounts = main.getByTestId('policy-test-counts');
    this.failingAgents = main.getByTestId('policy-failing-agents');
    this.reference = main.getByRole('complementary', { name: 'Policy language reference' });
  }

  row(name: string): Locator {
    return this.userPolicies.getByTestId('user-policy').filter({ has: this.page.getByRole('rowheader').filter({ hasText: name }) });
  }

  /** The figure of one of the test's counters ("Failing", "Evaluated", …). */
  async count(label: string): Promise<number> {
    const text = await this.testCounts.locator('.policy-count', { hasText: label }).locator('dd').innerText();
    return Number(text.replace(/[^\d]/g, ''));
  }

  async fill(fields: { name: string; description?: string; severity?: string; appliesTo?: string; condition: string; remediation?: string }): Promise<void> {
    await this.name.fill(fields.name);
    if (fields.description !== undefined) await this.description.fill(fields.description);
    if (fields.severity !== undefined) await this.severity.selectOption({ label: fields.severity });
    if (fields.appliesTo !== undefined) await this.appliesTo.fill(fields.appliesTo);
    await this.condition.fill(fields.condition);
    if (fields.remediation !== undefined) await this.remediation.fill(fields.remediation);
  }

  async test(): Promise<void> {
    await this.testButton.click();
    await expect(this.testPanel.getByText('Evaluating the policy…')).toBeHidden();
  }
}
