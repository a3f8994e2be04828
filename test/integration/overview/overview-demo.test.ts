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
  ];
}

async function expectAgreement(accountId: string | null): Promise<Overview> {
  const overview = await call('overview:get', { accountId });
  const { agents } = await call('agents:list', { scanId: null, accountId });
  const { findings, resolvedSinceLastScan } = await call('findings:list', { scanId: null, accountId, severity: null, ruleId: null, status: null });
  for (const figure of figures(overview)) {
    expect({ what: figure.what, value: countFilter(figure.filter, { agents, findings, resolvedSinceLastScan }) }).toEqual({ what: figure.what, value: figure.value });
  }
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
    expect(overview.kpis.find((k) => k.id === 'aiAgents')?.value).toBeGreaterThan(0);
    expect(overview.series.trend.length).toBeGreaterThan(0);
    expect(overview.verdict.text).toMatch(/^(Yes|Not yet): /);
    for (const account of overview.scope.accounts) {
      if (account.accountId === null) continue;
      const one = await expectAgreement(account.accountId);
      expect(one.kpis.every((k) => k.filter.query.includes(`account=${account.accountId}`))).toBe(true);
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
    const overview = await expectAgreement(null);
    // A resolution by hand withdraws an acceptance of the same finding.
    expect(overview.kpis.find((k) => k.id === 'acceptedRisks')?.value).toBe(accept.filter((fp) => !resolve.includes(fp)).length);
    for (const account of overview.scope.accounts) if (account.accountId !== null) await expectAgreement(account.accountId);
  }, 180_000);
});
