import { describe, expect, it } from 'vitest';
import type { Job, JobStep } from '@shared/contract';
import { EMPTY_JOBS, jobEndToast, jobProgress, jobsMemory, jobsReducer, mergeStep, restoreJobs, visibleJobs } from './jobs-model';

const NOW = '2026-11-24T12:00:00.000Z';

function step(overrides: Partial<JobStep> & { step: string }): JobStep {
  return { label: overrides.step, region: null, accountId: null, status: 'pending', done: 0, total: 0, calls: 0, message: null, ...overrides };
}

function job(overrides: Partial<Job> & { jobId: string }): Job {
  return { kind: 'scan', title: 'Scan dev', status: 'running', startedAt: NOW, finishedAt: null, steps: [], scanIds: [], message: null, ...overrides };
}

describe('jobs', () => {
  it('a step never goes backwards: finished beats running, more done beats less', () => {
    const running = step({ step: 'iam', status: 'running', done: 2, total: 5, calls: 3 });
    const ok = step({ step: 'iam', status: 'ok', done: 5, total: 5, calls: 7 });
    expect(mergeStep(ok, running)).toBe(ok);
    expect(mergeStep(running, ok)).toBe(ok);
    expect(mergeStep(running, step({ step: 'iam', status: 'running', done: 1 }))).toBe(running);
  });

  it('events before the snapshot, a snapshot older than the events, and replays all end in the same state', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'progress', now: NOW, event: { jobId: 'j1', kind: 'scan', ...step({ step: 'sts', status: 'ok', calls: 1 }) } });
    // A job first heard of through an event gets a placeholder and is watched.
    expect(state.jobs['j1']?.title).toBe('Scan');
    expect(state.watched).toEqual(['j1']);

    state = jobsReducer(state, { type: 'snapshot', jobs: [job({ jobId: 'j1', steps: [step({ step: 'sts', status: 'running' }), step({ step: 'iam' })] })] });
    expect(state.jobs['j1']?.title).toBe('Scan dev');
    expect(state.jobs['j1']?.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['sts:ok', 'iam:pending']);

    const finished = job({ jobId: 'j1', status: 'cancelled', finishedAt: NOW, steps: [step({ step: 'sts', status: 'ok', calls: 1 }), step({ step: 'iam', status: 'cancelled' })], message: 'Cancelled.' });
    state = jobsReducer(state, { type: 'finished', job: finished });
    // A late snapshot of the running job does not bring it back to life.
    state = jobsReducer(state, { type: 'snapshot', jobs: [job({ jobId: 'j1', steps: [step({ step: 'iam', status: 'running' })] })] });
    expect(state.jobs['j1']?.status).toBe('cancelled');
    expect(state.jobs['j1']?.steps.find((s) => s.step === 'iam')?.status).toBe('cancelled');
    // Cancelled half-way: the bar keeps the half that was done.
    expect(jobProgress(state.jobs['j1']!)).toBe(0.5);
  });

  it('shows running jobs and the outcome of jobs this window saw run, until dismissed', () => {
    let state = jobsReducer(EMPTY_JOBS, {
      type: 'snapshot',
      jobs: [job({ jobId: 'old', status: 'completed', startedAt: '2026-11-24T10:00:00Z' }), job({ jobId: 'live', startedAt: '2026-11-24T11:00:00Z' })],
    });
    state = jobsReducer(state, { type: 'started', jobId: 'imp', kind: 'import', title: 'Import', now: NOW });
    expect(visibleJobs(state, ['scan', 'import']).map((j) => j.jobId)).toEqual(['imp', 'live']);
    expect(visibleJobs(state, ['import']).map((j) => j.jobId)).toEqual(['imp']);

    state = jobsReducer(state, { type: 'finished', job: job({ jobId: 'live', status: 'completed', scanIds: ['s1'] }) });
    expect(visibleJobs(state, ['scan']).map((j) => j.jobId)).toEqual(['live']);
    state = jobsReducer(state, { type: 'dismiss', jobId: 'live' });
    expect(visibleJobs(state, ['scan'])).toEqual([]);

    // Another workspace: finished outcomes go away, running jobs stay.
    state = jobsReducer(state, { type: 'finished', job: job({ jobId: 'imp', kind: 'import', status: 'completed' }) });
    state = jobsReducer(state, { type: 'started', jobId: 'next', kind: 'scan', title: 'Scan', now: NOW });
    state = jobsReducer(state, { type: 'workspace-changed' });
    expect(visibleJobs(state, ['scan', 'import']).map((j) => j.jobId)).toEqual(['next']);
  });

  it('progress counts finished steps whole and running ones by their share', () => {
    const running = job({
      jobId: 'p',
      steps: [step({ step: 'a', status: 'ok' }), step({ step: 'b', status: 'running', done: 1, total: 4 }), step({ step: 'c' }), step({ step: 'd', status: 'denied' })],
    });
    expect(jobProgress(running)).toBeCloseTo((1 + 0.25 + 0 + 1) / 4);
    expect(jobProgress(job({ jobId: 'e' }))).toBe(0);
  });

  // Issue 10, §4: finished job panels can be dismissed and do not pile up.
  it('a new job puts away the finished outcomes of its kind, and only of its kind', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'started', jobId: 'i1', kind: 'import', title: 'Import', now: NOW });
    state = jobsReducer(state, { type: 'finished', job: job({ jobId: 'i1', kind: 'import', status: 'failed', finishedAt: NOW }) });
    state = jobsReducer(state, { type: 'started', jobId: 's1', kind: 'scan', title: 'Scan', now: NOW });
    state = jobsReducer(state, { type: 'finished', job: job({ jobId: 's1', status: 'completed', finishedAt: NOW }) });
    expect(visibleJobs(state, ['import']).map((j) => j.jobId)).toEqual(['i1']);

    state = jobsReducer(state, { type: 'started', jobId: 'i2', kind: 'import', title: 'Import', now: '2026-11-24T12:01:00.000Z' });
    expect(state.lastStarted).toBe('i2');
    expect(visibleJobs(state, ['import']).map((j) => j.jobId)).toEqual(['i2']);
    expect(visibleJobs(state, ['scan']).map((j) => j.jobId)).toEqual(['s1']);

    // A job first heard of through its progress (started elsewhere) does the same.
    state = jobsReducer(state, { type: 'progress', now: NOW, event: { jobId: 's2', kind: 'scan', ...step({ step: 'sts', status: 'running' }) } });
    expect(visibleJobs(state, ['scan']).map((j) => j.jobId)).toEqual(['s2']);
    // A running job is never put away.
    state = jobsReducer(state, { type: 'started', jobId: 'i3', kind: 'import', title: 'Import', now: NOW });
    expect(visibleJobs(state, ['import']).map((j) => j.jobId).sort()).toEqual(['i2', 'i3']);
    // And a finished one can be dismissed by hand.
    state = jobsReducer(state, { type: 'dismiss', jobId: 's1' });
    expect(state.dismissed).toContain('s1');
  });

  // Issue 10, §4: a toast never contradicts the job's result.
  it('the toast for an ended job has its outcome’s tone and words', () => {
    expect(jobEndToast(job({ jobId: 'a', kind: 'import', status: 'failed', message: 'r.csv: bad header' }))).toEqual({
      message: 'The import failed. r.csv: bad header',
      tone: 'danger',
    });
    expect(jobEndToast(job({ jobId: 'b', kind: 'import', status: 'completed', message: 'Imported 2 users and 1 roles of account 1.' }))).toEqual({
      message: 'Import finished. Imported 2 users and 1 roles of account 1.',
      tone: 'success',
    });
    expect(jobEndToast(job({ jobId: 'c', status: 'cancelled' }))?.tone).toBe('info');
    expect(jobEndToast(job({ jobId: 'd', status: 'running' }))).toBeNull();
    expect(jobEndToast(job({ jobId: 'e', kind: 'demo', status: 'completed' }))).toBeNull();
    // The Reports screen says what it printed (and why it could not): no second word from the toast.
    expect(jobEndToast(job({ jobId: 'f', kind: 'report', status: 'completed' }))).toBeNull();
    expect(jobEndToast(job({ jobId: 'g', kind: 'report', status: 'failed', message: 'no browser' }))).toBeNull();
  });
});

describe('jobs across a reload', () => {
  it('a scan that ends while the page reloads still shows its outcome; a new tab shows only what runs', () => {
    const before = jobsReducer(EMPTY_JOBS, { type: 'snapshot', jobs: [job({ jobId: 'scan-1' })] });
    const finished = job({ jobId: 'scan-1', status: 'completed', finishedAt: NOW, scanIds: ['s1'] });
    const reloaded = jobsReducer(restoreJobs(jobsMemory(before)), { type: 'snapshot', jobs: [finished] });
    expect(visibleJobs(reloaded, ['scan']).map((shown) => shown.status)).toEqual(['completed']);
    const freshTab = jobsReducer(restoreJobs(null), { type: 'snapshot', jobs: [finished] });
    expect(visibleJobs(freshTab, ['scan'])).toEqual([]);
  });

  it('keeps what was dismissed, and reads nothing else of what it finds in storage', () => {
    const watched = jobsReducer(EMPTY_JOBS, { type: 'snapshot', jobs: [job({ jobId: 'scan-1' })] });
    const dismissed = jobsReducer(watched, { type: 'dismiss', jobId: 'scan-1' });
    const reloaded = jobsReducer(restoreJobs(jobsMemory(dismissed)), { type: 'snapshot', jobs: [job({ jobId: 'scan-1', status: 'completed', finishedAt: NOW })] });
    expect(visibleJobs(reloaded, ['scan'])).toEqual([]);
    for (const junk of ['', 'null', '[]', '{"watched":"scan-1"}', '{"watched":[1,{"x":2},"<img src=x>","a b"]}', '{']) {
      expect(restoreJobs(junk)).toEqual(EMPTY_JOBS);
    }
    const many = JSON.stringify({ watched: Array.from({ length: 500 }, (_, i) => `job-${i}`), dismissed: [] });
    expect(restoreJobs(many).watched).toHaveLength(100);
    expect(restoreJobs(many).watched.at(-1)).toBe('job-499');
  });
});
