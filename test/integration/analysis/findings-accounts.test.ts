/**
 * Findings across accounts (issue 10 §1 and §3): `findings:list` answers every account's current
 * state, one account or one scan (a past view); the same identity name in two accounts is two
 * findings whose lifecycles stay apart; bulk triage decides several findings with one reason, all or
 * none, one audit entry each, and names the finding that failed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type FindingRow } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { sql } from '@core/db/sql';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const ACCOUNT_A = '123456789012';
const ACCOUNT_B = '210987654321';
const BAD_ROLE = (account: string): string => `arn:aws:iam::${account}:role/bad_role`;

let dir: string;
let backend: Backend;
let tick = 0;
const clock = (): Date => new Date(Date.parse('2026-03-01T00:00:00.000Z') + (tick += 1000));
const events: { name: string; payload: unknown }[] = [];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function failure<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<{ code: string; message: string }> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} answered`);
  return envelope.error;
}

async function importFiles(details: string, report: string = REPORT): Promise<string> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: { kind: 'path', path: report } });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

function auditEntries(action: string): number {
  return Number(backend.workspaces.current().read.value(sql`SELECT count(*) FROM audit_log WHERE action = ${action}`));
}

function statusOf(findings: readonly FindingRow[], fingerprint: string): string | undefined {
  return findings.find((f) => f.fingerprint === fingerprint)?.status;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-findings-accounts-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: (name, payload) => void events.push({ name, payload }),
    acceptUploads: false,
    collectors: [],
  });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('findings of every account', () => {
  let a1: string;
  let b1: string;
  let a2: string;
  let badA: FindingRow[];
  let badB: FindingRow[];

  it('lists both accounts; the same role name in each is two findings', async () => {
    a1 = await importFiles(DETAILS);
    const copy = join(dir, 'account-b.json');
    writeFileSync(copy, readFileSync(DETAILS, 'utf8').replaceAll(ACCOUNT_A, ACCOUNT_B));
    const report = join(dir, 'account-b.csv');
    writeFileSync(report, readFileSync(REPORT, 'utf8').replaceAll(ACCOUNT_A, ACCOUNT_B));
    b1 = await importFiles(copy, report);
    a2 = await importFiles(DETAILS);

    const all = await call('findings:list', { scanId: null, accountId: null });
    expect(all.view).toMatchObject({ kind: 'current', accountId: null, past: false });
    expect(all.view.scans.map((s) => s.id).sort()).toEqual([a2, b1].sort());
    expect(new Set(all.findings.map((f) => f.accountId))).toEqual(new Set([ACCOUNT_A, ACCOUNT_B]));
    for (const f of all.findings) expect(f.scanId).toBe(f.accountId === ACCOUNT_A ? a2 : b1);
    badA = all.findings.filter((f) => f.resourceArn === BAD_ROLE(ACCOUNT_A));
    badB = all.findings.filter((f) => f.resourceArn === BAD_ROLE(ACCOUNT_B));
    expect(badA.length).toBeGreaterThan(1);
    expect(badB.map((f) => f.ruleId).sort()).toEqual(badA.map((f) => f.ruleId).sort());
    const fingerprintsA = new Set(badA.map((f) => f.fingerprint));
    expect(badB.some((f) => fingerprintsA.has(f.fingerprint))).toBe(false);

    const onlyB = await call('findings:list', { scanId: null, accountId: ACCOUNT_B });
    expect(onlyB.view.scans.map((s) => s.id)).toEqual([b1]);
    expect(onlyB.findings.length).toBeGreaterThan(0);
    expect(onlyB.findings.every((f) => f.accountId === ACCOUNT_B)).toBe(true);
    const onlyA = await call('findings:list', { scanId: null, accountId: ACCOUNT_A });
    expect(onlyA.findings.length + onlyB.findings.length).toBe(all.findings.length);

    const past = await call('findings:list', { scanId: a1, accountId: null });
    expect(past.view).toMatchObject({ kind: 'scan', past: true });
    expect(past.findings.every((f) => f.scanId === a1)).toBe(true);
    expect((await call('findings:list', { scanId: b1, accountId: null })).view.past).toBe(false);
  });

  it('accepts several findings with one reason: one audit entry each, one event, the other account untouched', async () => {
    const chosen = badA.slice(0, 2).map((f) => f.fingerprint);
    const before = auditEntries('finding.accept');
    events.length = 0;
    const reply = await call('findings:acceptMany', { fingerprints: [...chosen, chosen[0] ?? ''], reason: 'accepted for the audit window', until: '2026-06-01' });
    expect(reply.changed.map((c) => [c.fingerprint, c.status])).toEqual(chosen.map((fp) => [fp, 'accepted']));
    expect(reply.changed[0]?.acceptance).toMatchObject({ reason: 'accepted for the audit window', until: '2026-06-01', by: 'tester' });
    expect(auditEntries('finding.accept')).toBe(before + 2);
    expect(events).toEqual([{ name: 'findings:changed', payload: { fingerprints: chosen } }]);

    const all = (await call('findings:list', { scanId: null, accountId: null })).findings;
    for (const fp of chosen) expect(statusOf(all, fp)).toBe('accepted');
    for (const f of badB) expect(statusOf(all, f.fingerprint)).not.toBe('accepted');
  });

  it('changes nothing when one finding cannot be decided, and names it', async () => {
    const open = badB.map((f) => f.fingerprint);
    const before = auditEntries('finding.accept');
    const unknown = await failure('findings:acceptMany', { fingerprints: [...open, 'no-such-finding'], reason: 'accepted for the audit window', until: '2026-06-01' });
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toContain('Nothing was changed');
    expect(unknown.message).toContain('no-such-finding');
    expect(auditEntries('finding.accept')).toBe(before);
    const all = (await call('findings:list', { scanId: null, accountId: null })).findings;
    for (const fp of open) expect(statusOf(all, fp)).not.toBe('accepted');

    // One of them already resolved by hand: resolving all of them again refuses, naming that one by title and resource.
    const [first, second] = badB;
    if (first === undefined || second === undefined) throw new Error('two findings needed');
    await call('findings:resolveMany', { fingerprints: [first.fingerprint], note: 'fixed by hand' });
    const resolvedBefore = auditEntries('finding.resolve');
    const conflict = await failure('findings:resolveMany', { fingerprints: [second.fingerprint, first.fingerprint], note: 'fixed by hand' });
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain(first.title);
    expect(conflict.message).toContain(BAD_ROLE(ACCOUNT_B));
    expect(auditEntries('finding.resolve')).toBe(resolvedBefore);
    const after = (await call('findings:list', { scanId: null, accountId: null })).findings;
    expect(statusOf(after, second.fingerprint)).not.toBe('resolved');
    expect(statusOf(after, first.fingerprint)).toBe('resolved');
    // Account A's counterpart of the finding resolved in B keeps its own state.
    const counterpart = badA.find((f) => f.ruleId === first.ruleId);
    expect(statusOf(after, counterpart?.fingerprint ?? '')).not.toBe('resolved');
  });

  it('refuses a past date and an empty selection before touching anything', async () => {
    expect((await failure('findings:acceptMany', { fingerprints: [badB[1]?.fingerprint ?? ''], reason: 'accepted for the audit window', until: '2020-01-01' })).code).toBe('invalid_input');
    expect((await failure('findings:resolveMany', { fingerprints: [], note: 'fixed by hand' })).code).toBe('invalid_input');
  });
});
