import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The sidebar's entries in their order, as renderer/src/app/sections.ts lists them (agent pages are
 * reached by links, not the sidebar). test/e2e/navigation.spec.ts checks the sidebar against it.
 */
export const SECTION_NAMES = ['Overview', 'Plan', 'Reviews', 'Inventory', 'Findings', 'Policies', 'Shadow AI', 'Scans', 'Connections', 'Import', 'Audit log', 'Reports', 'Settings'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

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
    return this.nav.getByRole('link', { name: section, exact: true });
  }

  async goTo(section: SectionName): Promise<void> {
    await this.navLink(section).click();
    await expect(this.heading).toHaveText(section === 'Import' ? 'Import offline files' : section === 'Plan' ? '30-day plan' : section);
  }

  /** Wait until no toast is left, so screenshots show the screen alone. */
  async dismissToasts(): Promise<void> {
    // A toast may leave on its own between counting and clicking: click the first until none is left.
    const close = this.toasts.getByRole('button', { name: 'Dismiss' });
    while ((await close.count()) > 0) await close.first().click({ timeout: 2_000 }).catch(() => undefined);
    await expect(this.toasts.getByRole('listitem')).toHaveCount(0);
  }
}
