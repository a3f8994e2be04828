import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../docs/screenshots');

/**
 * Save what the page shows as docs/screenshots/NAME.png, in light and/or dark (as the OS would ask
 * for it), without animations or a blinking caret.
 */
export async function saveScreenshots(page: Page, name: string, schemes: readonly ('light' | 'dark')[] = ['light', 'dark']): Promise<void> {
  // No hover effects on whatever the last click left the mouse over.
  await page.mouse.move(1, 1);
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({
      path: resolve(SCREENSHOT_DIR, `${name}${scheme === 'dark' ? '-dark' : ''}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
