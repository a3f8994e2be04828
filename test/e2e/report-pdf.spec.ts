/**
 * `warden report leadership` end to end (issue 13): the built CLI prints the demo's leadership report
 * with this machine's Chromium, and the PDF is read back with poppler (pdftotext, pdfinfo, pdftoppm):
 * page 1 stands alone (verdict, KPIs, top risks, plan, decisions — and nothing of it spills onto page
 * 2) on A4 and US Letter, every page carries "Page x of N", the report ID and the audit log head, and
 * names from AWS (and the workspace's own file name) come out as text. No browser found: exit 1 with
 * how to fix it. Page 1 is kept as docs/screenshots/report-page1.png.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { FORGED } from '../fixtures/hostile/hostile-strings';
import { CLI_PATH } from './support/warden-server';

const HOSTILE = resolve(__dirname, '../fixtures/hostile');
const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let dir: string;

/** Runs the built CLI with its own app-data folder (so the demo file is this test's). */
function warden(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'app-data'), WARDEN_CHROME: CHROMIUM, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, '-layout', file, '-'], { encoding: 'utf8' });
}

function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-report-e2e-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test.describe('warden report leadership', () => {
  test.setTimeout(90_000);

  test('prints the demo: page 1 stands alone, every page is numbered and names the report and the audit head', () => {
    const out = join(dir, 'leadership.pdf');
    const printed = warden(['--workspace', 'demo', 'report', 'leadership', '--out', out]);
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    const reportId = /report (LR-\d{8}-[0-9a-f]{8}), (\d+) pages \(A4\)/.exec(printed.stdout);
    expect(reportId).not.toBeNull();
    const pages = pageCount(out);
    expect(String(pages)).toBe(reportId?.[2]);
    expect(pages).toBeGreaterThan(3);
    expect(pages).toBeLessThan(20);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

    const overview = JSON.parse(warden(['--workspace', 'demo', 'overview', '--format', 'json']).stdout) as { verdict: { text: string }; kpis: { id: string; value: number }[] };
    const verify = JSON.parse(warden(['--workspace', 'demo', 'audit', 'verify', '--json']).stdout) as { ok: boolean };
    expect(verify.ok).toBe(true);
    const head = (JSON.parse(warden(['--workspace', 'demo', 'audit', 'export', '--format', 'json']).stdout) as { hash: string }[]).at(-1)?.hash;
    expect(head).toMatch(/^[0-9a-f]{64}$/);

    const first = pdfText(out, 1).replace(/\s+/g, ' ');
    expect(first).toContain(overview.verdict.text.slice(0, 40));
    expect(first).toContain('Posture score');
    expect(first).toContain('Top 5 risks');
    expect(first).toContain('30-day plan');
    expect(first).toContain('Decisions we need');
    expect(first).toContain('AI agents nobody owns');
    // The KPIs on page 1 are `warden overview`'s (tiles read left to right: labels, then figures).
    const tiles = ['openCriticalHigh', 'aiAgents', 'aiAgentsWithoutOwner', 'unregisteredAiAgents', 'tier1LongLivedKeys', 'reviewsOverdue'];
    const figures = tiles.map((id) => overview.kpis.find((k) => k.id === id)?.value);
    expect(figures.every((value) => typeof value === 'number')).toBe(true);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(`Reviews overdue ${figures.join(' ')}`);
    // Page 2 is the charts: nothing of page 1 spilled over.
    expect(pdfText(out, 2).replace(/\s+/g, ' ')).toMatch(/^ ?\S.* What the numbers look like/);
    // The charts say what they show, not what a click on them would open (paper opens nothing).
    expect(pdfText(out, 2)).toContain('Open, new and resolved findings per scan date');
    expect(pdfText(out)).not.toMatch(/\bopens (the|that|today)/);

    for (let page = 1; page <= pages; page += 1) {
      const text = pdfText(out, page);
      expect(text).toContain(`Page ${page} of ${pages}`);
      expect(text).toContain(`Report ${reportId?.[1]}`);
      expect(text).toContain(`Audit log head: ${head}`);
      expect(text).toContain('Quillmere Health Analytics');
    }
    const all = pdfText(out);
    expect(all).toContain('Appendix: Tier 1 agents');
    expect(all).toContain('The top risks in detail');

    // Page 1 as a CEO sees it (kept for the docs; looked at by a person when it changes).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', out, join(dir, 'page1')]);
    expect(existsSync(join(dir, 'page1.png'))).toBe(true);
    copyFileSync(join(dir, 'page1.png'), join(SCREENSHOTS, 'report-page1.png'));
  });

  test('US Letter: the same page 1, on Letter paper (over --period 90d: the demo has no earlier scan)', () => {
    const out = join(dir, 'letter.pdf');
    const printed = warden(['--workspace', 'demo', 'report', 'leadership', '--pdf', out, '--paper', 'letter', '--period', '90d']);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('(US Letter)');
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const first = pdfText(out, 1).replace(/\s+/g, ' ');
    expect(first).toContain('AI agents nobody owns');
    expect(first).toContain(`Page 1 of ${pageCount(out)}`);
    // The period reaches the printed page: its start in the header, and no change invented.
    const start = new Date(Date.now() - 90 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    expect(first).toContain(`${start} – `);
    expect(first).toContain('No earlier scan in this period');
    expect(pdfText(out, 2)).toContain('What the numbers look like');
  });

  test('names from AWS and the workspace file name print as text', () => {
    // A workspace whose very file name is markup, holding the hostile-names import.
    const workspace = join(dir, `${FORGED.imgName.replaceAll('/', '')}.sqlite`);
    const imported = warden([
      '--workspace',
      workspace,
      'import',
      '--authorization-details',
      join(HOSTILE, 'hostile-authorization-details.json'),
      '--credential-report',
      join(HOSTILE, 'hostile-credential-report.csv'),
    ]);
    expect(imported.status, imported.stderr).toBe(0);
    const out = join(dir, 'hostile.pdf');
    const printed = warden(['--workspace', workspace, 'report', 'leadership', '--out', out]);
    expect(printed.status, printed.stderr).toBe(0);
    const text = pdfText(out);
    // The header of every page and the title: the file name, as text.
    expect(pdfText(out, 1)).toContain(FORGED.imgName);
    // The Tier 1 appendix and the top risks name the hostile roles as they are.
    for (const name of [FORGED.scriptName, FORGED.hyperlinkName]) expect(text).toContain(name);
  });

  test('without a browser: exit 1 and how to fix it', () => {
    const printed = warden(['--workspace', 'demo', 'report', 'leadership', '--out', join(dir, 'none.pdf')], { WARDEN_CHROME: '', PATH: '/nonexistent' });
    expect(printed.status).toBe(1);
    expect(printed.stderr).toContain('No Chrome or Chromium was found');
    expect(printed.stderr).toContain('WARDEN_CHROME');
    expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
    const wrong = warden(['--workspace', 'demo', 'report', 'leadership', '--out', join(dir, 'none.pdf')], { WARDEN_CHROME: '/no/such/chrome' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('/no/such/chrome');
  });
});
