/**
 * Benchmark child: importing an authorization-details export.
 *
 *   --mode=stream  streamAuthorizationDetailsFile with a callback that only counts: the streaming
 *                  parser alone (tokenizer, splitter, element mappers), whose memory must not grow
 *                  with the file.
 *   --mode=full    what `warden import` / the import job does: importOfflineFiles (stream, build the
 *                  IAM facts) then insertScan into a fresh workspace, timed in two parts.
 *
 *   node --expose-gc --import tsx bench/bench-import.ts --mode=stream --file=/tmp/…/export.json
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../electron/core/db/open-workspace';
import { insertScan } from '../electron/core/db/repositories/scans';
import { streamAuthorizationDetailsFile } from '../electron/core/discovery/import/authorization-details';
import { importOfflineFiles } from '../electron/core/discovery/import/import-files';
import { argument, emitResult, MemoryWatch, since, type MemoryFigures } from './measure';

export interface ImportResult {
  mode: 'stream' | 'full';
  fileMb: number;
  elements: number;
  totalMs: number;
  cpuMs: number;
  /** full: reading the file into facts; stream: the same as totalMs. */
  parseMs: number;
  persistMs: number;
  mbPerSecond: number;
  memory: MemoryFigures;
  loadAverage: number;
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return Math.round((usage.user + usage.system) / 1000);
}

async function main(): Promise<void> {
  const mode = argument('mode', 'stream') === 'full' ? 'full' : 'stream';
  const file = argument('file', '');
  if (file === '') throw new Error('--file=PATH is required');
  const fileBytes = statSync(file).size;
  const dir = mode === 'full' ? mkdtempSync(join(tmpdir(), 'agent-warden-bench-')) : null;
  const workspace = dir === null ? null : openWorkspace(join(dir, 'import.sqlite'), { clock: () => new Date(), create: true });
  try {
    const loadAverage = loadavg()[0] ?? 0;
    const watch = MemoryWatch.start();
    const cpu = process.cpuUsage();
    const started = performance.now();
    let elements = 0;
    let parseMs: number;
    let persistMs = 0;
    if (workspace === null) {
      const summary = await streamAuthorizationDetailsFile(
        file,
        () => {
          elements += 1;
        },
        { onProgress: () => watch.mark() },
      );
      if (summary.counts.users + summary.counts.roles === 0) throw new Error('the export held no principals');
      parseMs = since(started);
    } else {
      const facts = await importOfflineFiles({ authorizationDetailsPath: file, clock: () => new Date(), onProgress: () => watch.mark() });
      parseMs = since(started);
      watch.mark();
      const iam = facts.iam;
      if (iam === null) throw new Error('the import produced no IAM facts');
      elements = iam.users.length + iam.groups.length + iam.roles.length + iam.policies.length;
      const persistStarted = performance.now();
      const now = new Date().toISOString();
      insertScan(workspace.write, {
        id: `bench-import-${Date.now()}`,
        source: 'import',
        label: 'benchmark export',
        connectionId: null,
        connectionName: null,
        accountId: facts.account.id,
        accountAlias: null,
        scannerArn: null,
        regions: [],
        status: 'completed',
        startedAt: now,
        finishedAt: now,
        error: null,
        appVersion: 'bench',
        collectors: [],
        apiCalls: {},
        facts,
      });
      persistMs = since(persistStarted);
    }
    const totalMs = since(started);
    const used = process.cpuUsage(cpu);
    const memory = watch.stop();
    const fileMb = fileBytes / 1024 / 1024;
    const result: ImportResult = {
      mode,
      fileMb: Math.round(fileMb * 10) / 10,
      elements,
      totalMs,
      cpuMs: cpuMs(used),
      parseMs,
      persistMs,
      mbPerSecond: Math.round((fileMb / (parseMs / 1000)) * 10) / 10,
      memory,
      loadAverage: Math.round(loadAverage * 100) / 100,
    };
    emitResult(result);
  } finally {
    workspace?.close();
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
