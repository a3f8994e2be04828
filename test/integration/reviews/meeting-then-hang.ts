/**
 * A child program for review-crash.test.ts: imports the real export into a workspace, registers five
 * agents, plans and starts a meeting, records two decisions, prints `DECIDED <meetingId>` and then
 * hangs (the test SIGKILLs it: a laptop lid closed, a crash, mid-meeting).
 */
import { join } from 'node:path';
import { createBackend } from '@core/backend';

async function main(): Promise<void> {
  const [workspacePath, details, report] = process.argv.slice(2);
  if (workspacePath === undefined || details === undefined || report === undefined) throw new Error('usage: meeting-then-hang WORKSPACE DETAILS REPORT');
  const backend = createBackend({
    workspacePath,
    appInfo: { name: 'Agent Warden', version: '0.0.0-test', transport: 'http', nativeDialogs: false, platform: 'linux' },
    env: { USER: 'tester', HOME: join(workspacePath, '..') },
    dialogs: null,
    emit: () => undefined,
    acceptUploads: false,
    collectors: [],
  });
  const call = async (channel: string, input: unknown): Promise<Record<string, unknown>> => {
    const envelope = await backend.dispatch(channel, input);
    if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    return envelope.value as Record<string, unknown>;
  };
  const { jobId } = (await call('import:files', { authorizationDetails: { kind: 'path', path: details }, credentialReport: { kind: 'path', path: report } })) as { jobId: string };
  await backend.jobs.wait(jobId);
  const { agents } = (await call('agents:list', { scanId: null, accountId: null })) as { agents: { arn: string; access: string; awsManaged: boolean; kind: string }[] };
  const arns = agents.filter((a) => a.access === 'workload' && !a.awsManaged && a.kind !== 'unscanned-role').slice(0, 5).map((a) => a.arn);
  await call('registry:update', { arns, patch: { status: 'registered' }, reason: null });
  await call('registry:update', { arns, patch: { nextReviewAt: null }, reason: null });
  const meeting = (await call('reviews:plan', { title: 'Crash review', scheduledFor: '2026-03-03T10:00', timeZone: 'UTC', attendees: ['Ana'] })) as { id: string; agenda: { arn: string }[] };
  await call('reviews:start', { id: meeting.id });
  await call('reviews:decide', { id: meeting.id, arn: meeting.agenda[0]?.arn, decision: 'keep', note: 'first', deciders: ['Ana'] });
  await call('reviews:decide', { id: meeting.id, arn: meeting.agenda[1]?.arn, decision: 'keep_with_changes', deciders: ['Ana'], actionItems: [{ text: 'trim it', owner: 'Bo', dueDate: '2030-01-01' }] });
  process.stdout.write(`DECIDED ${meeting.id}\n`);
  // Hang with the workspace open, as an app would between two decisions.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
