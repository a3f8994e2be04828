/**
 * The Overview's trend through the real analysis store (issue 11): one account imported on day 1,
 * then twice on day 2 — the morning export lacks the users (their findings resolved), the evening
 * one has them back. The day counts once against day 1: nothing new, nothing resolved, the same open
 * count; a second account scanned only on day 1 is carried forward into day 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type Overview } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const SECOND = join(REAL_IAM, 'cloudsplaining/example-authz-iam-vulnerable-2023.json');

let dir: string;
let backend: Backend;
let now = new Date('2026-03-01T09:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function importAt(at: string, details: string): Promise<string> {
  now = new Date(at);
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: null });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  return job.scanIds[0] ?? '';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-overview-trend-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
  });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the trend through the analysis store', () => {
  it('carries an account forward and counts a day of several scans once', async () => {
    const withoutUsers = join(dir, 'no-users.json');
    const whole = JSON.parse(readFileSync(DETAILS, 'utf8')) as Record<string, unknown>;
    writeFileSync(withoutUsers, JSON.stringify({ ...whole, UserDetailList: [] }));

    await importAt('2026-03-01T09:00:00.000Z', SECOND);
    const day1Last = await importAt('2026-03-01T10:00:00.000Z', DETAILS);
    const day1 = await call('overview:get', { accountId: null });
    const morning = await importAt('2026-03-02T08:00:00.000Z', withoutUsers);
    const resolvedInTheMorning = (await call('findings:list', { scanId: morning, accountId: null, severity: null, ruleId: null, status: null })).resolvedSinceLastScan.length;
    expect(resolvedInTheMorning).toBeGreaterThan(0);
    await importAt('2026-03-02T18:00:00.000Z', DETAILS);
    now = new Date('2026-03-02T19:00:00.000Z');
    const day2 = await call('overview:get', { accountId: null });

    const figures = (point: Overview['series']['trend'][number]): { date: string; open: number; new: number; resolved: number } => ({ date: point.date, open: point.open, new: point.new, resolved: point.resolved });
    const first = day1.series.trend.map(figures);
    expect(first).toHaveLength(1);
    expect(first[0]?.new).toBe(first[0]?.open);
    expect(day2.series.trend.map(figures)).toEqual([first[0], { date: '2026-03-02', open: first[0]?.open, new: 0, resolved: 0 }]);
    // Two accounts: the newest date opens the current findings, an older one the Scans list.
    expect(day1.series.trend.map((p) => p.opens.screen)).toEqual(['findings']);
    expect(day2.series.trend.map((p) => p.opens.screen)).toEqual(['scans', 'findings']);
    // Against the morning scan, the evening one brought the users' findings back (the other
    // account's only scan counts all its findings as new, as the Findings list's "new" tab does).
    const account = await call('overview:get', { accountId: '123456789012' });
    expect(account.kpis.find((k) => k.id === 'newFindings')?.value).toBe(resolvedInTheMorning);
    const [day1Of, day2Of] = account.series.trend;
    expect(day2Of === undefined ? null : figures(day2Of)).toEqual({ date: '2026-03-02', open: day1Of?.open, new: 0, resolved: 0 });
    // One account: a past date opens that day's last scan, the newest its current findings.
    expect(day1Of?.opens).toEqual({ screen: 'findings', query: `scan=${day1Last}&status=new,open,regressed`, scanId: day1Last, match: { list: 'findings', statuses: ['new', 'open', 'regressed'] } });
    expect(day2Of?.opens).toMatchObject({ screen: 'findings', query: 'status=new,open,regressed&account=123456789012', scanId: null });

    // The leadership report over the last day (issue 13, --period 1d): the period starts 1 Mar 19:00, so
    // the account compares with its last scan of day 1 (not the morning's), and the other account, not
    // scanned since, with its only scan (itself: unchanged). Through the handler and the real store.
    const report = await call('reports:leadership', { accountId: null, period: '1d' });
    expect(report.period).toMatchObject({ days: 1, from: '2026-03-01', to: '2026-03-02' });
    const scanOf = new Map(report.period.comparedWith.map((c) => [c.accountId, c.scanId]));
    expect(scanOf.get('123456789012')).toBe(day1Last);
    const other = report.scope.accounts.find((a) => a.accountId !== '123456789012');
    expect(scanOf.get(other?.accountId ?? null)).toBe(other?.scanId);
    const sinceDay1 = await call('overview:get', { accountId: null, since: '2026-03-01T19:00:00.000Z' });
    expect(report.kpis.map((k) => [k.id, k.previous])).toEqual(report.kpis.map((k) => [k.id, sinceDay1.kpis.find((o) => o.id === k.id)?.previous ?? null]));
    // The same figures as day 1's Overview: the state at the period's start.
    expect(sinceDay1.kpis.find((k) => k.id === 'openCriticalHigh')?.previous).toBe(day1.kpis.find((k) => k.id === 'openCriticalHigh')?.value);
  }, 180_000);
});
