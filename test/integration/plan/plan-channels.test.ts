/**
 * The 30-day plan over a real workspace (issue 11): measured tasks verified by scans and regressed by a
 * later one (noted in the audit log), manual claims that never look like scan evidence, skips,
 * the team's own tasks, restarts, and the burn-down across recorded evaluations. Two imports of one
 * real export: the first with every access key deactivated, the second as exported (keys from 2018).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput, type PlanView } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const REAL_IAM = resolve(process.cwd(), '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

let dir: string;
let backend: Backend;
let now = Date.parse('2026-03-01T09:00:00.000Z');
const clock = (): Date => new Date((now += 1000));
const events: string[] = [];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await backend.dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

async function callError<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<string> {
  const envelope = await backend.dispatch(channel, input);
  if (envelope.ok) throw new Error(`${channel} answered`);
  return `${envelope.error.code}: ${envelope.error.message}`;
}

async function importFiles(report: string): Promise<string> {
  const { jobId } = await call('import:files', { authorizationDetails: { kind: 'path', path: DETAILS }, credentialReport: { kind: 'path', path: report } });
  const job = await backend.jobs.wait(jobId);
  expect(job.status, job.message ?? '').toBe('completed');
  const [scanId] = job.scanIds;
  if (scanId === undefined) throw new Error('the import wrote no scan');
  return scanId;
}

/** The credential report with every access key marked inactive. */
function keysOff(): string {
  const [header = '', ...rows] = readFileSync(REPORT, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const active = ['access_key_1_active', 'access_key_2_active'].map((name) => columns.indexOf(name));
  const out = join(dir, 'keys-off.csv');
  writeFileSync(out, [header, ...rows.map((row) => row.split(',').map((cell, index) => (active.includes(index) ? 'false' : cell)).join(','))].join('\n') + '\n');
  return out;
}

const task = (view: PlanView, id: string): PlanView['tasks'][number] => {
  const found = view.tasks.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no task ${id}`);
  return found;
};

async function auditActions(): Promise<{ action: string; target: string }[]> {
  const entries = await call('audit:list', { limit: 500 });
  return entries.map((entry) => ({ action: entry.action, target: entry.target }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-plan-'));
  backend = createBackend({
    workspacePath: join(dir, 'workspace.sqlite'),
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: dir },
    clock,
    dialogs: null,
    emit: (event) => void events.push(event),
    acceptUploads: false,
    collectors: [],
  });
});

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the 30-day plan', () => {
  let first: string;
  let second: string;

  it('before it starts, lists what it would measure today and refuses changes', async () => {
    first = await importFiles(keysOff());
    const view = await call('plan:get', {});
    expect(view.plan).toBeNull();
    expect(view.burnDown).toEqual([]);
    expect(view.tasks.length).toBeGreaterThanOrEqual(18);
    expect(task(view, 'w2-keys-rotated')).toMatchObject({ kind: 'measured', status: 'done', late: false });
    expect(await callError('plan:claimTask', { id: 'w3-onboarding-path', evidence: 'announced in #platform' })).toMatch(/^conflict: Start the 30-day plan/);
  }, 120_000);

  it('starts: measured tasks name the scans that verified them, the start and each verification are audited', async () => {
    const view = await call('plan:start', { startDate: '2026-03-01', restart: false });
    expect(view.plan).toMatchObject({ startDate: '2026-03-01', week: 1, startedBy: 'tester', restarts: 0 });
    const keys = task(view, 'w2-keys-rotated');
    expect(keys.evidence).toEqual({ kind: 'scan', scanIds: [first], at: expect.any(String) as string });
    expect(keys.dueDate).toBe('2026-03-14');
    const scanned = task(view, 'w1-accounts-scanned');
    expect(scanned).toMatchObject({ status: 'done', progress: { done: 1, total: 1 } });
    expect(view.burnDown).toHaveLength(1);
    const actions = await auditActions();
    expect(actions).toContainEqual({ action: 'plan.started', target: 'plan' });
    expect(actions).toContainEqual({ action: 'plan.task_verified', target: 'w2-keys-rotated' });
    expect(events).toContain('plan:changed');
    expect(await callError('plan:start', { startDate: null, restart: false })).toMatch(/^conflict: The plan already started on 2026-03-01/);
  }, 120_000);

  it('a later scan that undoes a measured task regresses it, with when and which scans, noted in the audit log', async () => {
    second = await importFiles(REPORT);
    const view = await call('plan:get', {});
    const keys = task(view, 'w2-keys-rotated');
    expect(keys.status).toBe('regressed');
    expect(keys.evidence).toMatchObject({ kind: 'scan', scanIds: [first] });
    expect(keys.regressedAt?.scanIds).toEqual([second]);
    expect(keys.blockingTotal).toBeGreaterThan(0);
    const blocker = keys.blocking[0];
    expect(blocker?.kind).toBe('finding');
    if (blocker?.kind === 'finding') {
      expect(blocker.ruleId).toBe('access_key_not_rotated');
      expect(blocker.fix?.text.length).toBeGreaterThan(0);
    }
    expect(await auditActions()).toContainEqual({ action: 'plan.task_regressed', target: 'w2-keys-rotated' });
    // The burn-down: one point per recorded evaluation, more open after the regression.
    expect(view.burnDown).toHaveLength(2);
    expect(view.burnDown[1]?.open).toBeGreaterThan(view.burnDown[0]?.open ?? Infinity);
    // Reading again records nothing new.
    const again = await call('plan:get', {});
    expect(again.burnDown).toHaveLength(2);
    // Accepting every blocking finding hands the task back: done, the acceptances listed apart with their expiry.
    const { findings } = await call('findings:list', { scanId: null, accountId: null, severity: null, ruleId: 'access_key_not_rotated', status: null });
    await call('findings:acceptMany', { fingerprints: findings.map((f) => f.fingerprint), reason: 'keys retire with the old CI next month', until: '2026-04-30' });
    const accepted = task(await call('plan:get', {}), 'w2-keys-rotated');
    expect(accepted.status).toBe('done');
    expect(accepted.acceptedApart.map((a) => a.until)).toEqual(findings.map(() => '2026-04-30'));
  }, 120_000);

  it('a manual task is claimed by a person with evidence (never scan evidence), reopened, skipped and taken back', async () => {
    const hostile = 'see <img src=x onerror=alert(1)> \u202e and https://wiki.example/onboarding';
    await expect(callError('plan:claimTask', { id: 'w2-keys-rotated', evidence: 'I rotated them' })).resolves.toMatch(/^conflict: This task is measured/);
    let view = await call('plan:claimTask', { id: 'w3-onboarding-path', evidence: hostile });
    expect(task(view, 'w3-onboarding-path')).toMatchObject({ status: 'done', kind: 'manual', evidence: { kind: 'claim', by: 'tester', note: hostile } });
    view = await call('plan:reopenTask', { id: 'w3-onboarding-path', reason: 'not yet announced to the data team' });
    expect(task(view, 'w3-onboarding-path')).toMatchObject({ status: 'open', evidence: null });
    expect(await callError('plan:skipTask', { id: 'w4-human-approval', reason: 'short' })).toMatch(/^invalid_input/);
    view = await call('plan:skipTask', { id: 'w4-human-approval', reason: 'no agent here takes actions on its own' });
    expect(task(view, 'w4-human-approval')).toMatchObject({ status: 'skipped', skip: { by: 'tester', reason: 'no agent here takes actions on its own' } });
    expect(view.summary.skipped).toBe(1);
    view = await call('plan:unskipTask', { id: 'w4-human-approval' });
    expect(task(view, 'w4-human-approval').status).toBe('open');
    view = await call('plan:updateTask', { id: 'w1-ai-owner', owner: 'Ana Ruiz', dueDate: '2026-03-04', notes: 'ask each team lead' });
    expect(task(view, 'w1-ai-owner')).toMatchObject({ owner: 'Ana Ruiz', dueDate: '2026-03-04', notes: 'ask each team lead' });
    const actions = (await auditActions()).map((a) => `${a.action} ${a.target}`);
    for (const expected of ['plan.task_claimed w3-onboarding-path', 'plan.task_reopened w3-onboarding-path', 'plan.task_skipped w4-human-approval', 'plan.task_unskipped w4-human-approval', 'plan.task_updated w1-ai-owner']) {
      expect(actions).toContain(expected);
    }
  }, 120_000);

  it('is late past a due date, takes the team’s own tasks, and restarts clean', async () => {
    now = Date.parse('2026-03-20T09:00:00.000Z');
    let view = await call('plan:get', {});
    expect(view.plan?.week).toBe(3);
    expect(task(view, 'w3-onboarding-path').late).toBe(false);
    expect(task(view, 'w1-ai-owner').late).toBe(task(view, 'w1-ai-owner').status !== 'done');
    view = await call('plan:addTask', { week: 3, step: 5, title: 'Brief the data team', owner: null, dueDate: '2026-03-18', notes: '' });
    const own = view.tasks.find((t) => !t.builtIn);
    expect(own).toMatchObject({ kind: 'manual', criterion: null, status: 'open', late: true, week: 3, step: 5 });
    if (own === undefined) throw new Error('no own task');
    view = await call('plan:claimTask', { id: own.id, evidence: 'briefed on 19 March' });
    expect(view.tasks.find((t) => t.id === own.id)?.late).toBe(false);
    expect(await callError('plan:removeTask', { id: 'w3-onboarding-path' })).toMatch(/^invalid_input/);
    await call('plan:claimTask', { id: 'w3-onboarding-path', evidence: 'announced' });
    await call('plan:skipTask', { id: 'w4-human-approval', reason: 'no agent here takes actions on its own' });
    view = await call('plan:start', { startDate: '2026-03-20', restart: true });
    expect(view.plan).toMatchObject({ startDate: '2026-03-20', restarts: 1, week: 1 });
    expect(task(view, 'w3-onboarding-path').status).toBe('open');
    expect(task(view, 'w4-human-approval').status).toBe('open');
    expect(task(view, 'w1-ai-owner')).toMatchObject({ owner: 'Ana Ruiz', dueDate: '2026-03-26', notes: 'ask each team lead' });
    expect(view.tasks.find((t) => t.id === own.id)?.status).toBe('open');
    expect(view.burnDown).toHaveLength(1);
    // The regression belonged to the old run: not carried into the new one.
    expect(view.tasks.some((t) => t.status === 'regressed')).toBe(false);
    view = await call('plan:removeTask', { id: own.id });
    expect(view.tasks.some((t) => t.id === own.id)).toBe(false);
    expect((await auditActions()).map((a) => a.action)).toEqual(expect.arrayContaining(['plan.restarted', 'plan.task_added', 'plan.task_removed']));
  }, 120_000);
});
