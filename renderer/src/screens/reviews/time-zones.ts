/** Time zones for planning a meeting: the browser's own by default, any IANA zone the browser knows. */

/** The zone this browser is in (the meeting's default). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA zone the browser knows, with `current` in it even if the list lacks it (e.g. "UTC"). */
export function timeZoneChoices(current: string): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>(supported);
  zones.add(current);
  zones.add('UTC');
  return [...zones].sort((a, b) => a.localeCompare(b));
}

/**
 * "Mon, 30 Mar 2026, 10:00 (Europe/Paris)": a meeting's local date and time (`YYYY-MM-DDTHH:MM`, as
 * planned: the wall clock of its own zone) as the room reads it. No conversion: 10:00 in its zone is
 * what was agreed, whatever zone this browser is in.
 */
export function formatMeetingTime(local: string, zone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) return `${local} (${zone})`;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0));
  if (Number.isNaN(wall.getTime())) return `${local} (${zone})`;
  return `${WALL.format(wall)} (${zone})`;
}

const WALL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The date and time now in a zone, as a datetime-local value: "2026-12-06T09:00" (minutes kept). */
export function nowInZone(zone: string, now: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(now);
    const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '00';
    return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
  } catch {
    return now.toISOString().slice(0, 16);
  }
}
