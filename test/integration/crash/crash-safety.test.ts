/**
 * Crash safety, probed the hard way: the real `warden` in a child process is SIGKILLed while an
 * import streams its file, inside the import's write transaction, and inside the transaction that
 * stores an analysis (pause points: electron/core/lib/test-pause.ts). Afterwards the workspace must
 * open, pass PRAGMA integrity_check, hold every earlier scan, registry row and audit entry unchanged
 * (the audit chain verifying through `warden audit verify`), hold no half scan, and take a new import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPieces } from '../../../bench/write-export';
import { SyntheticAccount } from '../../../bench/synthetic-account';
import { createCliBackend } from '../../../electron/cli/backend';
import { call } from '../../support/dispatch-call';
import { checkWorkspaceFile, runWardenProcess, snapshotWorkspace, startWarden, type WorkspaceSnapshot } from './warden-process';

interface AgentRow {
  arn: string;
}

/** A synthetic account's export, a few MB so the parser is killed between two of its 1 MiB chunks. */
function writeExport(dir: string, name: string, principals: number): { details: string; report: string } {
  const account = new SyntheticAccount({ principals, seed: principals });
  const details = join(dir, `${name}-authorization-details.json`);
  writeFileSync(details, [...exportPieces(account)].join(''));
  const report = join(dir, `${name}-credential-report.csv`);
  writeFileSync(report, account.credentialReportCsv());
  return { details, report };
}

describe('kill -9 at every stage of writing (child process, SIGKILL at a marker)', () => {
  let dir: string;
  let workspace: string;
  let env: NodeJS.ProcessEnv;
  let files: { details: string; report: string };

  const importArgs = (f: { details: string; report: string }): string[] => ['import', '--authorization-details', f.details, '--credential-report', f.report];

  /** The workspace after a kill: opened by the product, whole, and exactly as before. */
  async function expectIntact(before: WorkspaceSnapshot): Promise<void> {
    const verified = await runWardenProcess(['audit', 'verify', '--json'], env);
    expect(verified.code, verified.err).toBe(0);
    const verification = JSON.parse(verified.out) as { ok: boolean; entries: number };
    expect(verification.ok).toBe(true);
    expect(verification.entries).toBe(before.audit.length);
    const check = checkWorkspaceFile(workspace);
    expect(check.integrity).toBe('ok');
    expect(check.foreignKeyProblems).toBe(0);
    expect(check.scansWithoutFacts).toEqual([]);
    expect(snapshotWorkspace(workspace)).toEqual(before);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-crash-'));
    workspace = join(dir, 'workspace.sqlite');
    env = { WARDEN_WORKSPACE: workspace };
    files = writeExport(dir, 'account', 600);

    // History worth losing: a scan, registry rows and acceptances in the audit chain, an analysis.
    const first = await runWardenProcess(importArgs(files), env);
    expect(first.code, first.err).toBe(0);
    const backend = createCliBackend({ workspacePath: workspace, env, transport: 'ipc', moduleDir: join(process.cwd(), 'electron/cli') });
    try {
      const { agents } = await call<{ agents: AgentRow[] }>(backend, 'agents:list', {});
      expect(agents.length).toBeGreaterThan(100);
      await call(backend, 'registry:update', { arns: agents.slice(0, 20).map((a) => a.arn), patch: { owner: 'team-crash', status: 'registered' } });
      await call(backend, 'registry:update', { arns: [agents[0]?.arn], patch: { tierOverride: { tier: 1, reason: 'holds production data for the crash test' } } });
      const { findings } = await call<{ findings: { fingerprint: string }[] }>(backend, 'findings:list', {});
      expect(findings.length).toBeGreaterThan(0);
      await call(backend, 'findings:accept', { fingerprint: findings[0]?.fingerprint, reason: 'accepted for the crash test', until: '2099-01-01' });
      await call(backend, 'agents:list', {}); // the analysis is current before the kills
    } finally {
      backend.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('during an import’s parse: nothing written, everything earlier intact', async () => {
    const before = snapshotWorkspace(workspace);
    expect(before.scans).toHaveLength(1);
    expect(before.registry.length).toBeGreaterThanOrEqual(20);
    expect(before.audit.length).toBeGreaterThanOrEqual(3);
    const child = startWarden(importArgs(files), { env, pauseAt: 'import-parse' });
    await child.paused();
    expect(await child.kill()).toBe('SIGKILL');
    await expectIntact(before);
  }, 60_000);

  it('inside the import’s write transaction: no half scan, everything earlier intact', async () => {
    const before = snapshotWorkspace(workspace);
    const child = startWarden(importArgs(files), { env, pauseAt: 'scan-write' });
    await child.paused();
    expect(await child.kill()).toBe('SIGKILL');
    await expectIntact(before);
  }, 60_000);

  it('inside the transaction storing an analysis: the scan stays unanalysed, then analyses', async () => {
    // A second scan, imported and not yet analysed (one-shot imports leave the analysis to the first read).
    const second = await runWardenProcess(importArgs(files), env);
    expect(second.code, second.err).toBe(0);
    const before = snapshotWorkspace(workspace);
    expect(before.scans).toHaveLength(2);
    expect(before.scans.filter((s) => (s as { analyzed_at: string | null }).analyzed_at === null)).toHaveLength(1);

    const child = startWarden(['agents', '--format', 'json'], { env, pauseAt: 'analysis-write' });
    await child.paused();
    expect(await child.kill()).toBe('SIGKILL');
    await expectIntact(before);

    const agents = await runWardenProcess(['agents', '--format', 'json'], env);
    expect(agents.code, agents.err).toBe(0);
    expect((JSON.parse(agents.out) as { agents: unknown[] }).agents.length).toBeGreaterThan(100);
    const after = snapshotWorkspace(workspace);
    expect(after.scans.every((s) => (s as { analyzed_at: string | null }).analyzed_at !== null)).toBe(true);
    expect(after.registry).toEqual(before.registry);
    // An acceptance outlives the scans: the newest scan's analysis carries it.
    expect(after.findingStates.filter((s) => (s as { state: string }).state === 'accepted')).toHaveLength(1);
  }, 120_000);

  it('a later import works and the chain still verifies', async () => {
    const before = snapshotWorkspace(workspace);
    const other = writeExport(dir, 'later', 200);
    const later = await runWardenProcess(importArgs(other), env);
    expect(later.code, later.err).toBe(0);
    expect(snapshotWorkspace(workspace).scans).toHaveLength(before.scans.length + 1);
    const verified = await runWardenProcess(['audit', 'verify'], env);
    expect(verified.code, verified.err).toBe(0);
    expect(checkWorkspaceFile(workspace).integrity).toBe('ok');
  }, 120_000);
});
