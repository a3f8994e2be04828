import { describe, expect, it } from 'vitest';
import { cssString, parsePrintRoute } from './print-route';

describe('parsePrintRoute', () => {
  it('reads the report, paper and account', () => {
    expect(parsePrintRoute('/print/leadership?paper=letter&account=111122223333')).toEqual({ report: 'leadership', paper: 'letter', accountId: '111122223333', meetingId: null, period: null, allAgents: false, dialog: false });
    expect(parsePrintRoute('#/print/leadership')).toEqual({ report: 'leadership', paper: 'a4', accountId: null, meetingId: null, period: null, allAgents: false, dialog: false });
  });
  it('reads the period, and leaves out one it does not take', () => {
    expect(parsePrintRoute('#/print/leadership?paper=a4&period=30d')).toMatchObject({ report: 'leadership', period: '30d' });
    for (const bad of ['30', '0d', '366d', '1m', '30d;x']) expect(parsePrintRoute(`#/print/leadership?period=${encodeURIComponent(bad)}`)?.period).toBeNull();
  });
  it('reads the all-agents appendix only as all=1', () => {
    expect(parsePrintRoute('#/print/leadership?paper=a4&all=1')?.allAgents).toBe(true);
    for (const other of ['all=true', 'all=0', 'all=', '']) expect(parsePrintRoute(`#/print/leadership?paper=a4&${other}`)?.allAgents).toBe(false);
    expect(parsePrintRoute('#/print/minutes?meeting=m&all=1')?.allAgents).toBe(false);
  });
  it('opens the print dialog only when asked with dialog=1', () => {
    expect(parsePrintRoute('#/print/leadership?paper=a4&dialog=1')?.dialog).toBe(true);
    expect(parsePrintRoute('#/print/minutes?meeting=m&dialog=1')?.dialog).toBe(true);
    for (const other of ['dialog=true', 'dialog=0', 'dialog=', '']) expect(parsePrintRoute(`#/print/leadership?paper=a4&${other}`)?.dialog).toBe(false);
  });
  it('ignores what it does not know', () => {
    expect(parsePrintRoute('/print/leadership?paper=a3&account=12')).toEqual({ report: 'leadership', paper: 'a4', accountId: null, meetingId: null, period: null, allAgents: false, dialog: false });
    expect(parsePrintRoute('/print/other')).toBeNull();
    expect(parsePrintRoute('/overview')).toBeNull();
  });
  it('reads the minutes of a meeting, and no meeting is no page', () => {
    expect(parsePrintRoute('#/print/minutes?paper=letter&meeting=mtg-1')).toEqual({ report: 'minutes', paper: 'letter', accountId: null, meetingId: 'mtg-1', period: null, allAgents: false, dialog: false });
    expect(parsePrintRoute('#/print/minutes?paper=a4')).toBeNull();
  });
});

describe('cssString', () => {
  it('escapes everything that could end the string or the rule', () => {
    const hostile = 'Acme"; } @page { content: "x\\" </style><img src=x onerror=alert(1)>\n';
    const css = cssString(hostile);
    expect(css.slice(1, -1)).not.toMatch(/["';{}<>\n]/);
    expect(css).toBe(`"${[...hostile].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `\\${c.codePointAt(0)?.toString(16).padStart(6, '0')}`)).join('')}"`);
    expect(cssString('Quillmere 2026')).toBe(String.raw`"Quillmere\0000202026"`);
  });
});
