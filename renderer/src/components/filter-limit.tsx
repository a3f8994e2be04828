import type { ReactNode } from 'react';
import { lengthLimitText, nearLengthLimit } from './length-limit';

/**
 * A filter box's length limit (give the box `aria-describedby={id}` and the same `maxLength`): always
 * read with the box, and seen once the text nears it. A search box rarely does, and a line under
 * every filter would push the filter bar out of line; so the limit is still never applied silently.
 */
export function FilterLimit({ id, length, max, testId }: { id: string; length: number; max: number; testId?: string }): ReactNode {
  return (
    <span id={id} className={nearLengthLimit(length, max) ? 'filter__limit' : 'visually-hidden'} data-testid={testId}>
      {lengthLimitText(length, max)}
    </span>
  );
}
