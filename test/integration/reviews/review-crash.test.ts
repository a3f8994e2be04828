/**
 * A meeting survives a crash (issue 12): a process that recorded two decisions is SIGKILLed with the
 * meeting in progress and the workspace open; reopened, the meeting is in progress with both decisions,
 * their action item, their registry effects and audit entries, resumes at the third agent, and ends.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract';
import { createBackend, type Backend } from '@core/backend';

const ROOT = resolve(__dirname, '../../..');
const REAL_IAM = resolve(ROOT, '../shared/fixtures/real-iam');
const DETAILS = join(REAL_IAM, 'cloudmapper-demo/us-east-1/iam-get-account-authorization-details.json');
const REPORT = join(REAL_IAM, 'cloudmapper-demo/us-east-1/credential-report.csv');

const dir = mkdtempSync(join(tmpdir(), 'warden-reviews-crash-'));
let backend: Backend | undefined;

afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = await (backend as Backend).dispatch(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code}: ${envelope.error.message}`);
  return channels[channel].output.parse(envelope.value) as ChannelOutput<C>;
}

describe('kill -9 in the middle of a review meeting', () => {
  it('loses nothing: the meeting resumes at the first undecided agent', async () => {
    const workspacePath = join(dir, 'workspace.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'meeting-then-hang.ts'), workspacePath, DETAILS, REPORT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk));
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('close', (_code, signal) => done(signal)));
    const meetingId = await new Promise<string>((done, fail) => {
      const check = (): void => {
        const match = /DECIDED (\S+)\n/.exec(out);
        if (match?.[1] !== undefined) done(match[1]);
      };
      child.stdout.on('data', check);
      void exited.then(() => fail(new Error(`the child exited before deciding.\nstdout: ${out}\nstderr: ${err}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    backend = createBackend({
      workspacePath,
      appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
      env: { USER: 'tester', HOME: dir },
      dialogs: null,
      emit: () => undefined,
      acceptUploads: false,
      collectors: [],
    });
    const meeting = await call('reviews:get', { id: meetingId });
    expect(meeting.status).toBe('in_progress');
    expect(meeting.decisions.map((d) => [d.arn, d.decision, d.note])).toEqual([
      [meeting.agenda[0]?.arn, 'keep', 'first'],
      [meeting.agenda[1]?.arn, 'keep_with_changes', ''],
    ]);
    expect(meeting.decisions[1]?.actionItems.map((i) => i.text)).toEqual(['trim it']);
    expect(meeting.nextArn).toBe(meeting.agenda[2]?.arn);
    const agent = await call('agents:get', { scanId: null, arn: meeting.agenda[0]?.arn ?? '' });
    expect(agent.registry.lastReviewAt).toBe(meeting.decisions[0]?.decidedAt.slice(0, 10));
    const audit = await call('audit:list', { limit: 1000 });
    expect(audit.filter((e) => e.action === 'review.decision')).toHaveLength(2);
    expect((await call('audit:verify', {})).ok).toBe(true);
    const resumed = await call('reviews:start', { id: meetingId });
    expect(resumed.startedAt).toBe(meeting.startedAt);
    await call('reviews:decide', { id: meetingId, arn: resumed.nextArn ?? '', decision: 'rotate_credentials', deciders: ['Ana'] });
    const ended = await call('reviews:end', { id: meetingId });
    expect(ended.decisions).toHaveLength(3);
    expect(ended.carriedOver).toHaveLength(meeting.agenda.length - 3);
  }, 180_000);
});
