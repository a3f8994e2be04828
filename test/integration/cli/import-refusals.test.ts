/**
 * Issue 8, items 4 and 6, end to end: a refused import says which file, where and why, on that file's
 * row of the job (what the Import screen shows), exits 1 from `warden import`, and writes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, ScanSummary } from '@shared/contract';
import { runWarden } from '../../../electron/cli/warden';
import { createBackend, type Backend } from '@core/backend';
import { MAX_IMPORT_PRINCIPALS_ENV } from '@core/discovery/import/limits';
import { EventHub } from '@core/events';
import { call } from '../../support/dispatch-call';

const CLOUDMAPPER = resolve(process.cwd(), '../shared/fixtures/real-iam/cloudmapper-demo/us-east-1');
const DETAILS = join(CLOUDMAPPER, 'iam-get-account-authorization-details.json');
const REPORT = join(CLOUDMAPPER, 'credential-report.csv');

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function warden(args: string[], env: NodeJS.ProcessEnv): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await runWarden(args, {
    env,
    io: { out: (t) => void (out += t), err: (t) => void (err += t) },
    moduleDir: join(process.cwd(), 'electron/cli'),
  });
  return { code, out, err };
}

function role(i: number, arn = `arn:aws:iam::123456789012:role/r${i}`): Record<string, unknown> {
  return { RoleName: `r${i}`, Arn: arn, Path: '/', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } };
}

describe('refused imports', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let files: Record<'dupReport' | 'dupRoles' | 'infinite' | 'tooMany', string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'warden-refusals-'));
    env = { WARDEN_WORKSPACE: join(dir, 'workspace.sqlite'), [MAX_IMPORT_PRINCIPALS_ENV]: '20', HOME: dir };
    const report = readFileSync(REPORT, 'utf8').trimEnd().split('\n');
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    files = {
      // The last user's line twice: lines 4 and 5.
      dupReport: write('dup-report.csv', `${[...report, report[report.length - 1]].join('\n')}\n`),
      dupRoles: write('dup-roles.json', JSON.stringify({ RoleDetailList: Array.from({ length: 1000 }, (_, i) => role(i, 'arn:aws:iam::123456789012:role/same')) }, null, 1)),
      // r3's MaxSessionDuration written as 1e999 (a marker value replaced in the text).
      infinite: write(
        'infinite.json',
        JSON.stringify({ RoleDetailList: [0, 1, 2, 3].map((i) => ({ ...role(i), MaxSessionDuration: i === 3 ? 987654321 : 3600 })) }, null, 1).replace('987654321', '1e999'),
      ),
      tooMany: write('too-many.json', JSON.stringify({ RoleDetailList: Array.from({ length: 21 }, (_, i) => role(i)) }, null, 1)),
    };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warden import: each refusal names the file, the place and the reason, exits 1 and adds no scan', async () => {
    const ok = await warden(['import', '--authorization-details', DETAILS, '--credential-report', REPORT], env);
    expect(ok.code, ok.err).toBe(0);
    const scans = async (): Promise<string> => (await warden(['agents', '--format', 'json'], env)).out;
    const before = JSON.parse(await scans()) as { view: { scans: { id: string }[] } };

    const dupReport = await warden(['import', '--authorization-details', DETAILS, '--credential-report', files.dupReport], env);
    expect(dupReport.code).toBe(1);
    expect(dupReport.err).toContain(
      'dup-report.csv: credential report lines 4 and 5: the ARN "arn:aws:iam::123456789012:user/user" appears twice',
    );
    expect(dupReport.err).not.toMatch(/UNIQUE|constraint/);
    // On the credential report's line, not the authorization details'.
    expect(dupReport.err).toMatch(/^failed\s+Read dup-report\.csv: credential report lines 4 and 5/m);
    expect(dupReport.err).not.toMatch(/^failed\s+Read iam-get-account-authorization-details\.json/m);

    const dupRoles = await warden(['import', '--authorization-details', files.dupRoles], env);
    expect(dupRoles.code).toBe(1);
    expect(dupRoles.err).toMatch(/dup-roles\.json: role "arn:aws:iam::123456789012:role\/same" appears twice: RoleDetailList\[0\] \(line 3\) and RoleDetailList\[1\] \(line \d+\)/);

    const infinite = await warden(['import', '--authorization-details', files.infinite], env);
    expect(infinite.code).toBe(1);
    expect(infinite.err).toMatch(/infinite\.json: RoleDetailList\[3\]\.MaxSessionDuration: 1e999 is not a finite number \(line \d+, byte \d+\)/);

    const tooMany = await warden(['import', '--authorization-details', files.tooMany], env);
    expect(tooMany.code).toBe(1);
    expect(tooMany.err).toContain('too-many.json: too large to import: more than 20 users and roles (reading stopped at RoleDetailList[20]');
    expect(tooMany.err).toContain('file an issue');

    // Nothing was written: the latest scan is still the first import.
    const after = JSON.parse(await scans()) as { view: { scans: { id: string }[] } };
    expect(after.view.scans.map((s) => s.id)).toEqual(before.view.scans.map((s) => s.id));
  }, 60_000);

  describe('the import job (what the Import screen shows)', () => {
    let backend: Backend;

    beforeAll(() => {
      backend = createBackend({
        workspacePath: join(dir, 'job-workspace.sqlite'),
        appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
        env,
        dialogs: null,
        emit: new EventHub().emit,
        acceptUploads: false,
      });
    });

    afterAll(() => backend.close());

    async function importJob(authorizationDetails: string, credentialReport: string | null): Promise<Job> {
      const { jobId } = await call<{ jobId: string }>(backend, 'import:files', {
        authorizationDetails: { kind: 'path', path: authorizationDetails },
        credentialReport: credentialReport === null ? null : { kind: 'path', path: credentialReport },
      });
      return backend.jobs.wait(jobId);
    }

    function stepsOf(job: Job): Record<string, { status: string; message: string | null }> {
      return Object.fromEntries(job.steps.map((s) => [s.step, { status: s.status, message: s.message }]));
    }

    it('a credential report problem is on the credential report row; the other file is not blamed', async () => {
      const job = await importJob(DETAILS, files.dupReport);
      expect(job.status).toBe('failed');
      expect(job.message).toMatch(/^dup-report\.csv: credential report lines 4 and 5/);
      const steps = stepsOf(job);
      // The row is the file's: it says what is wrong without repeating the name the row already shows.
      expect(steps['credential-report']).toEqual({ status: 'failed', message: job.message?.replace(/^dup-report\.csv: /, '') });
      expect(steps['authorization-details']?.status).toBe('pending');
      expect(steps['authorization-details']?.message).toBeNull();
      expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toEqual([]);
    });

    it('an export problem is on the export row, with the report read fine', async () => {
      const job = await importJob(files.tooMany, REPORT);
      const steps = stepsOf(job);
      expect(steps['credential-report']?.status).toBe('ok');
      expect(steps['authorization-details']).toMatchObject({ status: 'failed', message: expect.stringMatching(/^too large to import/) as unknown });
      expect(steps['save']?.status).toBe('pending');
      expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toEqual([]);
    });

    it('a problem of the two files together is on the check-and-save row; both files read fine', async () => {
      const other = join(dir, 'other-account.json');
      writeFileSync(other, JSON.stringify({ RoleDetailList: [role(1, 'arn:aws:iam::210987654321:role/r1')] }));
      const job = await importJob(other, REPORT);
      const steps = stepsOf(job);
      expect(steps['credential-report']?.status).toBe('ok');
      expect(steps['authorization-details']?.status).toBe('ok');
      expect(steps['save']).toMatchObject({ status: 'failed', message: expect.stringMatching(/different AWS accounts: credential-report\.csv is for 123456789012/) as unknown });
    });

    it('a good import ends with every row ok', async () => {
      const job = await importJob(DETAILS, REPORT);
      expect(job.status, job.message ?? '').toBe('completed');
      expect(Object.values(stepsOf(job)).map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
      expect(await call<ScanSummary[]>(backend, 'scans:list', {})).toHaveLength(1);
    });
  });
});
