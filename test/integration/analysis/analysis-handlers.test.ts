/**
 * The analysis channels end to end: real exports imported through `import:files` (the job the app and
 * `warden import` use), then every channel through the dispatch, so inputs and outputs are parsed by
 * the contract's schemas exactly as the UI sees them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelName, type ChannelOutput, type ChannelInput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { ANALYSIS_VERSION } from '@core/analysis-store/analysis-inputs';
import { sql } from '@core/db/sql';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const CLOUDMAPPER_DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const BAD_ROLE = 'arn:aws:iam::123456789012:role/bad_role';
const DAY = 86_400_000;

let dir: string;
let backend: Backend;
let offset = 0;
let tick = 0;
// Each call a millisecond later, so scans have distinct start times; `offset` jumps the calendar.
const clock = (): Date => new Date(Date.parse('2026-03-01T00:00:00.000Z') + offset + (tick += 1));

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  // The dispatch has already parsed it; parsing again documents that the reply is the contract's shape.
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function importFiles(details: string, report: string | null): Promise<string> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: report === null ? null : { kind: 'path', path: report } });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

/** The CloudMapper export without bad_role: its findings are resolved by the scan that lacks it. */
function withoutBadRole(): string {
  const document = JSON.parse(readFileSync(CLOUDMAPPER_DETAILS, 'utf8')) as { RoleDetailList: { RoleName: string }[] };
  document.RoleDetailList = document.RoleDetailList.filter((role) => role.RoleName !== 'bad_role');
  const path = join(dir, 'without-bad-role.json');
  writeFileSync(path, JSON.stringify(document));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-analysis-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
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

describe('analysis channels', () => {
  let first: string;

  it('answers an empty workspace with no scan and nothing listed', async () => {
    expect(await call('agents:list', {})).toEqual({ view: { kind: 'current', scans: [], accountId: null, past: false, accounts: [] }, agents: [] });
    expect(await call('findings:list', {})).toEqual({ view: { kind: 'current', scans: [], accountId: null, past: false, accounts: [] }, findings: [], resolvedSinceLastScan: [] });
    expect(await call('audit:verify', {})).toMatchObject({ ok: true, entries: 0 });
  });

  it('lists the agents of the imported scan with tiers and finding counts, analysing it on first read', async () => {
    first = await importFiles(CLOUDMAPPER_DETAILS, CLOUDMAPPER_REPORT);
    const { view, agents } = await call('agents:list', { scanId: null });
    expect(view.kind).toBe('current');
    expect(view.scans.map((s) => s.id)).toEqual([first]);
    expect(agents.every((a) => a.scanId === first)).toBe(true);
    expect(agents.length).toBeGreaterThan(4);
    const bad = agents.find((a) => a.arn === BAD_ROLE);
    expect(bad).toMatchObject({ kind: 'iam-role', tier: 1, tierOverridden: false });
    expect(bad?.findingCounts.critical).toBeGreaterThan(0);
    const stored = backend.workspaces.current().read.get(sql`SELECT analysis_version, analyzed_at, agent_count FROM scans WHERE id = ${first}`);
    expect(stored?.['analysis_version']).toBe(ANALYSIS_VERSION);
    expect(stored?.['agent_count']).toBe(agents.length);
  });

  it('lists findings, all new in the first scan, with the contract’s fields', async () => {
    const { view, findings, resolvedSinceLastScan } = await call('findings:list', { scanId: first });
    expect(view).toMatchObject({ kind: 'scan', past: false });
    expect(view.scans.map((s) => s.id)).toEqual([first]);
    expect(findings.every((f) => f.scanId === first)).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'new' && f.isNew)).toBe(true);
    expect(resolvedSinceLastScan).toEqual([]);
    const admin = findings.find((f) => f.ruleId === 'policy_full_admin' && f.resourceArn === BAD_ROLE);
    expect(admin?.severity).toBe('critical');
    const critical = await call('findings:list', { scanId: first, severity: 'critical' });
    expect(critical.findings.every((f) => f.severity === 'critical')).toBe(true);
    const byRule = await call('findings:list', { scanId: first, ruleId: 'policy_full_admin' });
    expect(byRule.findings.every((f) => f.ruleId === 'policy_full_admin')).toBe(true);
  });

  it('shows one identity: trust policy, tier with reasons, permissions, findings, registry and history', async () => {
    const detail = await call('agents:get', { scanId: null, arn: BAD_ROLE });
    expect(detail.scan.id).toBe(first);
    expect(detail.agent['arn']).toBe(BAD_ROLE);
    expect(detail.trustPolicy).toHaveProperty('Statement');
    expect(detail.tier.tier).toBe(1);
    expect(detail.tier.reasons.length).toBeGreaterThan(0);
    expect(detail.permissions.length).toBeGreaterThan(0);
    // Stored compactly, read back as rows: a full admin holds every IAM write, on `*`.
    const iam = detail.permissions.find((p) => p.service === 'iam');
    expect(iam?.anyResource).toBe(true);
    expect(iam?.levels.Write?.total).toBeGreaterThan(10);
    expect(iam?.levels.Write?.allowed).toBe(iam?.levels.Write?.total);
    expect(detail.agent['permissions']).toEqual(detail.permissions);
    expect(detail.findings.some((f) => f.ruleId === 'policy_full_admin')).toBe(true);
    expect(detail.findings.every((f) => f.principalArn === BAD_ROLE || f.resourceArn === BAD_ROLE)).toBe(true);
    expect(detail.registry).toMatchObject({ arn: BAD_ROLE, status: 'unregistered', updatedAt: null });
    expect(detail.history).toEqual([{ scanId: first, startedAt: detail.scan.startedAt, tier: 1, findingCount: detail.findings.length, present: true }]);
    const missing = await backend.dispatch('agents:get', { arn: 'arn:aws:iam::123456789012:role/nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('edits the registry in bulk, audits every change, and re-analyses with the override', async () => {
    const { agents } = await call('agents:list', {});
    const arns = agents.filter((a) => a.kind === 'iam-role').map((a) => a.arn);
    const records = await call('registry:update', { arns, patch: { owner: 'platform-team', status: 'registered', lastReviewAt: '2026-02-01' } });
    expect(records.map((r) => r.arn)).toEqual(arns);
    expect(records.every((r) => r.owner === 'platform-team' && r.ownerSource === 'manual' && r.status === 'registered')).toBe(true);
    expect(records.find((r) => r.arn === BAD_ROLE)?.nextReviewAt).toBe('2026-03-03'); // Tier 1: 30 days
    const refused = await backend.dispatch('registry:update', { arns: [BAD_ROLE], patch: { tierOverride: { tier: 3, reason: 'short' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await call('registry:update', { arns: [BAD_ROLE], patch: { tierOverride: { tier: 2, reason: 'break-glass role, kept under watch' } } });
    const after = (await call('agents:list', {})).agents.find((a) => a.arn === BAD_ROLE);
    expect(after).toMatchObject({ tier: 2, tierOverridden: true, owner: 'platform-team', status: 'registered' });
    const audit = await call('audit:list', { limit: 1000 });
    expect(audit.filter((e) => e.action === 'registry.update')).toHaveLength(arns.length + 1);
    expect(audit[0]).toMatchObject({ action: 'registry.tier_override', actor: 'tester', target: BAD_ROLE, details: { tier: 2 } });
  });

  it('accepts a risk with a reason until a date, reopens it when the date passes, and audits it', async () => {
    const { findings } = await call('findings:list', {});
    const target = findings.find((f) => f.resourceArn === BAD_ROLE && f.ruleId === 'policy_full_admin');
    if (target === undefined) throw new Error('no finding to accept');
    const accepted = await call('findings:accept', { fingerprint: target.fingerprint, reason: 'Break-glass role, alarmed', until: '2026-03-31' });
    expect(accepted).toMatchObject({ fingerprint: target.fingerprint, status: 'accepted', acceptance: { reason: 'Break-glass role, alarmed', until: '2026-03-31', by: 'tester' } });
    expect((await call('findings:list', { status: 'accepted' })).findings.map((f) => f.fingerprint)).toEqual([target.fingerprint]);
    offset = 60 * DAY;
    const expired = (await call('findings:list', {})).findings.find((f) => f.fingerprint === target.fingerprint);
    expect(expired?.status).toBe('new');
    expect(expired?.acceptance?.until).toBe('2026-03-31');
    offset = 0;
    const tooShort = await backend.dispatch('findings:accept', { fingerprint: target.fingerprint, reason: 'nah', until: '2026-04-01' });
    expect(tooShort).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call('findings:reopen', { fingerprint: target.fingerprint, reason: 'withdrawn' })).status).toBe('new');
    const actions = (await call('audit:list', { limit: 2 })).map((e) => e.action);
    expect(actions).toEqual(['finding.reopen', 'finding.accept']);
  });

  it('carries the lifecycle across imports: open, then resolved (listed), then regressed', async () => {
    const second = await importFiles(CLOUDMAPPER_DETAILS, CLOUDMAPPER_REPORT);
    const open = await call('findings:list', { scanId: second });
    expect(open.findings.length).toBeGreaterThan(0);
    expect(open.findings.every((f) => f.status === 'open' && !f.isNew)).toBe(true);

    const third = await importFiles(withoutBadRole(), CLOUDMAPPER_REPORT);
    const resolved = await call('findings:list', { scanId: third });
    expect(resolved.findings.some((f) => f.resourceArn === BAD_ROLE)).toBe(false);
    expect(resolved.resolvedSinceLastScan.some((f) => f.resourceArn === BAD_ROLE && f.status === 'resolved')).toBe(true);

    const fourth = await importFiles(CLOUDMAPPER_DETAILS, CLOUDMAPPER_REPORT);
    const back = await call('findings:list', { scanId: fourth });
    const regressed = back.findings.filter((f) => f.resourceArn === BAD_ROLE);
    expect(regressed.length).toBeGreaterThan(0);
    expect(regressed.every((f) => f.status === 'regressed' && f.isNew)).toBe(true);

    const history = (await call('agents:get', { arn: BAD_ROLE })).history;
    expect(history.map((h) => [h.scanId, h.present])).toEqual([[first, true], [second, true], [third, false], [fourth, true]]);
  });

  it('resolves a finding by hand; the next scan that still has it makes it regressed', async () => {
    const { findings } = await call('findings:list', {});
    const target = findings.find((f) => f.status === 'open');
    if (target === undefined) throw new Error('no open finding');
    expect(await call('findings:resolve', { fingerprint: target.fingerprint, note: 'fixed in the console' })).toEqual({ fingerprint: target.fingerprint, status: 'resolved', acceptance: null });
    expect((await call('findings:list', {})).findings.find((f) => f.fingerprint === target.fingerprint)?.status).toBe('resolved');
    const fifth = await importFiles(CLOUDMAPPER_DETAILS, CLOUDMAPPER_REPORT);
    expect((await call('findings:list', { scanId: fifth })).findings.find((f) => f.fingerprint === target.fingerprint)?.status).toBe('regressed');
  });

  it('verifies the audit chain of everything above', async () => {
    const verification = await call('audit:verify', {});
    expect(verification.ok).toBe(true);
    expect(verification.entries).toBeGreaterThan(5);
  });
});
