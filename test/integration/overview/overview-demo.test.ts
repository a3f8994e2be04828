/**
 * `overview:get` on the demo workspace (issue 11): every KPI and chart figure equals the count of the
 * rows its filter names in `agents:list` / `findings:list` (same scope), the score is recomputed from
 * those lists by posture.ts, and people's decisions (an acceptance, its expiry) show at once without
 * a re-analysis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type Overview, type OverviewFilter } from '@shared/contract';
import { countFilter } from '@shared/overview-filters';
import { createBackend, type Backend } from '@core/backend';
import { postureScore } from '@core/governance/overview/posture';

const DAY_MS = 24 * 60 * 60 * 1000;
let dir: string;
let backend: Backend;
let now = new Date();

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

/** Every figure of the overview with the filter it names. */
function figures(overview: Overview): { what: string; value: number; filter: OverviewFilter }[] {
  return [
    ...overview.kpis.map((k) => ({ what: k.id, value: k.value, filter: k.filter })),
    ...overview.series.tiers.map((p) => ({ what: `tier ${p.key}`, value: p.value, filter: p.filter })),
    ...overview.series.findingsByStep.map((p) => ({ what: `step ${p.key}`, value: p.value, filter: p.filter })),
    ...overview.series.findingsBySeverityTier.flatMap((t) => t.counts.map((p) => ({ what: `tier ${t.tier} ${p.key}`, value: p.value, filter: p.filter }))),
    ...overview.series.keyAges.map((p) => ({ what: `oldest key ${p.key}`, value: p.value, filter: p.filter })),
    ...ownershipFigures(overview.series.ownership),
  ];
}

function ownershipFigures(o: Overview['series']['ownership']): { what: string; value: number; filter: OverviewFilter }[] {
  return [
    { what: 'AI agents with an owner', value: o.aiAgentsOwned, filter: o.filters.aiAgentsOwned },
    { what: 'AI agents without an owner', value: o.aiAgents - o.aiAgentsOwned, filter: o.filters.aiAgentsWithoutOwner },
    { what: 'identities with an owner', value: o.identitiesOwned, filter: o.filters.identitiesOwned },
    { what: 'identities without an owner', value: o.identities - o.identitiesOwned, filter: o.filters.identitiesWithoutOwner },
  ];
}

/**
 * Each date of the trend against the list it opens: the open findings of that day's scan (one
 * account), or of the current state (the newest date); older dates of several accounts open Scans.
 * A past scan's point counts what was open when its analysis was stored, its list shows today's
 * decisions (docs/overview.md): `decidedSince` says people accepted or resolved findings since, so a
 * past list may show fewer open, never more.
 */
async function expectTrendAgreement(overview: Overview, decidedSince: boolean): Promise<void> {
  // scope.accounts names every account (the screen's chooser); the scope is one when narrowed to it.
  const oneAccount = overview.scope.accountId !== null || overview.scope.accounts.length === 1;
  for (const [index, point] of overview.series.trend.entries()) {
    const newest = index === overview.series.trend.length - 1;
    if (point.opens.screen === 'scans') {
      expect({ date: point.date, oneAccount, newest }).toEqual({ date: point.date, oneAccount: false, newest: false });
      continue;
    }
    if (!oneAccount) expect({ date: point.date, newest }).toEqual({ date: point.date, newest: true });
    const { scanId } = point.opens;
    const lists = await call('findings:list', { scanId, accountId: scanId === null ? overview.scope.accountId : null, severity: null, ruleId: null, status: null });
    if (scanId !== null) expect(lists.view.scans.map((scan) => scan.id)).toEqual([scanId]);
    const filter: OverviewFilter = { screen: 'findings', query: point.opens.query, match: point.opens.match };
    const open = countFilter(filter, { agents: [], ...lists });
    if (scanId !== null && decidedSince) expect(open).toBeLessThanOrEqual(point.open);
    else expect({ date: point.date, open }).toEqual({ date: point.date, open: point.open });
    expect(point.opens.query).toContain(point.opens.scanId === null ? 'status=new,open,regressed' : `scan=${point.opens.scanId}&`);
  }
}

async function expectAgreement(accountId: string | null, decidedSince = false): Promise<Overview> {
  const overview = await call('overview:get', { accountId });
  const { agents } = await call('agents:list', { scanId: null, accountId });
  const { findings, resolvedSinceLastScan } = await call('findings:list', { scanId: null, accountId, severity: null, ruleId: null, status: null });
  for (const figure of figures(overview)) {
    expect({ what: figure.what, value: countFilter(figure.filter, { agents, findings, resolvedSinceLastScan }) }).toEqual({ what: figure.what, value: figure.value });
  }
  await expectTrendAgreement(overview, decidedSince);
  // The score, recomputed from the lists by the documented formula.
  const identities = agents.filter((a) => !a.awsManaged).map((a) => ({ arn: `${a.scanId}\n${a.arn}`, tier: a.tier }));
  const scored = findings.map((f) => ({ principalArn: f.principalArn === null ? null : `${f.scanId}\n${f.principalArn}`, severity: f.severity, status: f.status }));
  expect(overview.score.value).toBe(postureScore(identities, scored).value);
  return overview;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-overview-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => now,
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  await call('demo:open', {});
}, 180_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('overview:get on the demo workspace', () => {
  it('counts what the filtered lists show, for all accounts and for each account', async () => {
    const overview = await expectAgreement(null);
    expect(overview.scope.accounts.length).toBeGreaterThan(1);
    // The demo has identities with keys of several ages, and scans on two dates: an older date of all accounts opens Scans.
    expect(overview.series.keyAges.filter((p) => p.value > 0).length).toBeGreaterThan(2);
    expect(overview.series.trend.map((p) => p.opens.screen)).toEqual(['scans', 'findings']);
    expect(overview.kpis.find((k) => k.id === 'aiAgents')?.value).toBeGreaterThan(0);
    expect(overview.series.trend.length).toBeGreaterThan(0);
    expect(overview.verdict.text).toMatch(/^(Yes|Not yet): /);
    for (const account of overview.scope.accounts) {
      if (account.accountId === null) continue;
      const one = await expectAgreement(account.accountId);
      expect(one.kpis.every((k) => k.filter.query.includes(`account=${account.accountId}`))).toBe(true);
      // One account: its older date opens that day's scan, its newest the current findings.
      expect(one.series.trend.map((p) => (p.opens.screen === 'findings' ? p.opens.scanId !== null : 'scans'))).toEqual([true, false]);
    }
  }, 180_000);

  it('shows an acceptance at once and its expiry when the date passes', async () => {
    const before = await call('overview:get', { accountId: null });
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: 'critical', ruleId: null, status: null });
    const target = findings.find((f) => f.status === 'new' || f.status === 'open' || f.status === 'regressed');
    if (target === undefined) throw new Error('the demo has no open critical finding');
    const until = new Date(now.getTime() + 5 * DAY_MS).toISOString().slice(0, 10);
    await call('findings:accept', { fingerprint: target.fingerprint, reason: 'Tested by the overview test', until });
    const after = await expectAgreement(null);
    const kpi = (o: Overview, id: string): number => o.kpis.find((k) => k.id === id)?.value ?? -1;
    expect(kpi(after, 'openCriticalHigh')).toBe(kpi(before, 'openCriticalHigh') - 1);
    expect(kpi(after, 'acceptedRisks')).toBe(kpi(before, 'acceptedRisks') + 1);
    expect(after.score.value).toBeGreaterThanOrEqual(before.score.value);
    // The acceptance expires: the finding is open again, with no re-analysis.
    now = new Date(now.getTime() + 10 * DAY_MS);
    const expired = await expectAgreement(null);
    expect(kpi(expired, 'openCriticalHigh')).toBe(kpi(before, 'openCriticalHigh'));
    expect(kpi(expired, 'acceptedRisks')).toBe(kpi(before, 'acceptedRisks'));
  }, 180_000);

  it('stays equal to the lists with many decisions at once: acceptances of every severity and resolutions by hand', async () => {
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: null, status: null });
    const open = findings.filter((f) => f.status === 'new' || f.status === 'open' || f.status === 'regressed');
    const accept = open.filter((_, index) => index % 3 === 0).map((f) => f.fingerprint);
    const resolve = open.filter((_, index) => index % 7 === 1).map((f) => f.fingerprint);
    expect(new Set(open.filter((_, index) => index % 3 === 0).map((f) => f.severity)).size).toBeGreaterThan(2);
    const until = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
    await call('findings:acceptMany', { fingerprints: accept, reason: 'Tested by the overview test', until });
    await call('findings:resolveMany', { fingerprints: resolve, note: 'fixed by hand' });
    const overview = await expectAgreement(null, true);
    // A resolution by hand withdraws an acceptance of the same finding.
    expect(overview.kpis.find((k) => k.id === 'acceptedRisks')?.value).toBe(accept.filter((fp) => !resolve.includes(fp)).length);
    for (const account of overview.scope.accounts) if (account.accountId !== null) await expectAgreement(account.accountId, true);
  }, 180_000);
});
