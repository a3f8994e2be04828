/**
 * `warden report minutes` end to end (issue 13): the built CLI prints the minutes of the demo's held
 * meeting with this machine's Chromium, and poppler reads them back: the decisions with their notes and
 * evidence hashes, the action items with owner and due date, the running header and footer ("Page 1
 * of", the report ID, the audit log head) and the signature block. A note that is markup comes out as
 * text. Page 1 is kept as docs/screenshots/minutes-page1.png.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { CLI_PATH } from './support/warden-server';

const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HELD = 'demo-held-meeting';
const HOSTILE_NOTE = '<img src=x onerror=alert(1)> **not bold** </style><script>alert(2)</script>';

let dir: string;

function warden(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'app-data'), WARDEN_CHROME: CHROMIUM },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

interface MinutesJson {
  title: string;
  attendees: string[];
  decisions: { agentName: string; note: string; evidenceHash: string }[];
  actionItems: { text: string; owner: string; dueDate: string }[];
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-minutes-e2e-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test.describe('warden report minutes', () => {
  test.setTimeout(90_000);

  test('prints the demo held meeting: decisions with evidence hashes, action items with owner and due date, numbered pages', () => {
    const minutes = JSON.parse(warden(['--workspace', 'demo', 'reviews', 'minutes', HELD, '--format', 'json']).stdout) as MinutesJson;
    expect(minutes.decisions.length).toBeGreaterThan(0);
    expect(minutes.actionItems.length).toBeGreaterThan(0);
    const out = join(dir, 'minutes.pdf');
    const printed = warden(['--workspace', 'demo', 'report', 'minutes', '--meeting', HELD, '--pdf', out]);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    const id = /minutes report (MN-\d{8}-[0-9a-f]{8}), (\d+) pages? \(A4\)/.exec(printed.stdout);
    expect(id).not.toBeNull();
    const head = (JSON.parse(warden(['--workspace', 'demo', 'audit', 'export', '--format', 'json']).stdout) as { hash: string }[]).at(-1)?.hash;
    expect(head).toMatch(/^[0-9a-f]{64}$/);

    const all = pdfText(out);
    expect(all).toContain(`Minutes: ${minutes.title}`);
    for (const attendee of minutes.attendees) expect(all).toContain(attendee);
    for (const decision of minutes.decisions) {
      expect(all).toContain(decision.agentName.slice(0, 30));
      expect(all).toContain(decision.note);
      expect(all).toContain(decision.evidenceHash);
    }
    // A long owner (an e-mail address) may wrap inside its table cell: compared without the spaces.
    const squeezed = all.replace(/ /g, '');
    for (const item of minutes.actionItems) {
      expect(squeezed).toContain(item.owner.replace(/ /g, ''));
      expect(all).toContain(item.dueDate);
    }
    expect(all).toContain('Approved as a true record');
    const first = pdfText(out, 1);
    expect(first).toMatch(/Page 1 of \d+/);
    expect(first).toContain(id?.[1] ?? 'no id');
    expect(first).toContain(`Audit log head: ${head ?? ''}`);

    // Unknown meeting: the back end's message, exit 1, before any browser starts.
    const unknown = warden(['--workspace', 'demo', 'report', 'minutes', '--meeting', 'no-such-meeting', '--pdf', join(dir, 'x.pdf')]);
    expect(unknown.status).toBe(1);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    expect(warden(['--workspace', 'demo', 'report', 'minutes', '--pdf', join(dir, 'x.pdf')]).status).toBe(2);

    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '80', '-png', '-singlefile', out, join(SCREENSHOTS, 'minutes-page1')]);
  });

  test('--html writes the same page as one self-contained file: fonts inlined, no script, no URL', () => {
    for (const args of [['minutes', '--meeting', HELD], ['leadership']]) {
      const out = join(dir, `${args[0] ?? 'report'}.html`);
      const written = warden(['--workspace', 'demo', 'report', ...args, '--html', out]);
      expect(written.stderr).toBe('');
      expect(written.status).toBe(0);
      expect(written.stdout).toMatch(/report (MN|LR)-\d{8}-[0-9a-f]{8}, self-contained HTML/);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain(args[0] === 'minutes' ? 'Approved as a true record' : 'Top 5 risks');
      expect(html).toMatch(/@font-face[^}]*url\(\s*"?data:font\/woff2;base64,/);
      expect(html).not.toMatch(/<script/i);
      // Its own policy: nothing but inline styles, fonts and images (the app's would refuse data: fonts).
      expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:;`);
      expect(html.match(/Content-Security-Policy/g)).toHaveLength(1);
      expect(html).not.toMatch(/<link\b/i);
      // Nothing to fetch: no src, href or url() that is not inline data or a fragment.
      expect(html).not.toMatch(/\b(?:src|href)\s*=\s*"(?!data:|#)/i);
      expect(html).not.toMatch(/url\(\s*(?!["']?(?:data:|#|about:invalid))/i);
      expect(html).not.toMatch(/(?:src|href)\s*=\s*"https?:|url\(\s*["']?https?:/i);
    }
  });

  test('a note that is markup prints as text', () => {
    warden(['--workspace', 'demo', 'reviews', 'list']);
    const demoDir = join(dir, 'app-data', 'Agent Warden');
    const demo = readdirSync(demoDir).find((name) => name === 'demo.sqlite');
    expect(demo).toBeDefined();
    const copy = join(dir, 'hostile-minutes.sqlite');
    copyFileSync(join(demoDir, 'demo.sqlite'), copy);
    const db = new Database(copy);
    db.prepare('UPDATE review_decisions SET note = ? WHERE meeting_id = ?').run(HOSTILE_NOTE, HELD);
    db.close();
    const out = join(dir, 'hostile.pdf');
    const printed = warden(['--workspace', copy, 'report', 'minutes', '--meeting', HELD, '--out', out, '--paper', 'letter']);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    expect(pdfText(out)).toContain(HOSTILE_NOTE);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });
});
