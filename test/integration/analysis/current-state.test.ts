/**
 * The workspace's current state (issue 10 §1): every listing reads the newest completed scan of each
 * account, rows carry the scan they came from, one account or one scan (a past view) narrows it, and
 * the Scans list's "newest first" names the same scans. Two accounts are made from one real export
 * by giving the copy another account ID, so the same identity names exist in both.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';
import { currentScanIds } from '@core/db/repositories/scans';
import { sql } from '@core/db/sql';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');
const ACCOUNT_A = '123456789012';
const ACCOUNT_B = '210987654321';

let dir: string;
let backend: Backend;
let tick = 0;
const clock = (): Date => new Date(Date.parse('2026-03-01T00:00:00.000Z') + (tick += 1000));

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function callError<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<string> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} answered`);
  return envelope.error.code;
}

async function importFiles(details: string, report: string): Promise<string> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: { kind: 'path', path: report } });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

/** The same export as another account's: every ARN and account ID rewritten. */
function asAccountB(path: string, name: string): string {
  const out = join(dir, name);
  writeFileSync(out, readFileSync(path, 'utf8').replaceAll(ACCOUNT_A, ACCOUNT_B));
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-current-state-'));
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

describe('the current state of every account', () => {
  let a1: string;
  let b1: string;
  let a2: string;

  it('shows every account at once, each row with its scan, counts adding up', async () => {
    a1 = await importFiles(DETAILS, REPORT);
    const onlyA = await call('agents:list', {});
    expect(onlyA.view).toMatchObject({ kind: 'current', accountId: null, past: false });
    expect(onlyA.view.scans.map((s) => s.id)).toEqual([a1]);

    b1 = await importFiles(asAccountB(DETAILS, 'b-details.json'), asAccountB(REPORT, 'b-report.csv'));
    const all = await call('agents:list', {});
    expect(all.view.scans.map((s) => s.id)).toEqual([a1, b1]);
    expect(all.view.accounts.map((a) => [a.accountId, a.currentScanId])).toEqual([
      [ACCOUNT_A, a1],
      [ACCOUNT_B, b1],
    ]);
    // Importing the second account did not replace the first: both are listed, the same names twice.
    expect(all.agents.length).toBe(onlyA.agents.length * 2);
    for (const row of all.agents) expect(row.scanId).toBe(row.accountId === ACCOUNT_A ? a1 : b1);
    const sameName = all.agents.filter((row) => row.name === 'bad_role');
    expect(sameName.map((row) => row.arn).sort()).toEqual([`arn:aws:iam::${ACCOUNT_A}:role/bad_role`, `arn:aws:iam::${ACCOUNT_B}:role/bad_role`]);
    // One order over all accounts: by name, then ARN.
    const names = all.agents.map((row) => `${row.name}\u0000${row.arn}`);
    expect(names).toEqual([...names].sort());

    const findingsAll = await call('findings:list', {});
    const findingsA = await call('findings:list', { accountId: ACCOUNT_A });
    const findingsB = await call('findings:list', { accountId: ACCOUNT_B });
    expect(findingsA.findings.length).toBeGreaterThan(0);
    expect(findingsAll.findings.length).toBe(findingsA.findings.length + findingsB.findings.length);
    expect(new Set(findingsB.findings.map((f) => f.scanId))).toEqual(new Set([b1]));
    expect(findingsA.view).toMatchObject({ kind: 'current', accountId: ACCOUNT_A });
  });

  it('narrows to one account, and opens an identity in its own account', async () => {
    const b = await call('agents:list', { accountId: ACCOUNT_B });
    expect(b.view.scans.map((s) => s.id)).toEqual([b1]);
    expect(new Set(b.agents.map((row) => row.accountId))).toEqual(new Set([ACCOUNT_B]));
    // The filter still lists every account, for the screen's account picker.
    expect(b.view.accounts).toHaveLength(2);

    const detail = await call('agents:get', { arn: `arn:aws:iam::${ACCOUNT_B}:role/bad_role` });
    expect(detail.scan.id).toBe(b1);
    expect(detail.isCurrent).toBe(true);
    // An account the workspace has not scanned: nothing, not an error.
    const none = await call('agents:list', { accountId: '999999999999' });
    expect(none.agents).toEqual([]);
    expect(none.view.scans).toEqual([]);
  });

  it('a newer scan of one account replaces only that account; the older one is a past view', async () => {
    a2 = await importFiles(DETAILS, REPORT);
    const all = await call('agents:list', {});
    expect(all.view.scans.map((s) => s.id)).toEqual([a2, b1]);

    const past = await call('findings:list', { scanId: a1 });
    expect(past.view).toMatchObject({ kind: 'scan', past: true, accountId: ACCOUNT_A });
    expect(past.view.scans.map((s) => s.id)).toEqual([a1]);
    expect(new Set(past.findings.map((f) => f.scanId))).toEqual(new Set([a1]));
    const newest = await call('agents:list', { scanId: b1 });
    expect(newest.view).toMatchObject({ kind: 'scan', past: false });

    const oldDetail = await call('agents:get', { arn: `arn:aws:iam::${ACCOUNT_A}:role/bad_role`, scanId: a1 });
    expect(oldDetail.isCurrent).toBe(false);
    // A scan of another account than the one asked for is refused, not silently shown.
    expect(await callError('agents:list', { scanId: a1, accountId: ACCOUNT_B })).toBe('invalid_input');
  });

  it('the Scans list newest first and the screens agree, also when two scans start in the same second', async () => {
    const list = await call('scans:list', {});
    expect(list.map((s) => s.id)).toEqual([a2, b1, a1]);
    const write = backend.workspaces.current().write;
    // Same start for both scans of account A: the higher ID is the newer, in the list and the state.
    const startedAt = list.find((s) => s.id === a2)?.startedAt ?? '';
    write.run(sql`UPDATE scans SET started_at = ${startedAt} WHERE id = ${a1}`);
    const tied = await call('scans:list', {});
    const newerOfA = [a1, a2].sort().reverse()[0] ?? '';
    const firstOfA = tied.find((s) => s.accountId === ACCOUNT_A)?.id;
    expect(firstOfA).toBe(newerOfA);
    expect(currentScanIds(backend.workspaces.current().read, ACCOUNT_A)).toEqual([newerOfA]);
    expect((await call('agents:list', { accountId: ACCOUNT_A })).view.scans.map((s) => s.id)).toEqual([newerOfA]);
  });
});
