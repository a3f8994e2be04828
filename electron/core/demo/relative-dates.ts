/**
 * Relative dates in the demo files. A date is written as a placeholder measured from the moment the
 * demo is loaded, so a key that is "400 days old" is 400 days old whenever the demo is opened:
 *
 *   {{now}}              the load moment
 *   {{now-400d}}         400 days before it
 *   {{now-1d6h30m}}      1 day, 6 hours and 30 minutes before it (units d, h, m, s; in that order)
 *   {{now+30d}}          30 days after it (expiry dates)
 *
 * The loader replaces every placeholder with an absolute timestamp before the text is parsed, in the
 * spelling of the file it sits in: `aws` is what the AWS CLI and the credential report print
 * (`2025-01-02T03:04:05+00:00`), `iso` is the facts' own form (`2025-01-02T03:04:05.000Z`). Resolved
 * times are whole seconds, rounded down, so an age measured from the load moment is never short of
 * its offset.
 */

export type DateStyle = 'aws' | 'iso';

const MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
type Unit = keyof typeof MS;

/** One placeholder: `{{now}}` or `{{now±<n>d<n>h<n>m<n>s}}` (each unit optional, at least one). */
const PLACEHOLDER = /\{\{now(?:([+-])(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)?\}\}/g;

/** Thrown for text that starts like a placeholder but is not one (`{{now-3w}}`, `{{today}}`). */
export class RelativeDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelativeDateError';
  }
}

/**
 * The placeholder for a moment `daysAgo` days before the load moment (negative: after it).
 * Fractions of a day become hours, minutes and seconds: `relativeDate(1.25)` → `{{now-1d6h}}`.
 */
export function relativeDate(daysAgo: number): string {
  if (!Number.isFinite(daysAgo)) throw new RelativeDateError(`not a number of days: ${daysAgo}`);
  let seconds = Math.round(Math.abs(daysAgo) * 86_400);
  if (seconds === 0) return '{{now}}';
  const sign = daysAgo > 0 ? '-' : '+';
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(seconds / size);
    seconds -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return `{{now${sign}${parts.join('')}}}`;
}

/** The absolute moment a placeholder stands for, rounded down to the second. */
export function resolveRelativeDate(placeholder: string, now: Date): Date {
  const match = new RegExp(`^${PLACEHOLDER.source}$`).exec(placeholder);
  if (match === null) throw new RelativeDateError(`not a relative date placeholder: ${JSON.stringify(placeholder)}`);
  return momentOf(match, now, placeholder);
}

/**
 * Replaces every placeholder in `text` with the absolute timestamp it stands for. Anything else that
 * looks like a placeholder (`{{now…}}` with a unit or form not understood) is an error, so a typo in a
 * demo file never reaches the import as literal text.
 */
export function resolveRelativeDates(text: string, now: Date, style: DateStyle): string {
  if (Number.isNaN(now.getTime())) throw new RelativeDateError('the clock returned an invalid date');
  const resolved = text.replace(PLACEHOLDER, (...args: unknown[]) => {
    const match = args.slice(0, 6) as RegExpMatchArray;
    return formatDate(momentOf(match, now, String(args[0])), style);
  });
  const leftover = /\{\{[^}]*\}\}/.exec(resolved);
  if (leftover !== null) throw new RelativeDateError(`unknown date placeholder ${leftover[0]}`);
  return resolved;
}

/** A moment in the given spelling. */
export function formatDate(date: Date, style: DateStyle): string {
  const iso = date.toISOString();
  return style === 'iso' ? iso : `${iso.slice(0, 19)}+00:00`;
}

function momentOf(match: RegExpMatchArray, now: Date, text: string): Date {
  const [, sign, d, h, m, s] = match;
  const counts: [Unit, string | undefined][] = [
    ['d', d],
    ['h', h],
    ['m', m],
    ['s', s],
  ];
  if (sign !== undefined && counts.every(([, count]) => count === undefined)) {
    throw new RelativeDateError(`relative date without an amount: ${text}`);
  }
  let offset = 0;
  for (const [unit, count] of counts) offset += Number(count ?? 0) * MS[unit];
  const moment = now.getTime() + (sign === '+' ? offset : -offset);
  return new Date(Math.floor(moment / 1000) * 1000);
}
