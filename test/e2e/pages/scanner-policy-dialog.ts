import type { Locator, Page } from '@playwright/test';

/** The scanner policy dialog of the Connections screen. */
export class ScannerPolicyDialog {
  readonly dialog: Locator;
  readonly policy: Locator;
  readonly copy: Locator;
  readonly roleName: Locator;
  readonly apply: Locator;
  readonly parts: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Scanner policy' });
    this.policy = this.dialog.locator('pre');
    this.copy = this.dialog.getByRole('button', { name: /^(Copy policy|Copied)$/ });
    this.roleName = this.dialog.getByLabel(/Role in member accounts/);
    this.apply = this.dialog.getByRole('button', { name: 'Apply' });
    this.parts = this.dialog.getByRole('region', { name: 'What each part is for' });
    this.close = this.dialog.getByRole('button', { name: 'Close' });
  }

  /** The policy document shown, parsed. */
  async document(): Promise<{ Statement: { Action: string[]; Resource: string }[] }> {
    return JSON.parse((await this.policy.textContent()) ?? '{}') as { Statement: { Action: string[]; Resource: string }[] };
  }
}
