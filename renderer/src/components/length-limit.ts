import { formatCount } from '../lib/format';

/**
 * What a length-limited field says under it, so a limit is shown and never applied silently: the
 * limit while empty, then how much of it is used. Lengths are UTF-16 code units, as both the
 * browser's maxLength and the contract's zod .max() count them.
 */
export function lengthLimitText(length: number, max: number): string {
  if (length === 0) return `Up to ${formatCount(max)} characters.`;
  if (length >= max) return `${formatCount(length)} of ${formatCount(max)} characters: the limit.`;
  return `${formatCount(length)} of ${formatCount(max)} characters.`;
}

/** Close enough to the limit to draw the eye (the last tenth). */
export function nearLengthLimit(length: number, max: number): boolean {
  return length >= max * 0.9;
}
