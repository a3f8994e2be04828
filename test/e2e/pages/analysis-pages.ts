import { expect, type Locator, type Page } from '@playwright/test';

export type AnalysisSection = 'Inventory' | 'Findings' | 'Shadow AI' | 'Audit log';

/** Go to one of the analysis sections through the sidebar. */
export async function goToAnalysis(page: Page, section: AnalysisSection): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section, exact: true }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(section);
}

/** The inventory: search, filters, the count and the windowed table. */
export class InventoryPage {
  readonly search: Locator;
  readonly count: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.search = main.getByTestId('inventory-search');
    this.count = main.getByTestId('inventory-count');
    this.table = main.getByRole('grid', { name: 'Agents and non-human identities' });
    this.rows = this.table.locator('.vtable__body [role="row"]');
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
}

/** One agent's page. */
export class AgentPage {
  readonly heading: Locator;
  readonly tierReasons: Locator;
  readonly findings: Locator;
  readonly registry: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1 });
    this.tierReasons = main.getByTestId('tier-reasons');
    this.findings = main.getByTestId('agent-findings');
    this.registry = main.getByRole('form', { name: 'Registry' });
  }

  async saveRegistry(fields: { owner?: string; purpose?: string }): Promise<void> {
    if (fields.owner !== undefined) await this.registry.getByLabel(/^Owner/).fill(fields.owner);
    if (fields.purpose !== undefined) await this.registry.getByLabel(/^Purpose/).fill(fields.purpose);
    await this.registry.getByRole('button', { name: 'Save registry' }).click();
    await expect(this.page.locator('.toasts')).toContainText('Registry saved');
  }
}

/** The findings: groups of expandable findings with triage. */
export class FindingsPage {
  readonly items: Locator;
  readonly acceptDialog: Locator;
  readonly ruleFilter: Locator;

  constructor(readonly page: Page) {
    this.items = page.getByRole('main').getByTestId('finding');
    this.ruleFilter = page.getByRole('main').getByRole('combobox', { name: 'Rule' });
    this.acceptDialog = page.getByRole('dialog', { name: 'Accept the risk' });
  }

  expanded(): Locator {
    return this.page.getByRole('main').locator('.finding--open');
  }

  async acceptRisk(item: Locator, reason: string, until: string): Promise<void> {
    await item.getByRole('button', { name: 'Accept risk…' }).click();
    await expect(this.acceptDialog).toBeVisible();
    await this.acceptDialog.getByLabel('Reason').fill(reason);
    await this.acceptDialog.getByLabel('Accepted until').fill(until);
    await this.acceptDialog.getByRole('button', { name: 'Accept risk' }).click();
    await expect(this.acceptDialog).toBeHidden();
  }
}

/** The audit log and its chain check. */
export class AuditPage {
  readonly table: Locator;
  readonly verifyButton: Locator;
  readonly verifyResult: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.table = main.getByTestId('audit-table');
    this.verifyButton = main.getByRole('button', { name: 'Verify chain' });
    this.verifyResult = main.getByTestId('verify-result');
  }
}

/** Shadow AI: unregistered AI agents of every account; select rows, then Register… or Mark decommissioned…. */
export class ShadowAiPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly account: Locator;
  readonly registerDialog: Locator;
  readonly decommissionDialog: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.table = main.getByTestId('shadow-ai-table');
    this.rows = this.table.locator('tbody tr');
    this.account = main.getByTestId('shadow-ai-account');
    this.registerDialog = page.getByRole('dialog', { name: /^Register / });
    this.decommissionDialog = page.getByRole('dialog', { name: /^Mark .* decommissioned$/ });
  }

  /** The name of the agent in a row (its link's text). */
  async agentName(row: Locator): Promise<string> {
    return (await row.getByRole('rowheader').getByRole('link').innerText()).trim();
  }

  /** The row of an agent, by its name. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader').getByRole('link', { name, exact: true }) });
  }

  async select(name: string): Promise<void> {
    await this.row(name).getByRole('checkbox').check();
  }

  async register(name: string, owner: string): Promise<void> {
    await this.select(name);
    await this.page.getByRole('main').getByRole('button', { name: 'Register…', exact: true }).click();
    await expect(this.registerDialog).toBeVisible();
    await this.registerDialog.getByLabel(/^Owner/).fill(owner);
    await this.registerDialog.getByRole('button', { name: 'Register 1 agent', exact: true }).click();
    await expect(this.registerDialog).toBeHidden();
  }

  async decommission(name: string, reason: string): Promise<void> {
    await this.select(name);
    await this.page.getByRole('main').getByRole('button', { name: 'Mark decommissioned…', exact: true }).click();
    await expect(this.decommissionDialog).toBeVisible();
    await this.decommissionDialog.getByLabel(/^Reason/).fill(reason);
    await this.decommissionDialog.getByRole('button', { name: 'Mark decommissioned', exact: true }).click();
    await expect(this.decommissionDialog).toBeHidden();
  }
}
