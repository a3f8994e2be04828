import { expect, type Locator, type Page } from '@playwright/test';

export interface ConnectionFormFill {
  name?: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  regions?: string;
}

export type ScheduleFill = { kind: 'off' } | { kind: 'every'; hours: string } | { kind: 'daily'; at: string; timeZone: string };

/** The add/edit connection dialog. */
export class ConnectionFormDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly profile: Locator;
  readonly roleArn: Locator;
  readonly externalId: Locator;
  readonly regions: Locator;
  readonly scheduleKind: Locator;
  readonly scheduleHours: Locator;
  readonly scheduleAt: Locator;
  readonly scheduleTimeZone: Locator;
  readonly submit: Locator;
  readonly cancel: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog');
    this.name = this.dialog.getByLabel('Name', { exact: true });
    this.profile = this.dialog.getByLabel('AWS profile');
    this.roleArn = this.dialog.getByLabel(/Role to assume/);
    this.externalId = this.dialog.getByLabel(/External ID/);
    this.regions = this.dialog.getByLabel(/Regions to scan/);
    this.scheduleKind = this.dialog.getByLabel('Scan on a schedule');
    this.scheduleHours = this.dialog.getByLabel('Every (hours)');
    this.scheduleAt = this.dialog.getByLabel('At', { exact: true });
    this.scheduleTimeZone = this.dialog.getByLabel('Time zone');
    this.submit = this.dialog.getByRole('button', { name: /^(Add connection|Save changes)$/ });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  async expectOpen(title: string | RegExp): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole('heading', { level: 2 })).toHaveText(title);
  }

  async fill(values: ConnectionFormFill): Promise<void> {
    if (values.name !== undefined) await this.name.fill(values.name);
    if (values.profile !== undefined) {
      // A picker when profiles were found, a text field otherwise.
      const isPicker = (await this.dialog.getByRole('combobox', { name: 'AWS profile' }).count()) > 0;
      if (isPicker) await this.profile.selectOption(values.profile);
      else await this.profile.fill(values.profile);
    }
    if (values.roleArn !== undefined) await this.roleArn.fill(values.roleArn);
    if (values.externalId !== undefined) await this.externalId.fill(values.externalId);
    if (values.regions !== undefined) await this.regions.fill(values.regions);
  }

  async fillSchedule(schedule: ScheduleFill): Promise<void> {
    await this.scheduleKind.selectOption(schedule.kind);
    if (schedule.kind === 'every') await this.scheduleHours.fill(schedule.hours);
    if (schedule.kind === 'daily') {
      await this.scheduleAt.fill(schedule.at);
      await this.scheduleTimeZone.selectOption(schedule.timeZone);
    }
  }

  /** The validation message shown under a field (its accessible description includes it). */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
}
