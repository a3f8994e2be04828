import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, findBrowser, NO_BROWSER_MESSAGE, routeUrl } from '@core/reports/chromium-printer';
import { countPdfPages, printRoute } from '@core/reports/report-printer';
import { firstSentence, reportId } from '@core/reports/leadership-report';
import { parsePaper, parsePeriod } from '../../../electron/cli/commands/report';

describe('findBrowser', () => {
  const on = (...paths: string[]) => (path: string): boolean => paths.includes(path);
  it('takes WARDEN_CHROME first, and says so when it names nothing', () => {
    expect(findBrowser({ [BROWSER_ENV]: '/opt/chrome', PATH: '/usr/bin' }, on('/opt/chrome', '/usr/bin/chromium'))).toBe('/opt/chrome');
    expect(() => findBrowser({ [BROWSER_ENV]: '/opt/none' }, on())).toThrow(/WARDEN_CHROME names \/opt\/none/);
  });
  it('finds Chromium or Chrome on PATH, most specific name first', () => {
    expect(findBrowser({ PATH: '/a:/usr/bin' }, on('/usr/bin/google-chrome', '/usr/bin/chromium'))).toBe('/usr/bin/chromium');
    expect(findBrowser({ PATH: '/a:/usr/local/bin' }, on('/usr/local/bin/google-chrome-stable'))).toBe('/usr/local/bin/google-chrome-stable');
  });
  it('answers null when there is none (the message says how to fix it)', () => {
    expect(findBrowser({ PATH: '/nowhere' }, on())).toBeNull();
    expect(NO_BROWSER_MESSAGE).toMatch(/apt-get install chromium/);
    expect(NO_BROWSER_MESSAGE).toContain(BROWSER_ENV);
  });
});

describe('print routes and URLs', () => {
  it('writes the print route the renderer reads', () => {
    expect(printRoute({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4' })).toBe('/print/leadership?paper=a4');
    expect(printRoute({ report: 'leadership', accountId: '111122223333', meetingId: null, paper: 'letter' })).toBe('/print/leadership?paper=letter&account=111122223333');
    expect(printRoute({ report: 'minutes', accountId: null, meetingId: 'mtg 1&x', paper: 'a4' })).toBe('/print/minutes?paper=a4&meeting=mtg+1%26x');
  });
  it('keeps the session token before the route in the fragment', () => {
    expect(routeUrl('http://127.0.0.1:4000/#token=abc123def', '/print/leadership?paper=a4')).toBe('http://127.0.0.1:4000/#token=abc123def&/print/leadership?paper=a4');
    expect(routeUrl('http://127.0.0.1:4000/', '/print/x')).toBe('http://127.0.0.1:4000/#/print/x');
  });
  it('counts the pages of a PDF, not its page tree', () => {
    const pdf = Buffer.from('1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>', 'latin1');
    expect(countPdfPages(new Uint8Array(pdf))).toBe(2);
  });
  it('takes a4 or letter as paper', () => {
    expect(parsePaper(undefined)).toEqual({ ok: true, value: 'a4' });
    expect(parsePaper('Letter')).toEqual({ ok: true, value: 'letter' });
    expect(parsePaper('a3').ok).toBe(false);
  });
  it('takes --period as 1d to 365d (none: since the previous scan), and writes it into the print route', () => {
    expect(parsePeriod(undefined)).toEqual({ ok: true, value: null });
    expect(['7d', '30D', '90d', '365d'].map((p) => parsePeriod(p))).toEqual([{ ok: true, value: '7d' }, { ok: true, value: '30d' }, { ok: true, value: '90d' }, { ok: true, value: '365d' }]);
    for (const bad of ['30', '0d', '366d', '1m', '-7d', '30 d', '07d']) {
      const parsed = parsePeriod(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('such as 7d, 30d or 90d');
    }
    expect(printRoute({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4', period: '30d' })).toBe('/print/leadership?paper=a4&period=30d');
    expect(printRoute({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4', allAgents: true })).toBe('/print/leadership?paper=a4&all=1');
    expect(printRoute({ report: 'leadership', accountId: null, meetingId: null, paper: 'a4', allAgents: false })).toBe('/print/leadership?paper=a4');
  });
});

describe('the leadership report’s small rules', () => {
  it('takes the first sentence of an explanation, cut with an ellipsis when long', () => {
    expect(firstSentence('Anyone can assume it. More text follows.')).toBe('Anyone can assume it.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
    expect(firstSentence(`${'a'.repeat(300)}.`, 50)).toHaveLength(50);
  });
  it('gives the same report ID for the same scans, audit head and day, another when any changes', () => {
    const day = new Date('2026-12-06T10:00:00Z');
    const id = reportId(day, null, ['s2', 's1'], 'h');
    expect(id).toMatch(/^LR-20261206-[0-9a-f]{8}$/);
    expect(reportId(new Date('2026-12-06T23:00:00Z'), null, ['s1', 's2'], 'h')).toBe(id);
    expect(reportId(day, null, ['s1', 's2'], 'other')).not.toBe(id);
    expect(reportId(day, '111122223333', ['s1', 's2'], 'h')).not.toBe(id);
  });
});
