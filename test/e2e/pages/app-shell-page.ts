import { expect, type Locator, type Page } from '@playwright/test';

export type SectionName = 'Connections' | 'Scans' | 'Import' | 'Settings';

/** The frame around every screen: sidebar navigation, workspace name, the current screen's heading. */
export class AppShellPage {
  readonly nav: Locator;
  readonly main: Locator;
  readonly heading: Locator;
  readonly workspaceName: Locator;
  readonly skipLink: Locator;
  readonly toasts: Locator;
  /** Shown on every screen while the demo company is open. */
  readonly demoBanner: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1 });
    this.workspaceName = page.getByTestId('workspace-name');
    this.skipLink = page.getByRole('link', { name: 'Skip to content' });
    this.toasts = page.locator('.toasts');
    this.demoBanner = page.getByRole('region', { name: 'Demo workspace' });
  }

  /** Open the URL warden printed and wait for the first screen. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.heading).toBeVisible();
    await expect(this.workspaceName).toBeVisible();
  }

  navLink(section: SectionName): Locator {
    return this.nav.getByRole('link', { name: section });
  }

  async goTo(section: SectionName): Promise<void> {
    await this.navLink(section).click();
    await expect(this.heading).toHaveText(section === 'Import' ? 'Import offline files' : section);
  }

  /** Wait until no toast is left, so screenshots show the screen alone. */
  async dismissToasts(): Promise<void> {
    // A toast may leave on its own between counting and clicking: click the first until none is left.
    const close = this.toasts.getByRole('button', { name: 'Dismiss' });
    while ((await close.count()) > 0) await close.first().click({ timeout: 2_000 }).catch(() => undefined);
    await expect(this.toasts.getByRole('listitem')).toHaveCount(0);
  }
}
