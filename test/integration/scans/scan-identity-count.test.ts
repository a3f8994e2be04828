/**
 * A scan's identity count (the Scans list and the scan page) and the Inventory's count for the same
 * scan agree: each user once however many files name it (a Bedrock API key is its user's credential,
 * not an identity), each role once. And the Scans list's "newest first" names the same scan per
 * account as the screens' current state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliBackend, resolveWorkspacePath, type CliBackend } from '../../../electron/cli/backend';
import type { ChannelOutput } from '@shared/contract';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const CLOUDMAPPER_DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const CLOUDMAPPER_REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

async function call<C extends 'scans:list' | 'agents:list'>(backend: CliBackend, channel: C, input: unknown): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as ChannelOutput<C>;
}

async function expectCountsAgree(backend: CliBackend): Promise<number> {
  const scans = await call(backend, 'scans:list', {});
  let checked = 0;
  for (const scan of scans.filter((s) => s.status === 'completed')) {
    const { agents } = await call(backend, 'agents:list', { scanId: scan.id, accountId: null });
    expect(scan.identityCount, `scan ${scan.id} of ${scan.accountId ?? '?'}`).toBe(agents.length);
    checked += 1;
  }
  return checked;
}

describe('scan identity counts and the inventory', () => {
  let dir: string;
  let backend: CliBackend;
  let demoFolder: string | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-identity-count-'));
    const env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), HOME: dir };
    backend = createCliBackend({ workspacePath: resolveWorkspacePath(undefined, env), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  });

  afterAll(() => {
    backend?.close();
    rmSync(dir, { recursive: true, force: true });
    if (demoFolder !== undefined) rmSync(demoFolder, { recursive: true, force: true });
  });

  it('agree on an import whose credential report names users the authorization details do not', async () => {
    const envelope = await backend.dispatch('import:files', {
      authorizationDetails: { kind: 'path', path: CLOUDMAPPER_DETAILS },
      credentialReport: { kind: 'path', path: CLOUDMAPPER_REPORT },
    });
    if (!envelope.ok) throw new Error(envelope.error.message);
    const job = await backend.jobs.wait((envelope.value as { jobId: string }).jobId);
    expect(job.status).toBe('completed');
    expect(await expectCountsAgree(backend)).toBe(1);
  });

  it('agree on every scan of the demo company (users with Bedrock API keys counted once), and the Scans list orders them as the screens do', async () => {
    const opened = await backend.dispatch('demo:open', {});
    if (!opened.ok) throw new Error(opened.error.message);
    demoFolder = dirname((opened.value as { path: string }).path);
    expect(await expectCountsAgree(backend)).toBeGreaterThanOrEqual(3);

    const scans = await call(backend, 'scans:list', {});
    const { view } = await call(backend, 'agents:list', { scanId: null, accountId: null });
    expect(view.accounts.length).toBe(3);
    for (const account of view.accounts) {
      // The first completed scan of the account in the Scans list's order is the account's current one.
      const newestListed = scans.find((s) => s.status === 'completed' && s.accountId === account.accountId);
      expect(newestListed?.id).toBe(account.currentScanId);
    }
  }, 120_000);
});
