/**
 * Two writers on one workspace file at once, each a real `warden` process: two imports, and
 * `warden serve` taking registry edits over HTTP while a CLI import writes. SQLite serialises them
 * (BEGIN IMMEDIATE, a busy timeout); no write may be lost and the audit chain must still verify.
 * One writer is made to hold its write transaction open (pause point `scan-write` with a short
 * WARDEN_TEST_PAUSE_MS) so the other really meets the lock instead of racing past it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';
import { createCliBackend } from '../../../electron/cli/backend';
import { checkWorkspaceFile, runWardenProcess, snapshotWorkspace, startWarden, type WardenProcess } from './warden-process';

function writeExport(dir: string, name: string, principals: number): string[] {
  const account = new SyntheticAccount({ principals, seed: principals });
  const details = join(dir, `${name}-authorization-details.json`);
  writeFileSync(details, [...exportPieces(account)].join(''));
  return ['import', '--authorization-details', details, '--json'];
}

/** Creates the empty workspace file (a read-only `warden` command no longer creates one). */
function createEmptyWorkspace(env: NodeJS.ProcessEnv): void {
  const backend = createCliBackend({ workspacePath: String(env['WARDEN_WORKSPACE']), env, transport: 'http', moduleDir: join(process.cwd(), 'electron/cli') });
  backend.workspaces.info();
  backend.close();
}

function scanIdsOf(out: string): string[] {
  return (JSON.parse(out) as { scans: { id: string }[] }).scans.map((s) => s.id);
}

async function verifyAudit(env: NodeJS.ProcessEnv): Promise<{ ok: boolean; entries: number }> {
  const verified = await runWardenProcess(['audit', 'verify', '--json'], env);
  expect(verified.code, verified.err).toBe(0);
  return JSON.parse(verified.out) as { ok: boolean; entries: number };
}

describe('two writers at once (child processes on one workspace)', () => {
  let dir: string;
  let importA: string[];
  let importB: string[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-writers-'));
    importA = writeExport(dir, 'a', 400);
    importB = writeExport(dir, 'b', 300);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('two imports started together both land', async () => {
    const env = { WARDEN_WORKSPACE: join(dir, 'together.sqlite') };
    // The file exists (empty); both imports start at the same moment on it.
    createEmptyWorkspace(env);
    const [a, b] = await Promise.all([startWarden(importA, { env }).done(), startWarden(importB, { env }).done()]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const ids = [...scanIdsOf(a.out), ...scanIdsOf(b.out)];
    const stored = snapshotWorkspace(env.WARDEN_WORKSPACE).scans.map((s) => (s as { id: string }).id);
    expect(stored.sort()).toEqual(ids.sort());
    expect(checkWorkspaceFile(env.WARDEN_WORKSPACE)).toEqual({ integrity: 'ok', foreignKeyProblems: 0, scansWithoutFacts: [] });
  }, 90_000);

  it('an import that meets another’s open write transaction waits for it, and both land', async () => {
    const env = { WARDEN_WORKSPACE: join(dir, 'locked.sqlite') };
    createEmptyWorkspace(env);
    // A holds its transaction open for 1.5 s (within the 5 s busy timeout) while B parses and writes.
    const a = startWarden(importA, { env: { ...env, WARDEN_TEST_PAUSE_MS: '1500' }, pauseAt: 'scan-write' });
    await a.paused();
    const b = startWarden(importB, { env });
    const [doneA, doneB] = await Promise.all([a.done(), b.done()]);
    expect(doneA.code, doneA.err).toBe(0);
    expect(doneB.code, doneB.err).toBe(0);
    const snapshot = snapshotWorkspace(env.WARDEN_WORKSPACE);
    expect(snapshot.scans.map((s) => (s as { id: string }).id).sort()).toEqual([...scanIdsOf(doneA.out), ...scanIdsOf(doneB.out)].sort());
    expect(snapshot.factsPerScan).toHaveLength(2);
    expect(checkWorkspaceFile(env.WARDEN_WORKSPACE).integrity).toBe('ok');
  }, 90_000);

  describe('warden serve and a CLI import', () => {
    let server: WardenProcess;
    let origin: string;
    let token: string;
    let env: { WARDEN_WORKSPACE: string };

    async function api<T>(channel: string, input: unknown): Promise<T> {
      const response = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const reply = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!reply.ok) throw new Error(`${channel}: ${reply.error?.message ?? response.status}`);
      return reply.value as T;
    }

    beforeAll(async () => {
      env = { WARDEN_WORKSPACE: join(dir, 'served.sqlite') };
      const seeded = await runWardenProcess(importA, env);
      expect(seeded.code, seeded.err).toBe(0);
      server = startWarden(['serve', '--port', '0'], { env });
      const url = await new Promise<URL>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /^URL: (\S+)$/m.exec(server.stdout());
          if (match?.[1] !== undefined) {
            clearInterval(timer);
            resolve(new URL(match[1]));
          }
        }, 50);
        void server.done().then((r) => {
          clearInterval(timer);
          reject(new Error(`serve exited: ${r.err}`));
        });
      });
      origin = url.origin;
      token = url.hash.slice('#token='.length);
    }, 90_000);

    afterAll(async () => {
      await server?.kill();
    });

    it('registry edits made through the server while the CLI import writes are all kept', async () => {
      const { agents } = await api<{ agents: { arn: string }[] }>('agents:list', {});
      const arns = agents.slice(0, 12).map((a) => a.arn);
      expect(arns).toHaveLength(12);
      const auditBefore = await api<{ entries: number }>('audit:verify', {});

      // The CLI import holds its write transaction open while the server is asked to write.
      const cli = startWarden(importB, { env: { ...env, WARDEN_TEST_PAUSE_MS: '1500' }, pauseAt: 'scan-write' });
      await cli.paused();
      const edits: Promise<unknown>[] = [];
      for (const [i, arn] of arns.entries()) {
        edits.push(api('registry:update', { arns: [arn], patch: { owner: `owner-${i}`, purpose: `edited during the import ${i}` } }));
      }
      await Promise.all(edits);
      const done = await cli.done();
      expect(done.code, done.err).toBe(0);

      // And again with the import racing freely.
      const racing = startWarden(importB, { env });
      const late = await api<{ owner: string | null }[]>('registry:update', { arns: [arns[0]], patch: { status: 'registered' } });
      expect(late).toHaveLength(1);
      const racingDone = await racing.done();
      expect(racingDone.code, racingDone.err).toBe(0);

      const scans = await api<{ id: string }[]>('scans:list', {});
      expect(scans).toHaveLength(3);
      const registry = snapshotWorkspace(env.WARDEN_WORKSPACE).registry as { arn: string; owner: string | null; purpose: string | null; status: string }[];
      for (const [i, arn] of arns.entries()) {
        expect(registry.find((r) => r.arn === arn)).toMatchObject({ owner: `owner-${i}`, purpose: `edited during the import ${i}` });
      }
      expect(registry.find((r) => r.arn === arns[0])?.status).toBe('registered');
      const audit = await verifyAudit(env);
      expect(audit.ok).toBe(true);
      expect(audit.entries).toBeGreaterThan(auditBefore.entries + 12);
      expect(checkWorkspaceFile(env.WARDEN_WORKSPACE)).toEqual({ integrity: 'ok', foreignKeyProblems: 0, scansWithoutFacts: [] });
    }, 90_000);
  });
});
