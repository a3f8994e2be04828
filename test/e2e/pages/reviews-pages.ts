import { expect, type Locator, type Page } from '@playwright/test';

/** `#/reviews`: meetings, agents due by tier, open action items, "Plan a meeting". */
export class ReviewsPage {
  readonly meetings: Locator;
  readonly planButton: Locator;
  readonly planDialog: Locator;
  readonly cadence: Locator;
  readonly actionItems: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.meetings = main.getByTestId('meetings');
    this.planButton = main.getByRole('button', { name: 'Plan a meeting' });
    this.planDialog = page.getByRole('dialog', { name: 'Plan a meeting' });
    this.cadence = main.getByTestId('review-cadence');
    this.actionItems = main.getByTestId('action-items');
  }

  async plan(fields: { title: string; attendees: string }): Promise<void> {
    await this.planButton.click();
    await expect(this.planDialog).toBeVisible();
    await this.planDialog.getByLabel(/^Title/).fill(fields.title);
    await this.planDialog.getByLabel(/^Attendees/).fill(fields.attendees);
    await this.planDialog.getByRole('button', { name: 'Plan meeting' }).click();
    await expect(this.planDialog).toBeHidden();
  }
}

/** `#/reviews/<id>`: a meeting and its agenda. */
export class MeetingPage {
  readonly heading: Locator;
  readonly agenda: Locator;
  readonly agendaItems: Locator;
  readonly startButton: Locator;
  readonly resumeLink: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1 });
    this.agenda = main.getByTestId('agenda');
    this.agendaItems = this.agenda.getByRole('listitem');
    this.startButton = main.getByRole('button', { name: 'Start meeting' });
    this.resumeLink = main.getByRole('link', { name: 'Resume meeting' });
  }

  /** The agents' names on the agenda, in order. */
  async agendaNames(): Promise<string[]> {
    return (await this.agenda.locator('.agenda__text > a').allInnerTexts()).map((name) => name.trim());
  }

  /** The ARNs behind the agenda's links (`#/agents/<ARN>`), in order. */
  async agendaArns(): Promise<string[]> {
    const links = await this.agenda.locator('.agenda__text > a').all();
    const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
    return hrefs.map((href) => decodeURIComponent((href ?? '').replace(/^#\/agents\//, '').replace(/\?.*$/, '')));
  }
}

/** `#/reviews/<id>/meeting`: meeting mode. */
export class MeetingModePage {
  readonly agentName: Locator;
  readonly position: Locator;
  readonly progress: Locator;
  readonly status: Locator;
  readonly decision: Locator;
  readonly keys: Locator;
  readonly keysDialog: Locator;

  constructor(readonly page: Page) {
    this.agentName = page.locator('.slide-header__name');
    this.position = page.getByTestId('meeting-position');
    this.progress = page.getByTestId('meeting-progress');
    this.status = page.getByTestId('meeting-status');
    this.decision = page.getByTestId('meeting-decision');
    this.keys = page.getByRole('navigation', { name: 'Decisions and keys' });
    this.keysDialog = page.getByRole('dialog', { name: 'Meeting keys' });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }
}
