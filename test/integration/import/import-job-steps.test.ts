import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStep } from '@shared/contract';
import { openWorkspace, type Workspace } from '@core/db/open-workspace';
import { rowMessage, runImportJob } from '@core/discovery/scan/import-job';
import type { JobHandle } from '@core/jobs/job-manager';

/** Real exports from public projects (see ../shared/fixtures/real-iam/MANIFEST.md). */
const CLOUDMAPPER = resolve(__dirname, '../../../../shared/fixtures/real-iam/cloudmapper-demo/us-east-1');
const AUTHZ = join(CLOUDMAPPER, 'iam-get-account-authorization-details.json');
const REPORT = join(CLOUDMAPPER, 'credential-report.csv');

/** The job's rows as the UI last heard them, by step. */
function recordingHandle(): { handle: JobHandle; rows: Map<string, JobStep> } {
  const rows = new Map<string, JobStep>();
  const handle: JobHandle = {
    jobId: 'test',
    signal: new AbortController().signal,
    step: (update) => {
      const previous: JobStep = rows.get(update.step) ?? {
        step: update.step,
        label: update.label,
        region: null,
        accountId: null,
        status: 'pending',
        done: 0,
        total: 0,
        calls: 0,
        message: null,
      };
      rows.set(update.step, { ...previous, ...update });
    },
  };
  return { handle, rows };
}

describe('import job rows (issue 10, §4: job feedback)', () => {
  let dir: string;
  let workspace: Workspace;
  const clock = (): Date => new Date('2026-12-01T10:00:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-import-rows-'));
    workspace = openWorkspace(join(dir, 'workspace.sqlite'), { clock, create: true });
  });
  afterEach(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a broken credential report fails on its own row, without repeating its name; the export is not blamed', async () => {
    const lines = readFileSync(REPORT, 'utf8').trimEnd().split('\n');
    const broken = join(dir, 'dup-report.csv');
    writeFileSync(broken, `${[...lines, lines[lines.length - 1]].join('\n')}\n`);
    const { handle, rows } = recordingHandle();
    const result = await runImportJob(
      handle,
      { authorizationDetails: { kind: 'path', path: AUTHZ }, credentialReport: { kind: 'path', path: broken }, accountId: null },
      { workspace, uploads: null, clock, appVersion: 'test' },
    );
    expect(result.status).toBe('failed');
    // The job's own message stands alone, so it names the file.
    expect(result.message).toMatch(/^dup-report\.csv: credential report lines 4 and 5/);
    const reportRow = rows.get('credential-report');
    expect(reportRow?.label).toBe('Read dup-report.csv');
    expect(reportRow?.status).toBe('failed');
    expect(reportRow?.message).toMatch(/^credential report lines 4 and 5/);
    expect(reportRow?.message).not.toContain('dup-report.csv');
    const exportRow = rows.get('authorization-details');
    expect(exportRow?.status).toBe('pending');
    expect(exportRow?.message).toBeNull();
    expect(rows.get('save')?.status).toBe('pending');
  });

  it('counts each file’s bytes: the report’s size, the export’s size, never "1 of 1"', async () => {
    const { handle, rows } = recordingHandle();
    const result = await runImportJob(
      handle,
      { authorizationDetails: { kind: 'path', path: AUTHZ }, credentialReport: { kind: 'path', path: REPORT }, accountId: null },
      { workspace, uploads: null, clock, appVersion: 'test' },
    );
    expect(result.status).toBe('completed');
    const reportSize = statSync(REPORT).size;
    const exportSize = statSync(AUTHZ).size;
    expect(rows.get('credential-report')).toMatchObject({ status: 'ok', done: reportSize, total: reportSize });
    expect(rows.get('authorization-details')).toMatchObject({ status: 'ok', done: exportSize, total: exportSize });
  });

  it('drops only a leading "name: " from a row message', () => {
    expect(rowMessage('r.csv: bad header', 'r.csv')).toBe('bad header');
    expect(rowMessage('the files are from different AWS accounts: r.csv is for 1', 'r.csv')).toBe('the files are from different AWS accounts: r.csv is for 1');
    expect(rowMessage('r.csv.gz: x', 'r.csv')).toBe('r.csv.gz: x');
  });
});
