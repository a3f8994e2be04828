/** Editing a planned meeting's agenda by buttons (never drag only): pure list operations on ARNs. */

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveItem<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, at) => at !== index);
}

/** Adds at the end, once: an agent already on the agenda is not added twice. */
export function addArn(arns: readonly string[], arn: string): string[] {
  return arns.includes(arn) ? [...arns] : [...arns, arn];
}

/**
 * Where the focus goes after a row moved or was removed, so the keyboard user keeps their place: the
 * moved row's new position, or after a removal the row that took its place (or the last one).
 */
export function focusAfter(action: 'up' | 'down' | 'remove', index: number, lengthAfter: number): number | null {
  if (lengthAfter === 0) return null;
  if (action === 'up') return Math.max(0, index - 1);
  if (action === 'down') return Math.min(lengthAfter - 1, index + 1);
  return Math.min(index, lengthAfter - 1);
}
