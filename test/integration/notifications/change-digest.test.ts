/**
 * The change digest end to end on the back end (issue 14): importing one account's export twice, the
 * second time with a new role trusted by Bedrock (a hostile name), emits exactly one `changes:digest`
 * with the counts `changes:get` gives for that scan; the first import (nothing before it), a repeat
 * with no change, and kinds turned off in Settings emit none.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDigestSchema, DEFAULT_NOTIFICATIONS, type ChangeDigest, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const HOSTILE = 'bedrock-\u202Eagent\u001b[2J';

let dir: string;
let backend: Backend;
const digests: ChangeDigest[] = [];
const errors: unknown[] = [];
let now = Date.parse('2026-03-01T09:00:00.000Z');

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as ChannelOutput<C>;
}

/** Imports the file and waits for its digest (if any): returns the digests it emitted and its scan. */
async function importDetails(path: string): Promise<{ emitted: ChangeDigest[]; scanId: string }> {
  const before = digests.length;
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path }, credentialReport: null });
  const job = await backend.jobs.wait(jobId);
  expect(job.status).toBe('completed');
  await backend.digestsSettled();
  return { emitted: digests.slice(before), scanId: job.scanIds[0] ?? '' };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-digest-'));
  const details = JSON.parse(readFileSync(DETAILS, 'utf8')) as { RoleDetailList: Record<string, unknown>[] };
  details.RoleDetailList.push({
    Arn: `arn:aws:iam::123456789012:role/${HOSTILE}`,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    AttachedManagedPolicies: [],
    CreateDate: '2026-02-28T10:00:00+00:00',
    InstanceProfileList: [],
    Path: '/',
    RoleId: 'AROANEWBEDROCKROLE0001',
    RoleName: HOSTILE,
    RolePolicyList: [{ PolicyName: 'all', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    Tags: [],
  });
  writeFileSync(join(dir, 'changed.json'), JSON.stringify(details));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock: () => new Date((now += 60_000)),
    dialogs: null,
    emit: (event, payload) => {
      if (event === 'changes:digest') digests.push(changeDigestSchema.parse(payload));
    },
    acceptUploads: false,
    collectors: [],
    announceChangeDigests: true,
    onInternalError: (_channel, error) => errors.push(error),
  });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the change digest after imports', () => {
  it('none for an account’s first scan; exactly one for a changed import, with the diff’s counts; none for an unchanged one or disabled kinds', async () => {
    expect((await importDetails(DETAILS)).emitted).toEqual([]);

    const changed = await importDetails(join(dir, 'changed.json'));
    expect(changed.emitted).toHaveLength(1);
    const [digest] = changed.emitted;
    const diff = await call('changes:get', { from: null, to: changed.scanId, accountId: null });
    expect(diff.shadowAi.added).toHaveLength(1);
    expect(digest?.scanId).toBe(changed.scanId);
    expect(digest?.accounts).toEqual([
      {
        accountId: '123456789012',
        accountAlias: null,
        scanId: changed.scanId,
        fromScanId: diff.from?.scanId,
        counts: {
          newShadowAi: 1,
          newCriticalHigh: diff.findings.counts.new.critical + diff.findings.counts.new.high,
          regressed: diff.findings.counts.regressed.critical + diff.findings.counts.regressed.high,
        },
      },
    ]);
    expect(digest?.accounts[0]?.counts.newCriticalHigh).toBeGreaterThan(0);
    // Identities added is not a default kind: counted by the diff, absent from the digest.
    expect(diff.counts.identitiesAdded).toBe(1);
    expect(digest?.title).toMatch(/^1 new shadow AI agent and \d+ new critical or high findings? since the previous scan$/);
    expect(digest?.body).toContain('New shadow AI: bedrock-\\u{202E}agent\\u{1B}[2J.');

    // The same file again: nothing new (the shadow AI agent was already there).
    expect((await importDetails(join(dir, 'changed.json'))).emitted).toEqual([]);

    // Back to the first export: the role is gone, its findings resolved — a kind turned on here.
    await call('settings:update', { notifications: { ...DEFAULT_NOTIFICATIONS, newShadowAi: false, resolved: true, identitiesChanged: true } });
    const reverted = await importDetails(DETAILS);
    expect(reverted.emitted).toHaveLength(1);
    expect(reverted.emitted[0]?.accounts[0]?.counts).toMatchObject({ identitiesAdded: 0, identitiesRemoved: 1 });
    expect(reverted.emitted[0]?.accounts[0]?.counts.resolved).toBeGreaterThan(0);
    expect(reverted.emitted[0]?.accounts[0]?.counts).not.toHaveProperty('newShadowAi');

    // Everything off: the changed file again emits nothing.
    await call('settings:update', { notifications: { newShadowAi: false, newCriticalHigh: false, regressed: false, resolved: false, identitiesChanged: false } });
    expect((await importDetails(join(dir, 'changed.json'))).emitted).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
