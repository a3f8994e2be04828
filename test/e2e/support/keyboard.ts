import { expect, type Locator, type Page } from '@playwright/test';

/** Press Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; max?: number } = {}): Promise<number> {
  const max = options.max ?? 30;
  for (let presses = 0; presses <= max; presses += 1) {
    if ((await target.and(page.locator(':focus')).count()) > 0) return presses;
    await page.keyboard.press(options.backwards === true ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Focus did not reach ${target.toString()} within ${max} presses of Tab.`);
}

/** Just what the check below reads of an element (this project's Node types have no DOM). */
interface StyledElement {
  readonly ownerDocument: {
    readonly defaultView: { getComputedStyle(element: StyledElement): { outlineStyle: string; outlineWidth: string; boxShadow: string } } | null;
  };
}

/** The focused element shows a visible focus indicator (an outline or a box-shadow ring). */
export async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((element: StyledElement) => {
    const style = element.ownerDocument.defaultView?.getComputedStyle(element);
    if (style === undefined) return 'unknown';
    if (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') return `outline ${style.outlineStyle} ${style.outlineWidth}`;
    return style.boxShadow !== 'none' ? `ring ${style.boxShadow}` : 'none';
  });
  expect(ring, `focus indicator of ${target.toString()}`).toMatch(/^(outline|ring) /);
}
