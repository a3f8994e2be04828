import ICAL from 'ical.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ReviewCalendarError,
  buildReviewCalendar,
  cadenceToRecurrence,
  reviewSeriesUid,
  type ReviewSeries,
} from '@core/governance/reviews/ics';

const NOW = new Date('2026-02-01T08:30:00Z');

const series = (over: Partial<ReviewSeries> = {}): ReviewSeries => ({
  key: 'tier-1',
  title: 'Tier 1 agent review',
  description: 'Agenda: the Tier 1 agents due.',
  firstStart: '2026-01-15T10:00',
  durationMinutes: 60,
  timeZone: 'Europe/Berlin',
  recurrence: { freq: 'MONTHLY', interval: 1 },
  attendees: [{ name: 'Ana Ortiz', email: 'ana@example.com' }],
  sequence: 0,
  ...over,
});

const build = (list: ReviewSeries[], over: { workspaceId?: string; calendarName?: string; now?: Date } = {}): string =>
  buildReviewCalendar({ workspaceId: 'ws-1', calendarName: 'Agent reviews', now: NOW, series: list, ...over });

/** The file as the independent parser reads it, its VTIMEZONEs registered so times resolve to instants. */
function parse(ics: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = ICAL.Component.fromString(ics);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) };
}

/** The first `count` occurrences as UTC instants (ISO strings). */
function occurrences(event: ICAL.Event, count: number): Date[] {
  const iterator = event.iterator();
  const out: Date[] = [];
  for (let next = iterator.next(); next !== null && out.length < count; next = iterator.next()) out.push(next.toJSDate());
  return out;
}

/** Wall time of an instant in a zone, from Intl (the tz database), not from the file. */
const wallTime = (instant: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
const wallDate = (instant: Date, timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe('the file format', () => {
  it('is CRLF throughout with no line longer than 75 octets, and carries VERSION, PRODID and the calendar name', () => {
    const long = 'Quarterly review — Überprüfung der Agenten 🤖 '.repeat(20);
    const ics = build([series({ title: long, description: `${long}\n${long}` })]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(10);
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Agent Warden//Review meetings//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Agent reviews');
    // Folding never splits a character: the long text comes back whole.
    expect(events[0]?.summary).toBe(long);
    expect(events[0]?.description).toContain(`${long}\n${long}`);
  });

  it('writes DTSTART and DTEND with the TZID, the RRULE, the SEQUENCE and a UTC DTSTAMP from now', () => {
    const ics = build([series({ recurrence: { freq: 'MONTHLY', interval: 3 }, sequence: 4, durationMinutes: 45 })]);
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260115T100000\r\n');
    expect(ics).toContain('DTEND;TZID=Europe/Berlin:20260115T104500\r\n');
    expect(ics).toContain('DTSTAMP:20260201T083000Z\r\n');
    const [event] = parse(ics).events;
    expect(event?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(event?.component.getFirstProperty('dtend')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(event?.sequence).toBe(4);
    const rrule = event?.component.getFirstPropertyValue('rrule') as ICAL.Recur;
    expect(rrule.freq).toBe('MONTHLY');
    expect(rrule.interval).toBe(3);
  });

  it('holds one VTIMEZONE per zone used, with the STANDARD and DAYLIGHT rules of the zone', () => {
    const ics = build([series(), series({ key: 'tier-2', timeZone: 'America/New_York' }), series({ key: 'tier-3' })]);
    const zones = parse(ics).calendar.getAllSubcomponents('vtimezone');
    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin', 'America/New_York']);
    const berlin = zones[0];
    const rule = (name: string): string =>
      String(berlin?.getFirstSubcomponent(name)?.getFirstPropertyValue('rrule')?.toString());
    expect(rule('daylight')).toBe('FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(rule('standard')).toBe('FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(String(berlin?.getFirstSubcomponent('daylight')?.getFirstPropertyValue('tzoffsetto'))).toBe('+02:00');
    expect(String(berlin?.getFirstSubcomponent('standard')?.getFirstPropertyValue('tzoffsetto'))).toBe('+01:00');
  });

  it('uses the VTIMEZONE TZID for a zone alias, so DTSTART and the VTIMEZONE agree', () => {
    const ics = build([series({ timeZone: 'UTC' })]);
    expect(ics).toContain('TZID:Etc/UTC\r\n');
    expect(ics).toContain('DTSTART;TZID=Etc/UTC:20260115T100000\r\n');
    expect(occurrences(parse(ics).events[0] as ICAL.Event, 1)[0]?.toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });
});

describe('daylight-saving changes', () => {
  it('keeps a monthly Europe/Berlin meeting at 10:00 local in winter and summer', () => {
    const [event] = parse(build([series()])).events;
    const dates = occurrences(event as ICAL.Event, 12);
    expect(dates.map((date) => wallTime(date, 'Europe/Berlin'))).toEqual(Array(12).fill('10:00'));
    expect(dates.map((date) => wallDate(date, 'Europe/Berlin')).slice(0, 4)).toEqual([
      '2026-01-15',
      '2026-02-15',
      '2026-03-15',
      '2026-04-15',
    ]);
    // The instants do move: 09:00 UTC in winter (CET), 08:00 UTC in summer (CEST).
    expect(dates[2]?.toISOString()).toBe('2026-03-15T09:00:00.000Z');
    expect(dates[3]?.toISOString()).toBe('2026-04-15T08:00:00.000Z');
    expect(dates[9]?.toISOString()).toBe('2026-10-15T08:00:00.000Z');
    expect(dates[10]?.toISOString()).toBe('2026-11-15T09:00:00.000Z');
  });

  it('keeps a weekly Europe/Berlin meeting at 10:00 across the weekends the clocks change', () => {
    const march = parse(build([series({ firstStart: '2026-03-23T10:00', recurrence: { freq: 'WEEKLY', interval: 1 } })]));
    const [before, after] = occurrences(march.events[0] as ICAL.Event, 2);
    expect([before?.toISOString(), after?.toISOString()]).toEqual(['2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    ICAL.TimezoneService.reset();
    const october = parse(build([series({ firstStart: '2026-10-19T10:00', recurrence: { freq: 'WEEKLY', interval: 1 } })]));
    const dates = occurrences(october.events[0] as ICAL.Event, 3);
    expect(dates.map((date) => wallTime(date, 'Europe/Berlin'))).toEqual(['10:00', '10:00', '10:00']);
    expect(dates[1]?.toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('keeps an America/New_York meeting at 10:00 local across March and November', () => {
    const ics = build([
      series({ timeZone: 'America/New_York', firstStart: '2026-03-02T10:00', recurrence: { freq: 'WEEKLY', interval: 1 } }),
    ]);
    const dates = occurrences(parse(ics).events[0] as ICAL.Event, 40);
    expect(dates.map((date) => wallTime(date, 'America/New_York'))).toEqual(Array(40).fill('10:00'));
    expect(dates[0]?.toISOString()).toBe('2026-03-02T15:00:00.000Z'); // EST
    expect(dates[1]?.toISOString()).toBe('2026-03-09T14:00:00.000Z'); // EDT from 8 March
    expect(dates[35]?.toISOString()).toBe('2026-11-02T15:00:00.000Z'); // EST from 1 November
  });

  it('refuses a first meeting at a time the clocks skip', () => {
    expect(() => build([series({ firstStart: '2026-03-29T02:30' })])).toThrow(/does not exist in Europe\/Berlin/);
  });
});

describe('recurrence', () => {
  it('maps the review cadences to calendar rules', () => {
    expect(cadenceToRecurrence(30)).toEqual({ freq: 'MONTHLY', interval: 1 });
    expect(cadenceToRecurrence(90)).toEqual({ freq: 'MONTHLY', interval: 3 });
    expect(cadenceToRecurrence(182)).toEqual({ freq: 'MONTHLY', interval: 6 });
    expect(cadenceToRecurrence(365)).toEqual({ freq: 'MONTHLY', interval: 12 });
    expect(cadenceToRecurrence(7)).toEqual({ freq: 'WEEKLY', interval: 1 });
    expect(cadenceToRecurrence(14)).toEqual({ freq: 'WEEKLY', interval: 2 });
    expect(cadenceToRecurrence(1)).toEqual({ freq: 'WEEKLY', interval: 1 });
    for (const bad of [0, -30, 2.5, Number.NaN, 10_000]) expect(() => cadenceToRecurrence(bad)).toThrow(ReviewCalendarError);
  });

  it('repeats a monthly meeting that starts on a month-end on every month-end instead of skipping short months', () => {
    const ics = build([series({ firstStart: '2026-01-31T10:00' })]);
    expect(ics).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1\r\n');
    const dates = occurrences(parse(ics).events[0] as ICAL.Event, 5);
    expect(dates.map((date) => wallDate(date, 'Europe/Berlin'))).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    expect(dates.map((date) => wallTime(date, 'Europe/Berlin'))).toEqual(Array(5).fill('10:00'));
  });

  it('keeps a quarterly month-end meeting on month-ends, 29 February in a leap year', () => {
    const ics = build([series({ firstStart: '2027-11-30T09:00', recurrence: { freq: 'MONTHLY', interval: 3 } })]);
    const dates = occurrences(parse(ics).events[0] as ICAL.Event, 3);
    expect(dates.map((date) => wallDate(date, 'Europe/Berlin'))).toEqual(['2027-11-30', '2028-02-29', '2028-05-31']);
  });

  it('refuses a monthly series from the 29th or 30th of a longer month, which February would lose', () => {
    expect(() => build([series({ firstStart: '2026-03-30T10:00' })])).toThrow(/cannot start on the 30th/);
    expect(() => build([series({ firstStart: '2026-01-29T10:00' })])).toThrow(/cannot start on the 29th/);
    // A weekly series has no such day, and the 28th is in every month.
    expect(() => build([series({ firstStart: '2026-03-30T10:00', recurrence: { freq: 'WEEKLY', interval: 2 } })])).not.toThrow();
    expect(build([series({ firstStart: '2026-03-28T10:00' })])).toContain('RRULE:FREQ=MONTHLY;INTERVAL=1\r\n');
  });
});

describe('UIDs', () => {
  it('are the same for the same workspace and key on every export, whatever else changed', () => {
    const first = parse(build([series(), series({ key: 'tier-2' })])).events.map((event) => event.uid);
    const second = parse(
      build([series({ key: 'tier-2', title: 'Renamed', sequence: 3 }), series({ firstStart: '2026-05-01T09:00' })], {
        now: new Date('2026-06-01T00:00:00Z'),
        calendarName: 'Other',
      }),
    ).events.map((event) => event.uid);
    expect(new Set(first).size).toBe(2);
    expect([...second].sort()).toEqual([...first].sort());
    expect(first[0]).toBe(reviewSeriesUid('ws-1', 'tier-1'));
  });

  it('differ between workspaces and between keys', () => {
    expect(reviewSeriesUid('ws-1', 'tier-1')).not.toBe(reviewSeriesUid('ws-2', 'tier-1'));
    expect(reviewSeriesUid('ws-1', 'tier-1')).not.toBe(reviewSeriesUid('ws-1', 'combined'));
    expect(reviewSeriesUid('ws-1', 'tier-1')).toMatch(/^review-tier-1-[0-9a-f]{32}@agent-warden$/);
  });

  it('refuse two series with one key, and a key that is not a plain slug', () => {
    expect(() => build([series(), series()])).toThrow(/share the key "tier-1"/);
    expect(() => build([series({ key: 'Tier 1;X' })])).toThrow(ReviewCalendarError);
  });
});

describe('hostile text', () => {
  const hostile: { label: string; input: string; shown: string }[] = [
    { label: 'semicolons, commas, backslash', input: 'Review; with, commas; and \\ backslash', shown: 'Review; with, commas; and \\ backslash' },
    { label: 'LF and a VEVENT injection', input: 'Line one\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil', shown: 'Line one END:VEVENT BEGIN:VEVENT UID:evil' },
    { label: 'CRLF and a VEVENT injection', input: 'CRLF\r\nBEGIN:VEVENT\r\nSUMMARY:x', shown: 'CRLF BEGIN:VEVENT SUMMARY:x' },
    { label: 'bidi override and isolates', input: 'bidi \u202Egnp.exe\u202C and \u2066iso\u2069', shown: 'bidi gnp.exe and iso' },
    { label: 'ESC, BEL, DEL, C1 CSI', input: 'esc \u001b[2J bell\u0007 del\u007f c1\u009b', shown: 'esc [2J bell del c1' },
    { label: 'line and paragraph separators, tab', input: 'sep\u2028line\u2029para\ttab', shown: 'sep line para tab' },
    { label: 'half a surrogate pair', input: 'half \uD83D pair', shown: 'half \uFFFD pair' },
    { label: 'emoji, quotes, caret', input: 'ok 🤖 emoji "quotes" ^caret', shown: 'ok 🤖 emoji "quotes" ^caret' },
  ];

  it.each(hostile)('a title with $label round-trips as text and never opens a second event', ({ input, shown }) => {
    const ics = build([series({ title: input, description: input })]);
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- the controls are what the file must not hold
    expect(ics).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u0008\u001b\u007f\u009b]/);
    const { events } = parse(ics);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe(shown);
    expect(events[0]?.uid).toBe(reviewSeriesUid('ws-1', 'tier-1'));
  });

  it('keeps the line breaks of a description as text and strips its controls', () => {
    const description = 'First line; a, b\r\nBEGIN:VEVENT\nUID:evil\u202E\n\\n literal';
    const ics = build([series({ description, attendees: [] })]);
    expect(ics).toContain('DESCRIPTION:First line\\; a\\, b\\nBEGIN:VEVENT\\nUID:evil\\n\\\\n literal\r\n');
    const { events } = parse(ics);
    expect(events).toHaveLength(1);
    expect(events[0]?.description).toBe('First line; a, b\nBEGIN:VEVENT\nUID:evil\n\\n literal');
  });

  it('escapes a hostile calendar name', () => {
    const ics = build([series()], { calendarName: 'Team; A, B\nEND:VCALENDAR\nBEGIN:VEVENT\u202E' });
    const { calendar, events } = parse(ics);
    expect(events).toHaveLength(1);
    // NAME (RFC 7986) and X-WR-CALNAME are text, escaped; ical.js knows neither, so it keeps them raw.
    expect(calendar.getFirstPropertyValue('name')).toBe('Team\\; A\\, B END:VCALENDAR BEGIN:VEVENT');
    expect(ics).toContain('\r\nNAME:Team\\; A\\, B END:VCALENDAR BEGIN:VEVENT\r\n');
    expect(ics).toContain('\r\nX-WR-CALNAME:Team\\; A\\, B END:VCALENDAR BEGIN:VEVENT\r\n');
    expect(ics.match(/^END:VCALENDAR$/gm)).toHaveLength(1);
  });

  it('keeps 20,000 characters of title whole, folded', () => {
    const title = 'A;b,c\\ü🤖'.repeat(2_500);
    const ics = build([series({ title })]);
    expect(Math.max(...ics.split('\r\n').map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    expect(parse(ics).events[0]?.summary).toBe(title);
  });
});

describe('attendees', () => {
  it('lists those with an address as ATTENDEE and names everyone in the description', () => {
    const ics = build([
      series({
        attendees: [
          { name: 'Ana "the; lead", Ortiz', email: 'ana@example.com' },
          { name: 'Bo\nEND:VEVENT', email: null },
          { name: 'Cy', email: 'cy@example.com\r\nBEGIN:VEVENT' },
          { name: 'Di', email: 'di"@example.com' },
          { name: 'Ed', email: 'ed@example.com;x=y' },
          { name: '', email: 'fay@example.org' },
        ],
      }),
    ]);
    expect(ics.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    const [event] = parse(ics).events;
    const attendees = event?.attendees ?? [];
    expect(attendees.map((attendee) => attendee.getFirstValue())).toEqual(['MAILTO:ana@example.com', 'MAILTO:fay@example.org']);
    expect(attendees.map((attendee) => attendee.getParameter('cn'))).toEqual(['Ana "the; lead", Ortiz', 'fay@example.org']);
    expect(attendees[0]?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(event?.description).toBe(
      'Agenda: the Tier 1 agents due.\n\nAttendees: Ana "the; lead", Ortiz, Bo END:VEVENT, Cy, Di, Ed',
    );
  });

  it('writes no DESCRIPTION when there is nothing to say', () => {
    const ics = build([series({ description: ' \u202E ', attendees: [] })]);
    expect(ics).not.toContain('DESCRIPTION');
  });
});

describe('refusals', () => {
  it.each(['Mars/Olympus', '', 'Europe/Berlin\r\nX-EVIL:1', 'europe/nowhere'])('an unknown time zone %j', (timeZone) => {
    expect(() => build([series({ timeZone })])).toThrow(/is not a known time zone/);
  });

  it('a zone Intl accepts but no VTIMEZONE exists for (a bare offset), quietly', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => build([series({ timeZone: '+01:00' })])).toThrow(/no VTIMEZONE is known for "\+01:00"/);
      expect(error).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });

  it('an old zone name is written with the VTIMEZONE name it has there', () => {
    const ics = build([series({ timeZone: 'Europe/Kiev' })]);
    const tzid = /^TZID:(.+)$/m.exec(ics)?.[1]?.trim();
    expect(ics).toContain(`DTSTART;TZID=${tzid}:20260115T100000\r\n`);
  });

  it.each(['2026-01-15 10:00', '2026-13-01T10:00', '2026-02-30T10:00', '2026-01-15T24:00', '15.01.2026'])(
    'a malformed first start %j',
    (firstStart) => {
      expect(() => build([series({ firstStart })])).toThrow(ReviewCalendarError);
    },
  );

  it('a duration, interval or sequence out of range', () => {
    expect(() => build([series({ durationMinutes: 0 })])).toThrow(/1 to 1440/);
    expect(() => build([series({ recurrence: { freq: 'MONTHLY', interval: 0 } })])).toThrow(/interval/);
    expect(() => build([series({ sequence: -1 })])).toThrow(/SEQUENCE/);
    expect(() => build([series()], { now: new Date(Number.NaN) })).toThrow(/DTSTAMP/);
  });

  it('an empty calendar is still a valid file', () => {
    const { calendar, events } = parse(build([]));
    expect(events).toHaveLength(0);
    expect(calendar.name).toBe('vcalendar');
  });
});
