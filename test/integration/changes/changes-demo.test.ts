/**
 * `changes:get` on the demo company (issue 14): each account's two scans compared. The golden file
 * holds the production account's diff (scan IDs and dates replaced), and the diff agrees with the
 * story the demo's generator tells (resources/demo/expectations.json `fires` and `changes`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type ScanDiff } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

let dir: string;
let backend: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function refusal<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<{ code: string; message: string }> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} answered instead of refusing`);
  return envelope.error;
}

interface Expectations {
  fires: { rule: string; accountId: string; subject: string; resource: string | null; change: 'new' | 'resolved' | null }[];
  changes: { accountId: string; kind: string; subject: string; name: string }[];
}
const expectations = JSON.parse(readFileSync(resolve(process.cwd(), 'resources/demo/expectations.json'), 'utf8')) as Expectations;
const PRODUCTION = '111100001111';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-changes-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    demoWorkspacePath: join(dir, 'app-data', 'demo.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => new Date(),
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

/** The diff without what changes from one build of the demo to the next (scan IDs, dates). */
function normalised(diff: ScanDiff): string {
  const fixed = { ...diff, from: diff.from === null ? null : { scanId: '<from>', at: '<from-at>' }, to: { scanId: '<to>', at: '<to-at>' } };
  // The demo is dated relative to the day it is built: its moments (in signals' details) are too.
  return `${JSON.stringify(fixed, null, 2).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<moment>')}\n`;
}

describe('changes:get on the demo', () => {
  it('compares the production account’s two scans (golden)', async () => {
    const diff = await call('changes:get', { from: null, to: null, accountId: PRODUCTION });
    const scans = (await call('scans:list', {})).filter((s) => s.accountId === PRODUCTION && s.status === 'completed');
    expect(scans).toHaveLength(2);
    expect(diff.to.scanId).toBe(scans[0]?.id);
    expect(diff.from?.scanId).toBe(scans[1]?.id);
    await expect(normalised(diff)).toMatchFileSnapshot('./golden/demo-production-diff.json');
  }, 180_000);

  it('agrees with the demo’s story for every account', async () => {
    const accounts = [...new Set(expectations.changes.map((c) => c.accountId))];
    expect(accounts.length).toBeGreaterThan(1);
    for (const accountId of accounts) {
      const diff = await call('changes:get', { from: null, to: null, accountId });
      // The story names a finding by its rule and subject (the identity, or the resource it is about).
      const all = (list: 'new' | 'resolved'): string[] =>
        expectations.fires
          .filter((f) => f.accountId === accountId && f.change === list)
          .map((f) => `${f.rule} ${f.subject}`)
          .sort();
      const story = new Set([...all('new'), ...all('resolved')]);
      const key = (f: ScanDiff['findings']['new'][number]): string =>
        [`${f.ruleId} ${f.resourceArn}`, `${f.ruleId} ${f.principalArn ?? ''}`].find((k) => story.has(k)) ?? `${f.ruleId} ${f.resourceArn}`;
      const got = (rows: ScanDiff['findings']['new']): string[] => rows.map(key).sort();
      // Listed: every resolved one; of the new ones, those critical or high (all of them counted). The
      // story names what its author changed; the analysis may add what follows from it (a role deleted
      // ends an escalation path through it), so the story is contained in the diff.
      expect(got(diff.findings.resolved), accountId).toEqual(expect.arrayContaining(all('resolved')));
      expect(diff.counts.findingsNew + diff.counts.findingsRegressed, accountId).toBeGreaterThanOrEqual(all('new').length);
      const storyListed = expectations.fires.filter((f) => f.accountId === accountId && f.change === 'new').map((f) => `${f.rule} ${f.subject}`);
      expect(got([...diff.findings.new, ...diff.findings.regressed]), accountId).toEqual(expect.arrayContaining(storyListed.filter((k) => got(diff.findings.new).includes(k))));
      expect(diff.findings.new.length).toBe(diff.findings.counts.new.critical + diff.findings.counts.new.high);
      // Identities that appeared and went, as the story has them (IAM users and roles).
      const iam = (kind: string): string[] =>
        expectations.changes
          .filter((c) => c.accountId === accountId && c.kind === kind && /^arn:aws:iam::\d{12}:(user|role)\//.test(c.subject))
          .map((c) => c.subject)
          .sort();
      expect(diff.identities.added.map((i) => i.arn).filter((arn) => iam('appeared').includes(arn)).sort()).toEqual(iam('appeared'));
      expect(diff.identities.removed.map((i) => i.arn).sort()).toEqual(expect.arrayContaining(iam('removed')));
      const shadow = expectations.fires.filter((f) => f.accountId === accountId && f.change === 'new' && f.rule === 'shadow_ai_unregistered').map((f) => f.subject);
      expect(diff.shadowAi.added.map((s) => s.arn).sort()).toEqual(shadow.sort());
      for (const added of diff.shadowAi.added) expect(added.signals.length).toBeGreaterThan(0);
    }
  }, 180_000);

  it('takes explicit scans, and refuses what cannot be compared', async () => {
    const scans = (await call('scans:list', {})).filter((s) => s.status === 'completed');
    const production = scans.filter((s) => s.accountId === PRODUCTION);
    const other = scans.find((s) => s.accountId !== PRODUCTION);
    const [newest, previous] = production;
    if (newest === undefined || previous === undefined || other === undefined) throw new Error('the demo has fewer scans than expected');
    const explicit = await call('changes:get', { from: previous.id, to: newest.id, accountId: null });
    expect(explicit).toEqual(await call('changes:get', { from: null, to: newest.id, accountId: null }));
    // The account's first scan: nothing before it, everything in it is added.
    const first = await call('changes:get', { from: null, to: previous.id, accountId: null });
    expect(first.from).toBeNull();
    expect(first.counts.identitiesAdded).toBe(previous.identityCount > 0 ? first.identities.added.length : 0);
    expect(first.counts.identitiesRemoved + first.counts.findingsResolved).toBe(0);

    expect((await refusal('changes:get', { from: null, to: null, accountId: null })).message).toMatch(/holds 3 accounts/);
    expect((await refusal('changes:get', { from: newest.id, to: previous.id, accountId: null })).message).toMatch(/not earlier/);
    expect((await refusal('changes:get', { from: other.id, to: newest.id, accountId: null })).message).toMatch(/different accounts/);
    expect((await refusal('changes:get', { from: null, to: newest.id, accountId: other.accountId })).code).toBe('invalid_input');
    expect((await refusal('changes:get', { from: null, to: 'no-such-scan', accountId: null })).code).toBe('not_found');
  }, 180_000);
});
