import { createHash } from 'node:crypto';
import { ICalAttendeeStatus, ICalCalendar, ICalEventRepeatingFreq, escape as escapeText, type ICalAttendeeData } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { stripInvisible } from '@core/lib/visible-text';

/**
 * The review meetings as an iCalendar file (RFC 5545) that Google Calendar, Outlook and Apple
 * Calendar import: one recurring event per series, its start written as local wall time in the team's
 * zone (`DTSTART;TZID=…`) with that zone's VTIMEZONE, so a 10:00 meeting stays at 10:00 on both sides
 * of a daylight-saving change. Pure: the clock and every value come in; nothing is read or written.
 */

export interface ReviewSeries {
  /** 'tier-1' | 'tier-2' | 'tier-3' | 'combined': with the workspace, the event's stable UID. */
  key: string;
  /** Hostile text: names come from users. */
  title: string;
  description: string;
  /** Local wall time in `timeZone`: 'YYYY-MM-DDTHH:mm'. */
  firstStart: string;
  durationMinutes: number;
  /** IANA zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  recurrence: ReviewRecurrence;
  attendees: { name: string; email: string | null }[];
  /** Bumped by the caller whenever the series changes, so calendars replace the imported copy. */
  sequence: number;
}

export interface ReviewRecurrence {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
}

export interface ReviewCalendarInput {
  workspaceId: string;
  calendarName: string;
  series: readonly ReviewSeries[];
  now: Date;
}

/** What a caller did wrong (an unknown zone, a malformed start): the message says which series and why. */
export class ReviewCalendarError extends Error {
  override readonly name = 'ReviewCalendarError';
}

const AVERAGE_MONTH_DAYS = 365.25 / 12;

/**
 * The calendar rule closest to a review cadence in days: up to four weeks a weekly rule (7 → every
 * week, 14 → every 2 weeks), beyond that a monthly one (30 → 1, 90 → 3, 182 → 6, 365 → 12 months),
 * because calendars repeat by weeks or by months, not by a count of days that drifts off the weekday.
 */
export function cadenceToRecurrence(days: number): ReviewRecurrence {
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    throw new ReviewCalendarError(`A review cadence is a whole number of days from 1 to 3660, not ${String(days)}.`);
  }
  if (days <= 28) return { freq: 'WEEKLY', interval: Math.max(1, Math.round(days / 7)) };
  return { freq: 'MONTHLY', interval: Math.max(1, Math.round(days / AVERAGE_MONTH_DAYS)) };
}

/** The UID of a series: the same workspace and key give the same UID on every export, so a re-import updates. */
export function reviewSeriesUid(workspaceId: string, key: string): string {
  const digest = createHash('sha256').update(`agent-warden-review\u0000${workspaceId}\u0000${key}`).digest('hex');
  return `review-${key}-${digest.slice(0, 32)}@agent-warden`;
}

export function buildReviewCalendar(input: ReviewCalendarInput): string {
  if (input.workspaceId.length === 0) throw new ReviewCalendarError('The calendar needs a workspace id for its UIDs.');
  if (Number.isNaN(input.now.getTime())) throw new ReviewCalendarError('The calendar needs a valid time for DTSTAMP.');
  const keys = new Set<string>();
  const zones = new Map<string, string>();
  const calendar = new ICalCalendar({
    prodId: '//Agent Warden//Review meetings//EN',
    scale: 'GREGORIAN',
    // Not escaped by the library (it writes NAME and X-WR-CALNAME verbatim), so escaped here.
    name: escapeText(lineText(input.calendarName), false),
    // No calendar-wide zone: the library would then write DTSTAMP in it, and RFC 5545 wants UTC there.
    timezone: { name: null, generator: (tzid) => zones.get(tzid) ?? null },
  });
  for (const series of input.series) {
    if (keys.has(series.key)) throw new ReviewCalendarError(`Two series share the key "${series.key}"; each needs its own UID.`);
    keys.add(series.key);
    const zone = resolveZone(series);
    zones.set(zone.tzid, zone.vtimezone);
    const start = parseFirstStart(series, zone.tzid);
    calendar.createEvent({
      id: reviewSeriesUid(input.workspaceId, validKey(series.key)),
      sequence: validSequence(series),
      stamp: input.now,
      start,
      end: start.plus({ minutes: validDuration(series) }),
      timezone: zone.tzid,
      repeating: recurrenceRule(series, start),
      summary: lineText(series.title),
      description: describe(series),
      attendees: series.attendees.flatMap((attendee): ICalAttendeeData[] => {
        const email = attendee.email === null ? null : validEmail(attendee.email);
        const name = lineText(attendee.name).trim();
        return email === null ? [] : [{ email, name: name.length > 0 ? name : email, status: ICalAttendeeStatus.NEEDSACTION }];
      }),
    });
  }
  return calendar.toString();
}

/** One line of text: no line breaks, controls or bidi marks (a title is shown on one line). */
function lineText(value: string): string {
  return stripInvisible(value);
}

/**
 * The description, with every attendee named: an attendee without an address cannot be an ATTENDEE
 * (that property is a mail address), but the team still sees who is expected.
 */
function describe(series: ReviewSeries): string | null {
  const text = stripInvisible(series.description, { keepLineBreaks: true });
  const names = series.attendees.map((attendee) => lineText(attendee.name).trim()).filter((name) => name.length > 0);
  const attendees = names.length === 0 ? '' : `Attendees: ${names.join(', ')}`;
  const parts = [text, attendees].filter((part) => part.trim().length > 0);
  return parts.length === 0 ? null : parts.join('\n\n');
}

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

function validKey(key: string): string {
  if (!KEY.test(key)) throw new ReviewCalendarError(`A series key is lower-case letters, digits and dashes, not "${lineText(key)}".`);
  return key;
}

function validSequence(series: ReviewSeries): number {
  if (!Number.isSafeInteger(series.sequence) || series.sequence < 0) {
    throw new ReviewCalendarError(`Series "${series.key}": SEQUENCE is a whole number from 0, not ${String(series.sequence)}.`);
  }
  return series.sequence;
}

function validDuration(series: ReviewSeries): number {
  const minutes = series.durationMinutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new ReviewCalendarError(`Series "${series.key}": a meeting lasts 1 to 1440 whole minutes, not ${String(minutes)}.`);
  }
  return minutes;
}

/**
 * A plain address or nothing. Anything else (quotes, colons, spaces, a second `@`) could change the
 * MAILTO URI a calendar acts on; the attendee then stays a name in the description.
 */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function validEmail(email: string): string | null {
  const trimmed = email.trim();
  return trimmed.length <= 254 && EMAIL.test(trimmed) ? trimmed : null;
}

/**
 * The zone's TZID and VTIMEZONE. Intl decides whether the zone exists (the same tz database the app
 * shows times with); the VTIMEZONE, with the zone's current STANDARD/DAYLIGHT rules, comes from
 * timezones-ical-library, which ships them and needs no network. Its TZID may be the canonical name
 * of an alias ('UTC' → 'Etc/UTC'); events then use that TZID so DTSTART and VTIMEZONE agree.
 */
function resolveZone(series: ReviewSeries): { tzid: string; vtimezone: string } {
  const requested = series.timeZone;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: requested }).resolvedOptions().timeZone;
  } catch {
    throw new ReviewCalendarError(`Series "${series.key}": "${lineText(requested)}" is not a known time zone (an IANA name such as Europe/Berlin).`);
  }
  for (const name of new Set([requested, canonical])) {
    // Asked only for a zone it lists: for any other it writes "Given time zone not valid." to the console.
    if (!vtimezoneZones().has(name)) continue;
    const block = tzlib_get_ical_block(name);
    if (!Array.isArray(block)) continue;
    const [vtimezone, tzidParameter] = block;
    const tzid = tzidParameter?.startsWith('TZID=') === true ? tzidParameter.slice('TZID='.length) : null;
    if (vtimezone?.startsWith('BEGIN:VTIMEZONE') === true && tzid !== null && vtimezone.includes(`\r\nTZID:${tzid}\r\n`)) {
      return { tzid, vtimezone };
    }
  }
  throw new ReviewCalendarError(`Series "${series.key}": no VTIMEZONE is known for "${lineText(requested)}"; choose an IANA zone such as Europe/Berlin.`);
}

let knownZones: ReadonlySet<string> | null = null;

function vtimezoneZones(): ReadonlySet<string> {
  if (knownZones === null) {
    const list = tzlib_get_timezones();
    knownZones = new Set(Array.isArray(list) ? list : []);
  }
  return knownZones;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The first meeting as wall time in the zone; a time the clocks skip (a spring-forward gap) is refused. */
function parseFirstStart(series: ReviewSeries, tzid: string): DateTime {
  const match = WALL_TIME.exec(series.firstStart);
  const [year, month, day, hour, minute] = (match?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) {
    throw new ReviewCalendarError(`Series "${series.key}": the first meeting is 'YYYY-MM-DDTHH:mm' local time, not "${lineText(series.firstStart)}".`);
  }
  const start = DateTime.fromObject({ year, month, day, hour, minute }, { zone: tzid });
  if (!start.isValid) {
    throw new ReviewCalendarError(`Series "${series.key}": ${series.firstStart} is not a date and time.`);
  }
  if (start.year !== year || start.month !== month || start.day !== day || start.hour !== hour || start.minute !== minute) {
    throw new ReviewCalendarError(`Series "${series.key}": ${series.firstStart} does not exist in ${tzid} (the clocks skip it); choose another time.`);
  }
  return start;
}

/**
 * The RRULE. RFC 5545 drops a monthly date a month does not have, so a meeting on the 31st would
 * vanish in seven months a year: a series that starts on the last day of its month repeats on every
 * month's last day (BYMONTHDAY=-1, which Google, Outlook and Apple all offer). One that starts on the
 * 29th or 30th of a longer month is refused: February would silently lose its meeting, and the only
 * exact rule (BYMONTHDAY=…;BYSETPOS=-1) is expanded wrongly by common parsers (ical.js among them).
 */
function recurrenceRule(series: ReviewSeries, start: DateTime): { freq: ICalEventRepeatingFreq; interval: number; byMonthDay?: number[] } {
  const { freq, interval } = series.recurrence;
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    throw new ReviewCalendarError(`Series "${series.key}": a series repeats WEEKLY or MONTHLY, not ${lineText(String(freq))}.`);
  }
  if (!Number.isInteger(interval) || interval < 1 || interval > 120) {
    throw new ReviewCalendarError(`Series "${series.key}": the interval is a whole number from 1 to 120, not ${String(interval)}.`);
  }
  if (freq === 'WEEKLY') return { freq: ICalEventRepeatingFreq.WEEKLY, interval };
  if (start.day <= 28) return { freq: ICalEventRepeatingFreq.MONTHLY, interval };
  if (start.day === start.daysInMonth) return { freq: ICalEventRepeatingFreq.MONTHLY, interval, byMonthDay: [-1] };
  throw new ReviewCalendarError(
    `Series "${series.key}": a monthly series cannot start on the ${start.day}th, which February does not have; ` +
      'choose a day from the 1st to the 28th, or the last day of a month for month-end meetings.',
  );
}
