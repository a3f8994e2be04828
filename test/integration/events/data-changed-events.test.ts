/**
 * Every committed change is announced with its data-changed event (the renderer's cache invalidates
 * on them): registry, triage, team policies, settings, connections, and each analysis the runner
 * stores. A read that finds its analysis current announces nothing, and a refused change nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

let dir: string;
let demoFolder: string | undefined;
let backend: Backend;
const seen: { event: EventName; payload: unknown }[] = [];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/** The data-changed events a call emitted (job and workspace events aside). */
let openEvents: EventName[] = [];

async function eventsOf(run: () => Promise<unknown>): Promise<{ event: EventName; payload: unknown }[]> {
  seen.length = 0;
  await run();
  return seen.filter(({ event }) => !event.startsWith('job:') && event !== 'workspace:changed');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-events-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    dialogs: null,
    emit: (event, payload) => seen.push({ event, payload }),
    acceptUploads: false,
    collectors: [],
    demoDir: resolve(process.cwd(), 'resources/demo'),
  });
  const info = await call('demo:open', {});
  openEvents = seen.map(({ event }) => event);
  demoFolder = dirname(info.path);
}, 120_000);

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
  if (demoFolder !== undefined) rmSync(demoFolder, { recursive: true, force: true });
});

describe('data-changed events', () => {
  let arn: string;

  it('a scan analysed and stored says so (the demo built now analyses its scans for its plan); a read of a stored one says nothing', async () => {
    expect(openEvents).toContain('analysis:stored');
    expect(await eventsOf(() => call('agents:list', { scanId: null }))).toEqual([]);
    const { agents } = await call('agents:list', { scanId: null });
    const unregistered = agents.find((agent) => agent.ai && agent.status === 'unregistered');
    if (unregistered === undefined) throw new Error('the demo has no shadow AI');
    arn = unregistered.arn;
  });

  it('registry:update → registry:changed with the ARNs; the next read re-analyses and announces it', async () => {
    expect(await eventsOf(() => call('registry:update', { arns: [arn], patch: { status: 'registered', owner: 'ml-team' } }))).toEqual([
      { event: 'registry:changed', payload: { arns: [arn] } },
    ]);
    expect((await eventsOf(() => call('findings:list', { scanId: null }))).map(({ event }) => event)).toContain('analysis:stored');
  });

  it('triage → findings:changed with the fingerprint', async () => {
    const { findings } = await call('findings:list', { scanId: null });
    const open = findings.find((finding) => finding.status === 'open' || finding.status === 'new');
    if (open === undefined) throw new Error('no open finding');
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(await eventsOf(() => call('findings:accept', { fingerprint: open.fingerprint, reason: 'Tracked in OPS-1 for now.', until }))).toEqual([
      { event: 'findings:changed', payload: { fingerprints: [open.fingerprint] } },
    ]);
    expect(await eventsOf(() => call('findings:reopen', { fingerprint: open.fingerprint, reason: '' }))).toEqual([
      { event: 'findings:changed', payload: { fingerprints: [open.fingerprint] } },
    ]);
  });

  it('policies:save and delete → policies:changed; a refused save → nothing', async () => {
    const input = { id: null, name: 'Owners', description: '', severity: 'medium', condition: 'agent.owner != null', appliesTo: null, remediation: '', enabled: true } as const;
    let id = '';
    const saved = await eventsOf(async () => {
      id = (await call('policies:save', input)).id;
    });
    expect(saved).toEqual([{ event: 'policies:changed', payload: { id } }]);
    expect(await eventsOf(() => backend.dispatch('policies:save', { ...input, condition: 'agent.nope' }))).toEqual([]);
    expect(await eventsOf(() => call('policies:delete', { id }))).toEqual([{ event: 'policies:changed', payload: { id } }]);
  });

  it('settings:update → settings:changed', async () => {
    expect(await eventsOf(() => call('settings:update', { knownAccounts: [{ accountId: '999988887777', label: 'Vendor' }] }))).toEqual([
      { event: 'settings:changed', payload: {} },
    ]);
  });

  it('connections create, update, remove → connections:changed with the id', async () => {
    let id = '';
    const created = await eventsOf(async () => {
      id = (await call('connections:create', { name: 'Prod', profile: 'default', roleArn: null, externalId: null, regions: [] })).id;
    });
    expect(created).toEqual([{ event: 'connections:changed', payload: { id } }]);
    expect(await eventsOf(() => call('connections:update', { id, name: 'Production' }))).toEqual([{ event: 'connections:changed', payload: { id } }]);
    expect(await eventsOf(() => call('connections:remove', { id }))).toEqual([{ event: 'connections:changed', payload: { id } }]);
  });
});
